const COS_BUCKET = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-([0-9]+)$/

/**
 * The APPID of a Tencent COS bucket, read from its `-<digits>` suffix, or `undefined` when the
 * name has no such suffix or is not a COS bucket name.
 *
 * @example
 * ```ts
 * appidFromBucket('photos-1250000000') // '1250000000'
 * appidFromBucket('photos') // undefined
 * ```
 */
export function appidFromBucket(bucket: string): string | undefined {
  if (typeof bucket !== 'string') return undefined
  return COS_BUCKET.exec(bucket)?.[1]
}

import type { ActionType } from './action-type'

/**
 * The business intent behind a policy: one bucket, one region, one folder prefix and one kind of
 * access. Every builder turns it into the cloud's own policy document.
 *
 * @example
 * ```ts
 * const request: PolicyRequest = {
 *   bucket: 'photos-1250000000',
 *   region: 'ap-guangzhou',
 *   allowPath: 'user/123/',
 *   actionType: ActionType.WRITE,
 * }
 * ```
 */
export interface PolicyRequest {
  /** Bucket name; for Tencent COS the full `<name>-<APPID>` form. */
  bucket: string
  /** Region id such as `ap-guangzhou`, `us-east-1` or `cn-hangzhou`. */
  region: string
  /** Folder prefix the credential is confined to; `''` (the default) means the whole bucket. */
  allowPath?: string
  /** Kind of access; defaults to `write`. */
  actionType?: ActionType
}

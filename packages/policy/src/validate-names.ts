import { reject } from './errors'

const REGION = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/
const OSS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/

/** A region is one lower-case DNS label (`ap-guangzhou`, `us-east-1`): no `.`, `/` or `#`. */
export function assertRegion(region: string): string {
  if (typeof region !== 'string' || !REGION.test(region)) {
    reject('InvalidRegion', 'region', 'must be a region id like "ap-guangzhou"', region)
  }
  return region
}

/** Throws `InvalidBucketName` naming the broken rule. */
export function badBucket(rule: string, bucket: unknown): never {
  reject('InvalidBucketName', 'bucket', rule, bucket)
}

/** S3: 3–63 of `[a-z0-9.-]`, alphanumeric at both ends, no `..`, not an IPv4 address. */
export function assertS3Bucket(bucket: string): string {
  if (typeof bucket !== 'string' || !S3_BUCKET.test(bucket)) {
    badBucket('must be 3-63 of a-z, 0-9, "." and "-", alphanumeric at both ends', bucket)
  }
  if (bucket.includes('..') || IPV4.test(bucket)) {
    badBucket('must not contain ".." nor look like an IP address', bucket)
  }
  return bucket
}

/** OSS: 3–63 of `[a-z0-9-]`, alphanumeric at both ends. */
export function assertOssBucket(bucket: string): string {
  if (typeof bucket !== 'string' || !OSS_BUCKET.test(bucket)) {
    badBucket('must be 3-63 of a-z, 0-9 and "-", alphanumeric at both ends', bucket)
  }
  return bucket
}

import { actionsFor } from './action-type'
import { invalid } from './errors'
import { normalizeAllowPath } from './normalize-allow-path'
import type { PolicyRequest } from './policy-request'
import { assertRegion, assertS3Bucket } from './validate-names'

/**
 * One statement of an AWS IAM policy.
 *
 * @example
 * ```ts
 * const statement: AwsStatement = {
 *   Effect: 'Deny',
 *   Action: 's3:DeleteObject',
 *   Resource: 'arn:aws:s3:::photos/*',
 * }
 * ```
 */
export interface AwsStatement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Condition?: Record<string, Record<string, string | string[]>>
}

/**
 * An AWS IAM policy document (`Version: '2012-10-17'`), used as an STS session policy.
 *
 * @example
 * ```ts
 * const policy: AwsPolicy = buildAwsPolicy({
 *   bucket: 'photos',
 *   region: 'us-east-1',
 *   allowPath: 'u/1/',
 * })
 * ```
 */
export interface AwsPolicy {
  Version: '2012-10-17'
  Statement: AwsStatement[]
}

/**
 * S3 object actions per access kind. Multipart initiate, upload part and complete are all
 * authorised by `s3:PutObject`, HeadObject by `s3:GetObject`.
 *
 * @example
 * ```ts
 * AWS_ACTIONS.write // ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts']
 * ```
 */
export const AWS_ACTIONS = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
} as const

/**
 * Maximum plaintext size of an STS inline session policy, in characters.
 *
 * @example
 * ```ts
 * if (awsPolicySize(policy) > AWS_SESSION_POLICY_MAX_CHARS) splitTheGrant()
 * ```
 */
export const AWS_SESSION_POLICY_MAX_CHARS = 2048

/**
 * The minified JSON of an IAM policy, with every character above U+00FF written as a `\uXXXX`
 * escape: STS accepts only U+0020–U+00FF (plus tab, LF, CR) in a session policy, and IAM decodes
 * the escapes, so Unicode folder names still match.
 *
 * @example
 * ```ts
 * serializeAwsPolicy(
 *   buildAwsPolicy({ bucket: 'photos', region: 'us-east-1', allowPath: '相册/' }),
 * )
 * // '{"Version":"2012-10-17",..."Resource":"arn:aws:s3:::photos/\\u76f8\\u518c/*"}]}'
 * ```
 */
export function serializeAwsPolicy(policy: AwsPolicy): string {
  return JSON.stringify(policy).replace(
    /[\u0100-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * The size in characters that counts against {@link AWS_SESSION_POLICY_MAX_CHARS}: the length
 * of {@link serializeAwsPolicy}'s output (or of a string you serialised yourself).
 *
 * @example
 * ```ts
 * awsPolicySize(buildAwsPolicy({ bucket: 'photos', region: 'us-east-1' })) // 174
 * ```
 */
export function awsPolicySize(policy: AwsPolicy | string): number {
  return (typeof policy === 'string' ? policy : serializeAwsPolicy(policy)).length
}

/** The ARN partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

/**
 * The ARN of one S3 object key (or key pattern), to ask {@link isAllowed} about a key.
 *
 * @example
 * ```ts
 * awsObjectResource({ bucket: 'photos', key: 'u/1/a.png' }) // 'arn:aws:s3:::photos/u/1/a.png'
 * ```
 */
export function awsObjectResource(options: {
  bucket: string
  key: string
  /** ARN partition; defaults to `aws`. */
  partition?: string
}): string {
  return `arn:${options.partition ?? 'aws'}:s3:::${assertS3Bucket(options.bucket)}/${options.key}`
}

/**
 * Builds the IAM session policy for a request: the S3 object actions of the action type
 * (default `write`) on `arn:aws:s3:::<bucket>/<allowPath>*`. With `allowList: true` it also
 * grants `s3:ListBucket` on the bucket, limited by a `StringLike` `s3:prefix` condition to
 * `<allowPath>*` (no condition for a whole-bucket grant). The partition follows the region
 * (`aws-cn`, `aws-us-gov`) unless `partition` is given. Throws `ValidationError` before any I/O:
 * `InvalidBucketName`, `InvalidRegion`, `InvalidScope`, or `PolicyTooLarge` above 2048 chars.
 *
 * @example
 * ```ts
 * buildAwsPolicy({ bucket: 'photos', region: 'us-east-1', allowPath: 'u/1', actionType: 'read' })
 * // { Version: '2012-10-17', Statement: [
 * //   { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::photos/u/1/*' }] }
 * ```
 */
export function buildAwsPolicy(
  request: PolicyRequest & { allowList?: boolean; partition?: string },
): AwsPolicy {
  const actions = actionsFor(request.actionType, AWS_ACTIONS)
  const region = assertRegion(request.region)
  const bucket = assertS3Bucket(request.bucket)
  const prefix = normalizeAllowPath(request.allowPath ?? '')
  const partition = request.partition ?? partitionOf(region)
  const statements: AwsStatement[] = [
    {
      Effect: 'Allow',
      Action: actions,
      Resource: awsObjectResource({ bucket, key: `${prefix}*`, partition }),
    },
  ]
  if (request.allowList === true) {
    const list: AwsStatement = {
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: `arn:${partition}:s3:::${bucket}`,
    }
    if (prefix !== '') list.Condition = { StringLike: { 's3:prefix': [`${prefix}*`] } }
    statements.push(list)
  }
  const policy: AwsPolicy = { Version: '2012-10-17', Statement: statements }
  const size = awsPolicySize(policy)
  if (size > AWS_SESSION_POLICY_MAX_CHARS) {
    throw invalid(
      'PolicyTooLarge',
      'allowPath',
      `session policy is ${size} characters, above the ${AWS_SESSION_POLICY_MAX_CHARS} limit`,
    )
  }
  return policy
}

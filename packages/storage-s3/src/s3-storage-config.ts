import type { StorageConfigInput } from '@aury/storage-core'
import type { S3ClientConfig } from '@aws-sdk/client-s3'
import type { RetryPolicy } from './retry-policy'
import type { UploadLogger } from './upload-object'

/** S3-specific settings of {@link S3StorageConfig}; all optional. */
export interface S3StorageOptions {
  /** Multipart part size in bytes. Default 8 MiB (never below the backend's minimum). */
  partSize?: number
  /** Parts in flight per upload (memory is about `partSize x concurrency`). Default 4. */
  concurrency?: number
  /** Bodies up to this many bytes go in one PutObject. Default `partSize`. */
  multipartThreshold?: number
  /** Retries of a failed multipart part (exponential backoff, full jitter). */
  retry?: RetryPolicy
  /** Attempts of every other request (the SDK's standard retry). Default 3. */
  maxAttempts?: number
  /** TCP connect timeout in ms. Default 10,000. */
  connectionTimeoutMs?: number
  /** Idle socket timeout in ms (a stalled transfer fails, retryably). Default 60,000. */
  socketTimeoutMs?: number
  /**
   * When the credentials stop working (STS). Presigned URLs never outlive it and signing fails
   * with `ExpiredToken` after it.
   */
  credentialsExpiration?: Date
  /** Cloudflare account id: gives R2's default endpoint. */
  accountId?: string
  /** Default lifetime of `getFileUrl` in seconds. Default 3600. */
  defaultUrlExpiresIn?: number
  /** ListObjectsV2 (default) or the v1 marker API for servers with broken continuation tokens. */
  listVersion?: 1 | 2
  /** The clock, in ms since the epoch (signing dates and expiry caps). Default `Date.now`. */
  now?: () => number
  /** Diagnostics hook; never receives secrets. */
  logger?: UploadLogger
  /**
   * Extra `S3Client` settings merged last (e.g. a custom `requestHandler` for fault injection).
   * Credentials, endpoint and addressing come from the config above.
   */
  clientConfig?: Partial<S3ClientConfig>
}

/**
 * Configuration of `S3Storage`: the seed's `StorageConfig` fields (`backend`, `bucketName`,
 * `region`, `endpoint`, `accessKeyId`, `accessKeySecret`, `sessionToken`, `forcePathStyle`,
 * `allowHttp`) plus {@link S3StorageOptions}.
 *
 * @example
 * ```ts
 * const config: S3StorageConfig = {
 *   backend: 'cos', bucketName: 'my-bucket-1250000000', region: 'ap-guangzhou',
 *   accessKeyId: process.env.COS_ID, accessKeySecret: process.env.COS_KEY,
 * }
 * ```
 */
export type S3StorageConfig = StorageConfigInput & S3StorageOptions

/**
 * Fields of an `S3StorageConfig` that may appear in logs and `util.inspect`; everything else
 * (secrets, tokens, hooks) is redacted.
 *
 * @example
 * ```ts
 * redactObject(config, S3_CONFIG_LOGGABLE_FIELDS)
 * ```
 */
export const S3_CONFIG_LOGGABLE_FIELDS: readonly string[] = [
  'backend',
  'bucketName',
  'region',
  'endpoint',
  'accessKeyId',
  'forcePathStyle',
  'allowHttp',
  'partSize',
  'concurrency',
  'multipartThreshold',
  'maxAttempts',
  'connectionTimeoutMs',
  'socketTimeoutMs',
  'credentialsExpiration',
  'accountId',
  'defaultUrlExpiresIn',
  'listVersion',
]

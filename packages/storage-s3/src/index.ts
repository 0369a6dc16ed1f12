/**
 * `@aury/storage-s3`: `S3Storage` for AWS S3, MinIO, Tencent COS, Aliyun OSS and Cloudflare R2,
 * with per-backend profiles, a streaming multipart uploader and presigned GET/PUT/POST.
 * Importing the package registers the S3 backends with `StorageFactory`.
 *
 * @packageDocumentation
 */
import { registerS3Storage } from './register'

export {
  type BackendProfile,
  backendProfile,
  S3_BACKENDS,
  type S3BackendName,
} from './backend-profile'
export { addContentMd5Middleware } from './content-md5-middleware'
export { type CheckEndpointOptions, checkEndpoint } from './endpoint'
export {
  backendForCredentials,
  type FromSTSCredentialsOptions,
  fromSTSCredentials,
} from './from-sts-credentials'
export { createPartSource, type Part, type PartSource, type UploadBody } from './part-source'
export { registerS3Storage } from './register'
export {
  abortableSleep,
  backoffDelay,
  isRetryableError,
  type ResolvedRetryPolicy,
  type RetryPolicy,
  resolveRetryPolicy,
} from './retry-policy'
export { type S3ErrorContext, toStorageError } from './s3-error'
export { type S3GetUrlOptions, type S3PresignedPostOptions, S3Storage } from './s3-storage'
export {
  S3_CONFIG_LOGGABLE_FIELDS,
  type S3StorageConfig,
  type S3StorageOptions,
} from './s3-storage-config'
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_PART_SIZE,
  MAX_PART_SIZE,
  MAX_PARTS,
  MiB,
  type ObjectWriteParams,
  type UploadLogger,
  type UploadObjectOptions,
  type UploadObjectResult,
  uploadObject,
} from './upload-object'

registerS3Storage()

import { StorageFactory } from '@aury/storage-core'
import { S3_BACKENDS } from './backend-profile'
import { fromSTSCredentials } from './from-sts-credentials'
import { S3Storage } from './s3-storage'

/**
 * Registers `S3Storage` with `StorageFactory` for `s3`, `minio`, `cos`, `oss` and `r2`, and
 * installs {@link fromSTSCredentials} behind `StorageFactory.fromSTSCredentials`. Importing
 * `@aury/storage-s3` does this once; calling it again is harmless.
 *
 * @example
 * ```ts
 * registerS3Storage()
 * const storage = StorageFactory.create('minio', {
 *   bucketName: 'b',
 *   endpoint,
 *   accessKeyId,
 *   accessKeySecret,
 * })
 * ```
 */
export function registerS3Storage(): void {
  for (const backend of S3_BACKENDS) {
    StorageFactory.register(backend, (config) => new S3Storage(config))
  }
  StorageFactory.registerCredentialsAdapter((credentials, options) =>
    fromSTSCredentials(credentials, options),
  )
}

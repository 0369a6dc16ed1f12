import { ErrorCode, ValidationError } from '@aury/errors'
import type { StorageCredentialsLike } from '@aury/storage-core'
import type { S3BackendName } from './backend-profile'
import { S3Storage } from './s3-storage'
import type { S3StorageOptions } from './s3-storage-config'

/** Options of {@link fromSTSCredentials}. */
export interface FromSTSCredentialsOptions extends S3StorageOptions {
  /** Force a backend instead of deriving it from `credentials.provider` and the endpoint. */
  backend?: S3BackendName
  /** Override the endpoint written into the credentials. */
  endpoint?: string
  /** Permit an `http:` endpoint (development servers such as a local MinIO). */
  allowHttp?: boolean
  /** Override the addressing style (COS and OSS accept virtual-host only). */
  forcePathStyle?: boolean
}

const AWS_HOST = /(^|\.)amazonaws\.com(\.cn)?$/i

/**
 * The backend that credentials from an STS provider are meant for: `tencent` -> `cos`,
 * `aliyun` -> `oss`, `aws` -> `s3` on an AWS endpoint, else `minio` (MinIO's STS and any other
 * S3-compatible endpoint).
 *
 * @example
 * ```ts
 * backendForCredentials({ provider: 'aws', endpoint: 'http://127.0.0.1:9000' }) // 'minio'
 * ```
 */
export function backendForCredentials(
  credentials: Pick<StorageCredentialsLike, 'provider' | 'endpoint'>,
): S3BackendName {
  switch (credentials.provider) {
    case 'tencent':
      return 'cos'
    case 'aliyun':
      return 'oss'
    case 'aws': {
      if (!credentials.endpoint) return 's3'
      let host = ''
      try {
        host = new URL(credentials.endpoint).hostname
      } catch {
        host = credentials.endpoint
      }
      return AWS_HOST.test(host) ? 's3' : 'minio'
    }
    default:
      throw new ValidationError(
        `Unknown credentials provider ${JSON.stringify(String(credentials.provider))}`,
        { code: ErrorCode.UnknownProvider, field: 'provider' },
      )
  }
}

function withScheme(endpoint: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`
}

/**
 * An `S3Storage` for the bucket that temporary credentials were issued for, with the right
 * profile for their cloud. Presigned URLs it makes never outlive `credentials.expiration`.
 * Also reachable as `StorageFactory.fromSTSCredentials` once `@aury/storage-s3` is imported.
 *
 * @example
 * ```ts
 * const credentials = await provider.getCredentials({ bucket, region, allowPath: 'user/123/' })
 * const storage = fromSTSCredentials(credentials)
 * await storage.uploadFile({ objectName: 'user/123/a.jpg', data })
 * ```
 */
export function fromSTSCredentials(
  credentials: StorageCredentialsLike,
  options: FromSTSCredentialsOptions = {},
): S3Storage {
  if (credentials === null || typeof credentials !== 'object') {
    throw new ValidationError('fromSTSCredentials needs credentials', {
      code: ErrorCode.InvalidArgument,
      field: 'credentials',
    })
  }
  const { backend: forced, endpoint: endpointOverride, ...rest } = options
  const backend = forced ?? backendForCredentials(credentials)
  const endpoint = endpointOverride ?? credentials.endpoint
  // AWS credentials carry the regional endpoint; the SDK resolves it (and virtual hosts) itself.
  const useEndpoint = backend !== 's3' && endpoint ? withScheme(endpoint) : undefined
  return new S3Storage({
    ...rest,
    backend,
    bucketName: credentials.bucket,
    region: credentials.region,
    endpoint: useEndpoint,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    credentialsExpiration: credentials.expiration,
  })
}

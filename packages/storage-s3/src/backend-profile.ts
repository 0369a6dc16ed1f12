import { ErrorCode, ValidationError } from '@aury/errors'
import { MiB } from './upload-object'

/** The S3-compatible services `S3Storage` knows. */
export type S3BackendName = 's3' | 'minio' | 'cos' | 'oss' | 'r2'

/**
 * What one service needs from the client: addressing, default endpoint, checksum behaviour,
 * multipart limits and which optional features exist.
 */
export interface BackendProfile {
  readonly backend: S3BackendName
  /** `virtual-only`: the service rejects path-style requests (COS, OSS). */
  readonly addressing: 'virtual' | 'path' | 'virtual-only'
  /** Whether `@aws-sdk/client-s3`'s default CRC32 checksums are understood. */
  readonly flexibleChecksums: boolean
  /** Send Content-MD5 (and no flexible checksum) on DeleteObjects. */
  readonly deleteObjectsMd5: boolean
  /** Smallest allowed non-last multipart part, in bytes. */
  readonly minPartSize: number
  /** Keys per DeleteObjects request. */
  readonly batchDeleteMax: number
  /** The service accepts browser POST uploads with a SigV4 policy. */
  readonly presignedPost: boolean
  /** Longest key in UTF-8 bytes. */
  readonly maxKeyBytes: number
  /** `eventual` where a new object may be missing from the next listing (COS). */
  readonly listConsistency: 'strong' | 'eventual'
  /** Whether the service accepts ACL headers (R2 rejects them). */
  readonly acl: boolean
  /**
   * Whether an object and a prefix may share a name (`a` and `a/b`). MinIO stores both but its
   * listings hide whichever comes second, so its profile refuses such writes with `Conflict`.
   */
  readonly objectPrefixOverlap: boolean
  /** Default region when the config has none. */
  readonly defaultRegion?: string
  /** The endpoint for a region (and, for R2, an account id), or `undefined` for the SDK's own. */
  defaultEndpoint(region: string, accountId?: string): string | undefined
}

const PROFILES: Record<S3BackendName, BackendProfile> = {
  s3: {
    backend: 's3',
    addressing: 'virtual',
    flexibleChecksums: true,
    deleteObjectsMd5: false,
    minPartSize: 5 * MiB,
    batchDeleteMax: 1000,
    presignedPost: true,
    maxKeyBytes: 1024,
    listConsistency: 'strong',
    acl: true,
    objectPrefixOverlap: true,
    defaultRegion: 'us-east-1',
    defaultEndpoint: () => undefined,
  },
  minio: {
    backend: 'minio',
    addressing: 'path',
    flexibleChecksums: false,
    deleteObjectsMd5: true,
    minPartSize: 5 * MiB,
    batchDeleteMax: 1000,
    presignedPost: true,
    maxKeyBytes: 1024,
    listConsistency: 'strong',
    acl: true,
    objectPrefixOverlap: false,
    defaultRegion: 'us-east-1',
    defaultEndpoint: () => undefined,
  },
  cos: {
    backend: 'cos',
    addressing: 'virtual-only',
    flexibleChecksums: false,
    deleteObjectsMd5: true,
    minPartSize: 1 * MiB,
    batchDeleteMax: 1000,
    presignedPost: true,
    maxKeyBytes: 850,
    listConsistency: 'eventual',
    acl: true,
    objectPrefixOverlap: true,
    defaultEndpoint: (region) => `https://cos.${region}.myqcloud.com`,
  },
  oss: {
    backend: 'oss',
    addressing: 'virtual-only',
    flexibleChecksums: false,
    deleteObjectsMd5: true,
    minPartSize: 100 * 1024,
    batchDeleteMax: 1000,
    presignedPost: true,
    maxKeyBytes: 1023,
    listConsistency: 'strong',
    acl: true,
    objectPrefixOverlap: true,
    defaultEndpoint: (region) =>
      `https://${region.startsWith('oss-') ? '' : 'oss-'}${region}.aliyuncs.com`,
  },
  r2: {
    backend: 'r2',
    addressing: 'virtual',
    flexibleChecksums: false,
    deleteObjectsMd5: true,
    minPartSize: 5 * MiB,
    // OpenDAL documents 700 keys per DeleteObjects for R2.
    batchDeleteMax: 700,
    presignedPost: false,
    maxKeyBytes: 1024,
    listConsistency: 'strong',
    acl: false,
    objectPrefixOverlap: true,
    defaultRegion: 'auto',
    defaultEndpoint: (_region, accountId) =>
      accountId ? `https://${accountId}.r2.cloudflarestorage.com` : undefined,
  },
}

/**
 * The profile of an S3-compatible backend.
 *
 * @example
 * ```ts
 * backendProfile('cos').defaultEndpoint('ap-guangzhou') // 'https://cos.ap-guangzhou.myqcloud.com'
 * backendProfile('r2').presignedPost // false
 * ```
 */
export function backendProfile(backend: string): BackendProfile {
  const profile = PROFILES[backend as S3BackendName]
  if (!profile) {
    throw new ValidationError(`S3Storage does not serve the backend "${backend}"`, {
      code: ErrorCode.UnknownBackend,
      field: 'backend',
      details: { backend, supported: Object.keys(PROFILES) },
    })
  }
  return profile
}

/**
 * Every backend name `S3Storage` serves.
 *
 * @example
 * ```ts
 * S3_BACKENDS.includes('cos') // true
 * ```
 */
export const S3_BACKENDS: readonly S3BackendName[] = Object.keys(PROFILES) as S3BackendName[]

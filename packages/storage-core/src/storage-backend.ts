import { z } from 'zod'

/**
 * The storage backends Aury knows by name. Values are the seed's lower-case strings.
 *
 * @example
 * ```ts
 * import { StorageBackend } from '@aury/storage-core'
 * StorageBackend.LOCAL // 'local'
 * ```
 */
export const StorageBackend = {
  LOCAL: 'local',
  MEMORY: 'memory',
  S3: 's3',
  MINIO: 'minio',
  COS: 'cos',
  OSS: 'oss',
  R2: 'r2',
} as const

/** One of the values of {@link StorageBackend}. */
export type StorageBackend = (typeof StorageBackend)[keyof typeof StorageBackend]

/**
 * Zod schema accepting any {@link StorageBackend} value.
 *
 * @example
 * ```ts
 * StorageBackendSchema.parse('s3') // 's3'
 * ```
 */
export const StorageBackendSchema = z.enum([
  StorageBackend.LOCAL,
  StorageBackend.MEMORY,
  StorageBackend.S3,
  StorageBackend.MINIO,
  StorageBackend.COS,
  StorageBackend.OSS,
  StorageBackend.R2,
])

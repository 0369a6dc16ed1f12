import { ErrorCode, protectSecrets, ValidationError } from '@aury/errors'
import { z } from 'zod'
import { StorageBackendSchema } from './storage-backend'

/**
 * Zod schema of {@link StorageConfig}: what any backend needs to be built by
 * `StorageFactory.create`. Unknown keys are kept (`passthrough`) so a backend can read its own
 * options.
 *
 * @example
 * ```ts
 * StorageConfigSchema.parse({ backend: 'local', bucketName: 'default', basePath: './uploads' })
 * ```
 */
export const StorageConfigSchema = z
  .object({
    backend: StorageBackendSchema,
    bucketName: z.string().min(1).optional(),
    region: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'a single DNS label')
      .max(63)
      .optional(),
    endpoint: z.string().url().optional(),
    accessKeyId: z.string().min(1).optional(),
    accessKeySecret: z.string().min(1).optional(),
    sessionToken: z.string().min(1).optional(),
    /** Path-style addressing (`https://host/bucket/key`), needed by MinIO and s3rver. */
    forcePathStyle: z.boolean().optional(),
    /** Root directory of the local backend. */
    basePath: z.string().min(1).optional(),
    /** Public base URL of signed local URLs (served by `createLocalStorageHandler`). */
    baseUrl: z.string().url().optional(),
    /** HMAC secret of signed local URLs. */
    signingSecret: z.string().min(16).optional(),
    /** Allow `http:` endpoints (development only). */
    allowHttp: z.boolean().optional(),
  })
  .passthrough()

/** Backend configuration, as accepted by `StorageFactory.create`. */
export type StorageConfig = z.output<typeof StorageConfigSchema>
/** Input type of {@link StorageConfigSchema}. */
export type StorageConfigInput = z.input<typeof StorageConfigSchema>

/** Fields of a config that may be printed; everything else is redacted by `protectSecrets`. */
export const STORAGE_CONFIG_LOGGABLE_FIELDS: readonly string[] = [
  'backend',
  'bucketName',
  'region',
  'endpoint',
  'accessKeyId',
  'forcePathStyle',
  'basePath',
  'baseUrl',
  'allowHttp',
]

/**
 * Validate a config; throws `ValidationError` (`InvalidConfig`, or `InvalidRegion` for a bad
 * region) before any I/O. The result hides `accessKeySecret`, `sessionToken` and
 * `signingSecret` from `JSON.stringify`, `String` and `util.inspect`.
 *
 * @example
 * ```ts
 * const config = parseStorageConfig({ backend: 's3', bucketName: 'b', region: 'us-east-1' })
 * ```
 */
export function parseStorageConfig(input: unknown): StorageConfig {
  const result = StorageConfigSchema.safeParse(input)
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.join('.') || undefined
    throw new ValidationError(`Invalid storage config: ${field ?? ''} ${issue?.message ?? ''}`, {
      code: field === 'region' ? ErrorCode.InvalidRegion : ErrorCode.InvalidConfig,
      field,
    })
  }
  return protectSecrets({ ...result.data }, STORAGE_CONFIG_LOGGABLE_FIELDS)
}

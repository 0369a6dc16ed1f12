import { ErrorCode, StorageError } from '@aury/errors'
import type { Storage } from './storage'
import type { StorageBackend } from './storage-backend'
import { parseStorageConfig, type StorageConfig, type StorageConfigInput } from './storage-config'

/** Builds a backend from a validated config. */
export type StorageCreator = (config: StorageConfig) => Storage

/**
 * The shape of temporary credentials `fromSTSCredentials` accepts (structurally the
 * `STSCredentials` of `@aury/sts-core`, which storage-core does not depend on).
 */
export interface StorageCredentialsLike {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: Date
  region: string
  endpoint?: string
  bucket: string
  provider: string
}

/** Options passed through to the credentials adapter. */
export type FromCredentialsOptions = Record<string, unknown>

/** Builds a backend from temporary credentials; registered by a backend package. */
export type StorageCredentialsAdapter = (
  credentials: StorageCredentialsLike,
  options?: FromCredentialsOptions,
) => Storage

const creators = new Map<string, StorageCreator>()
let credentialsAdapter: StorageCredentialsAdapter | undefined

/**
 * The registry of storage backends. A backend package registers a creator for its
 * `StorageBackend` value (`@aury/storage-local` registers `local` and `memory` when imported);
 * `create` validates the config first, so a bad config fails before any I/O.
 *
 * @example
 * ```ts
 * import { StorageBackend, StorageFactory } from '@aury/storage-core'
 * import '@aury/storage-local'
 * const storage = StorageFactory.create(StorageBackend.LOCAL, { basePath: './uploads' })
 * ```
 */
export const StorageFactory = {
  /** Register (or replace) the creator for `backend`. */
  register(backend: StorageBackend | string, create: StorageCreator): void {
    creators.set(backend, create)
  },
  /** Remove a registration (tests). */
  unregister(backend: StorageBackend | string): void {
    creators.delete(backend)
  },
  /** Whether a creator is registered for `backend`. */
  has(backend: StorageBackend | string): boolean {
    return creators.has(backend)
  },
  /** Backends registered so far. */
  backends(): string[] {
    return [...creators.keys()]
  },
  /**
   * Validate `config` and build the backend. Throws `StorageError` `UnknownBackend` when no
   * package registered it, `ValidationError` `InvalidConfig` for a bad config.
   */
  create(
    backend: StorageBackend,
    config: Omit<StorageConfigInput, 'backend'> & { backend?: StorageBackend } = {},
  ): Storage {
    const create = creators.get(backend)
    if (!create) {
      throw new StorageError(
        `No storage backend registered for "${backend}"; ` +
          'import its package (e.g. @aury/storage-s3)',
        { code: ErrorCode.UnknownBackend, details: { backend } },
      )
    }
    return create(parseStorageConfig({ ...config, backend }))
  },
  /**
   * Install the adapter behind {@link StorageFactory.fromSTSCredentials} (done by
   * `@aury/storage-s3`, which knows each cloud's endpoint and addressing).
   */
  registerCredentialsAdapter(adapter: StorageCredentialsAdapter | undefined): void {
    credentialsAdapter = adapter
  },
  /**
   * A storage for the bucket that temporary credentials were issued for. Throws
   * `Unsupported` until a package registered an adapter.
   */
  fromSTSCredentials(
    credentials: StorageCredentialsLike,
    options?: FromCredentialsOptions,
  ): Storage {
    if (!credentialsAdapter) {
      throw new StorageError(
        'No credentials adapter registered; import @aury/storage-s3 to use fromSTSCredentials',
        { code: ErrorCode.Unsupported },
      )
    }
    return credentialsAdapter(credentials, options)
  },
}

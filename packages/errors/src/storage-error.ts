import { ownName } from './error-name'
import { StorageSDKError } from './storage-sdk-error'

/**
 * Any failure of a storage operation.
 *
 * @example
 * ```ts
 * if (error instanceof StorageError && error.code === 'NotFound') return null
 * ```
 */
export class StorageError extends StorageSDKError {
  /** `'StorageError'`: an explicit name survives minification (class names do not). */
  override get name(): string {
    return 'StorageError'
  }

  override set name(value: string) {
    ownName(this, value)
  }
}

/**
 * A storage backend refused or failed a request; `code` is the backend's own code
 * (`AccessDenied`, `NoSuchBucket`, ...), with `httpStatus` and `requestId` when known.
 *
 * @example
 * ```ts
 * if (error instanceof StorageBackendError && error.httpStatus === 403) askForNewCredentials()
 * ```
 */
export class StorageBackendError extends StorageError {
  /** `'StorageBackendError'`: an explicit name survives minification (class names do not). */
  override get name(): string {
    return 'StorageBackendError'
  }

  override set name(value: string) {
    ownName(this, value)
  }
}

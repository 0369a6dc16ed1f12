import { StorageSDKError } from './storage-sdk-error'

/**
 * Any failure of a storage operation.
 *
 * @example
 * ```ts
 * if (error instanceof StorageError && error.code === 'NotFound') return null
 * ```
 */
export class StorageError extends StorageSDKError {}
// Explicit names survive minification (class names do not).
StorageError.prototype.name = 'StorageError'

/**
 * A storage backend refused or failed a request; `code` is the backend's own code
 * (`AccessDenied`, `NoSuchBucket`, ...), with `httpStatus` and `requestId` when known.
 *
 * @example
 * ```ts
 * if (error instanceof StorageBackendError && error.httpStatus === 403) askForNewCredentials()
 * ```
 */
export class StorageBackendError extends StorageError {}
// Explicit names survive minification (class names do not).
StorageBackendError.prototype.name = 'StorageBackendError'

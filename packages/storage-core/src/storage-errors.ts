import { ErrorCode, StorageError } from '@aury/errors'

/**
 * A `StorageError` with code `NotFound` (HTTP 404) for a missing object.
 *
 * @example
 * ```ts
 * throw notFoundError('docs/missing.txt', 'local')
 * ```
 */
export function notFoundError(key: string, provider?: string, cause?: unknown): StorageError {
  return new StorageError(`Object not found: ${JSON.stringify(key.slice(0, 200))}`, {
    code: ErrorCode.NotFound,
    httpStatus: 404,
    provider,
    cause,
    details: { key },
  })
}

/**
 * A `StorageError` with code `Aborted` for work cancelled through an `AbortSignal`.
 *
 * @example
 * ```ts
 * if (signal?.aborted) throw abortedError(signal.reason)
 * ```
 */
export function abortedError(reason?: unknown): StorageError {
  return new StorageError('The operation was aborted', {
    code: ErrorCode.Aborted,
    cause: reason instanceof Error ? reason : undefined,
  })
}

/**
 * Throw {@link abortedError} if `signal` is aborted.
 *
 * @example
 * ```ts
 * throwIfAborted(options.signal)
 * ```
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal.reason)
}

/**
 * A `StorageError` with code `Unsupported` for a capability the backend lacks.
 *
 * @example
 * ```ts
 * throw unsupportedError('createPresignedPost', 'memory')
 * ```
 */
export function unsupportedError(operation: string, provider?: string): StorageError {
  return new StorageError(`${operation} is not supported by this backend`, {
    code: ErrorCode.Unsupported,
    provider,
    details: { operation },
  })
}

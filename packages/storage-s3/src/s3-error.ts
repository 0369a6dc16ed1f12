import { ErrorCode, StorageBackendError, StorageError, StorageSDKError } from '@aury/errors'
import { isRetryableError } from './retry-policy'

/** Facts about the failed call, used in the error's message and details. */
export interface S3ErrorContext {
  /** The S3 operation, e.g. `PutObject`. */
  operation: string
  /** The backend profile (`s3`, `minio`, `cos`, `oss`, `r2`). */
  provider: string
  bucket?: string
  key?: string
  /** The call's signal: when it has aborted, the result is an `Aborted` error. */
  signal?: AbortSignal
  /** Secret values to strip from any text taken from the cause. */
  secrets?: Iterable<string | undefined>
}

interface SdkErrorShape {
  name?: string
  message?: string
  code?: string
  Code?: string
  $fault?: string
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string }
  $response?: { statusCode?: number; headers?: Record<string, string> }
}

const NOT_FOUND_NAMES = new Set(['NoSuchKey', 'NotFound', 'NoSuchUpload'])
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

function describe(context: S3ErrorContext): string {
  const target =
    context.key !== undefined ? ` for ${JSON.stringify(context.key.slice(0, 200))}` : ''
  return `${context.operation}${target}`
}

/**
 * Maps anything thrown by `@aws-sdk/client-s3` (or the network below it) to an Aury error:
 * `Aborted` when the signal fired, `NotFound` for 404s, `AccessDenied` for every 403 (the
 * service's own code is kept in `details.serviceCode`), `PreconditionFailed` for 412, `Timeout`
 * and `NetworkError` for transport failures, else the service's code. Service errors are
 * `StorageBackendError`s carrying `requestId` and `httpStatus`.
 *
 * @example
 * ```ts
 * try { await client.send(command) } catch (e) {
 *   throw toStorageError(e, { operation: 'GetObject', provider: 's3', key })
 * }
 * ```
 */
export function toStorageError(error: unknown, context: S3ErrorContext): StorageSDKError {
  if (error instanceof StorageSDKError) return error
  const e = (error ?? {}) as SdkErrorShape
  if (context.signal?.aborted || e.name === 'AbortError') {
    return new StorageError(`${describe(context)} was aborted`, {
      code: ErrorCode.Aborted,
      provider: context.provider,
      cause: error,
      secrets: context.secrets,
    })
  }
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode
  const requestId = e.$metadata?.requestId || undefined
  const serviceCode = e.Code ?? (e.$fault ? e.name : undefined)
  const details: Record<string, unknown> = { operation: context.operation }
  if (context.bucket !== undefined) details.bucket = context.bucket
  if (context.key !== undefined) details.key = context.key
  if (serviceCode !== undefined) details.serviceCode = serviceCode
  if (typeof status === 'number' && (serviceCode !== undefined || status >= 300)) {
    let code = serviceCode ?? `Http${status}`
    if (status === 403) code = ErrorCode.AccessDenied
    else if (status === 404 && (serviceCode === undefined || NOT_FOUND_NAMES.has(serviceCode))) {
      code = ErrorCode.NotFound
    } else if (status === 412) code = ErrorCode.PreconditionFailed
    const serviceMessage =
      e.message && e.message !== 'UnknownError' && e.message !== serviceCode ? `: ${e.message}` : ''
    return new StorageBackendError(
      `${describe(context)} failed with HTTP ${status} ${serviceCode ?? ''}${serviceMessage}`,
      {
        code,
        provider: context.provider,
        requestId,
        httpStatus: status,
        retryable: isRetryableError(error),
        details,
        cause: error,
        secrets: context.secrets,
      },
    )
  }
  const name = e.name ?? ''
  const nodeCode = typeof e.code === 'string' ? e.code : undefined
  if (name === 'TimeoutError' || nodeCode === 'ETIMEDOUT' || name === 'RequestTimeout') {
    return new StorageBackendError(`${describe(context)} timed out`, {
      code: ErrorCode.Timeout,
      provider: context.provider,
      retryable: true,
      details,
      cause: error,
      secrets: context.secrets,
    })
  }
  if ((nodeCode && NETWORK_CODES.has(nodeCode)) || isRetryableError(error)) {
    return new StorageBackendError(`${describe(context)} failed: network error ${nodeCode ?? ''}`, {
      code: ErrorCode.NetworkError,
      provider: context.provider,
      retryable: true,
      details,
      cause: error,
      secrets: context.secrets,
    })
  }
  return new StorageBackendError(`${describe(context)} failed: ${e.message ?? String(error)}`, {
    code: name && name !== 'Error' ? name : ErrorCode.InvalidResponse,
    provider: context.provider,
    requestId,
    details,
    cause: error,
    secrets: context.secrets,
  })
}

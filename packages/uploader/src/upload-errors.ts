import { StorageBackendError, StorageError } from '@aury/errors'
import { xmlValue } from './s3-xml'

/** Facts about the request that failed, used to word the error. */
export interface RequestContext {
  /** `PutObject`, `UploadPart`, `CreateMultipartUpload`, ... */
  operation: string
  key: string
  provider?: string
  /** Secret values that must never appear in an error. */
  secrets: readonly (string | undefined)[]
}

const RETRYABLE_CODES = new Set([
  'SlowDown',
  'RequestTimeout',
  'InternalError',
  'ServiceUnavailable',
])

/**
 * Whether a response status is worth retrying (408, 429 and 5xx).
 *
 * @example
 * ```ts
 * isRetryableStatus(503) // true
 * ```
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

function explain(status: number, code: string, context: RequestContext): string {
  const target = `${context.operation} "${context.key}"`
  switch (code) {
    case 'AccessDenied':
      return `Access denied for ${target}: these credentials do not allow it. Is the key outside the allowed prefix?`
    case 'SignatureDoesNotMatch':
      return `The server rejected the signature of ${target}: check the secret key and the device clock.`
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
    case 'InvalidToken':
    case 'InvalidAccessKeyId':
      return `The credentials were refused for ${target} (expired or invalid): request new ones.`
    case 'RequestTimeTooSkewed':
      return `The device clock is too far from the server's for ${target}: correct the clock.`
    case 'NoSuchBucket':
      return `The bucket does not exist (${target}).`
    case 'NoSuchUpload':
      return `The multipart upload no longer exists (${target}): it was aborted or expired.`
    case 'EntityTooLarge':
      return `The object is larger than the server allows (${target}).`
    case 'EntityTooSmall':
      return `A part is smaller than the server's minimum part size (${target}).`
    default:
      return status === 403
        ? `Access denied for ${target} (HTTP 403 ${code}). Is the key outside the allowed prefix?`
        : `${target} failed with HTTP ${status} ${code}.`
  }
}

function parseJsonError(body: string): { code?: string; message?: string } {
  if (!body.trimStart().startsWith('{')) return {}
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>
    const inner = (
      parsed.error && typeof parsed.error === 'object' ? parsed.error : parsed
    ) as Record<string, unknown>
    return {
      code: typeof inner.code === 'string' ? inner.code : undefined,
      message: typeof inner.message === 'string' ? inner.message : undefined,
    }
  } catch {
    return {}
  }
}

/**
 * Turns an S3-style error response (status plus `<Error><Code/><Message/></Error>` body, or a JSON `{ code, message }`) into a
 * `StorageBackendError` with the server's code, a readable message and `retryable` set.
 *
 * @example
 * ```ts
 * if (!response.ok) throw await errorFromResponse(response, { operation: 'PutObject', key, secrets })
 * ```
 */
export async function errorFromResponse(
  response: Response,
  context: RequestContext,
): Promise<StorageBackendError> {
  let body = ''
  try {
    body = await response.text()
  } catch {
    // the status alone will do
  }
  return errorFromBody(response.status, body, response.headers, context)
}

/**
 * Like {@link errorFromResponse}, for a body already read (CompleteMultipartUpload can answer
 * 200 with an `<Error>` document).
 *
 * @example
 * ```ts
 * throw errorFromBody(200, text, response.headers, context)
 * ```
 */
export function errorFromBody(
  status: number,
  body: string,
  headers: Headers,
  context: RequestContext,
): StorageBackendError {
  const json = parseJsonError(body)
  const code =
    xmlValue(body, 'Code') ??
    json.code ??
    (status === 403 ? 'AccessDenied' : status === 404 ? 'NotFound' : `Http${status}`)
  const serverMessage = xmlValue(body, 'Message') ?? json.message
  const requestId =
    xmlValue(body, 'RequestId') ??
    headers.get('x-amz-request-id') ??
    headers.get('x-cos-request-id') ??
    headers.get('x-oss-request-id') ??
    undefined
  const detail = serverMessage ? ` Server said: ${code}: ${serverMessage.slice(0, 300)}` : ''
  return new StorageBackendError(`${explain(status, code, context)}${detail}`, {
    code,
    httpStatus: status,
    requestId,
    provider: context.provider,
    retryable: isRetryableStatus(status) || RETRYABLE_CODES.has(code),
    details: { operation: context.operation, key: context.key },
    secrets: context.secrets,
  })
}

/**
 * The error for a request that never produced a response: the network failed, or the browser
 * blocked the response because of CORS (both look the same to a page).
 *
 * @example
 * ```ts
 * catch (cause) { throw networkError(cause, context) }
 * ```
 */
export function networkError(cause: unknown, context: RequestContext): StorageError {
  return new StorageError(
    `Network error during ${context.operation} "${context.key}": the server is unreachable, or the browser blocked the request because the bucket's CORS rule does not allow this origin, method or headers.`,
    {
      code: 'NetworkError',
      cause,
      provider: context.provider,
      retryable: true,
      details: { operation: context.operation, key: context.key },
      secrets: context.secrets,
    },
  )
}

/**
 * The error every cancelled upload rejects with (`code: 'Aborted'`).
 *
 * @example
 * ```ts
 * if (signal?.aborted) throw abortedError(key, signal.reason)
 * ```
 */
export function abortedError(key: string, reason?: unknown): StorageError {
  return new StorageError(`Upload of "${key}" was cancelled.`, {
    code: 'Aborted',
    cause: reason instanceof Error ? reason : undefined,
    details: { key },
  })
}

/**
 * The error for a response whose `ETag` header cannot be read, which in a browser means the
 * bucket's CORS rule lacks `ExposeHeaders: ETag` (`code: 'CorsExposeHeaders'`).
 *
 * @example
 * ```ts
 * if (!response.headers.get('etag')) throw corsEtagError(context)
 * ```
 */
export function corsEtagError(context: RequestContext): StorageError {
  return new StorageError(
    `${context.operation} "${context.key}" succeeded but its ETag header is not readable. In a browser this means the bucket's CORS rule does not expose it: add "ETag" to ExposeHeaders (ExposeHeader/ExposedHeaders) for this origin.`,
    {
      code: 'CorsExposeHeaders',
      provider: context.provider,
      details: { operation: context.operation, key: context.key, header: 'ETag' },
      secrets: context.secrets,
    },
  )
}

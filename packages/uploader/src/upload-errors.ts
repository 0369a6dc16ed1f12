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

/**
 * Turns an error response into a `StorageBackendError` with the server's code (from an S3
 * `<Error>` document or a JSON `{ error: { code, message } }`), a readable message and
 * `retryable` set. CompleteMultipartUpload may answer 200 with an `<Error>` body: pass its text.
 *
 * @example
 * ```ts
 * if (!response.ok) {
 *   throw await errorFromResponse(response, { operation: 'PutObject', key, secrets })
 * }
 * ```
 */
export async function errorFromResponse(
  response: Response,
  context: RequestContext,
  body?: string,
): Promise<StorageBackendError> {
  body ??= await response.text().catch(() => '')
  let json: { code?: string; message?: string } = {}
  try {
    const parsed = JSON.parse(body)
    json = parsed.error ?? parsed
  } catch {
    // not JSON
  }
  const { status, headers } = response
  const code =
    xmlValue(body, 'Code') ??
    (typeof json.code === 'string' ? json.code : status === 403 ? 'AccessDenied' : `Http${status}`)
  const said = xmlValue(body, 'Message') ?? json.message
  return new StorageBackendError(
    `${context.operation} "${context.key}" failed with ${code} (HTTP ${status})${
      status === 403
        ? ': these credentials do not allow it. Is the key outside the allowed prefix?'
        : '.'
    }${said ? ` Server said: ${String(said).slice(0, 300)}` : ''}`,
    {
      code,
      httpStatus: status,
      requestId: xmlValue(body, 'RequestId') ?? headers.get('x-amz-request-id') ?? undefined,
      provider: context.provider,
      retryable: isRetryableStatus(status) || code === 'RequestTimeout',
      secrets: context.secrets,
    },
  )
}

/**
 * The error for a request that never produced a response: the network failed, or the browser
 * blocked the response because of CORS (both look the same to a page). Retryable.
 *
 * @example
 * ```ts
 * catch (cause) { throw networkError(cause, context) }
 * ```
 */
export function networkError(cause: unknown, context: RequestContext): StorageError {
  return new StorageError(
    `${context.operation} "${context.key}" got no response: the network failed, or the bucket's CORS rule does not allow this origin, method or headers.`,
    {
      code: 'NetworkError',
      cause,
      provider: context.provider,
      retryable: true,
      secrets: context.secrets,
    },
  )
}

/**
 * The error every cancelled upload rejects with (`code: 'Aborted'`).
 *
 * @example
 * ```ts
 * if (signal?.aborted) throw abortedError(key)
 * ```
 */
export function abortedError(key: string): StorageError {
  return new StorageError(`Upload of "${key}" was cancelled.`, { code: 'Aborted' })
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
    `${context.operation} "${context.key}": the ETag response header is not readable. Add "ETag" to the ExposeHeaders of the bucket's CORS rule for this origin.`,
    { code: 'CorsExposeHeaders', provider: context.provider },
  )
}

import { signV4 } from '@aury/signing'
import { objectUrl } from './object-url'
import { withRetry } from './retry'
import { errorFromResponse, networkError, type RequestContext } from './upload-errors'
import type { UploadCredentials, UploadLogger } from './upload-options'

/** What every signed request of one upload shares. */
export interface SignedClient {
  credentials: UploadCredentials
  key: string
  fetch: typeof fetch
  now: () => number
  retries: number
  forcePathStyle: boolean | undefined
  signal: AbortSignal
  logger: UploadLogger | undefined
}

/** One S3 request on the upload's object. */
export interface SignedRequest {
  operation: string
  method: 'PUT' | 'POST' | 'DELETE'
  /** Canonical query without `?`, values already encoded (`partNumber=1&uploadId=x`). */
  query?: string
  headers?: Record<string, string>
  /** A Blob is sent with `UNSIGNED-PAYLOAD`; a string body is hashed and signed. */
  body?: Blob | string
  /** Retries for this request; defaults to the client's. */
  retries?: number
  /** Use this signal instead of the client's (cleanup after cancel). */
  signal?: AbortSignal
}

/**
 * The secrets of a credentials object, for redaction.
 *
 * @example
 * ```ts
 * new StorageError(message, { code, secrets: secretsOf(credentials) })
 * ```
 */
export function secretsOf(credentials: UploadCredentials): string[] {
  return [credentials.secretAccessKey, credentials.sessionToken ?? '']
}

/**
 * Signs (SigV4, service `s3`) and sends one request about the upload's object, re-signing on
 * each retry; resolves with a 2xx response or rejects with a typed error.
 *
 * @example
 * ```ts
 * const response = await sendSigned(client, { operation: 'PutObject', method: 'PUT', body: file })
 * ```
 */
export async function sendSigned(client: SignedClient, request: SignedRequest): Promise<Response> {
  const { credentials } = client
  const signal = request.signal ?? client.signal
  const context: RequestContext = {
    operation: request.operation,
    key: client.key,
    provider: credentials.provider,
    secrets: secretsOf(credentials),
  }
  const base = objectUrl(credentials, client.key, client.forcePathStyle)
  const url = request.query ? `${base}?${request.query}` : base
  const blobBody = typeof request.body === 'object'
  return withRetry(
    async () => {
      const signed = await signV4(
        {
          method: request.method,
          url,
          headers: request.headers ?? {},
          body: blobBody ? undefined : (request.body as string | undefined),
        },
        {
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          sessionToken: credentials.sessionToken || undefined,
          region: credentials.region,
          service: 's3',
          date: new Date(client.now()),
          unsignedPayload: blobBody,
        },
      )
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(signed)) {
        const lower = name.toLowerCase()
        if (lower !== 'host' && lower !== 'content-length') headers[name] = value
      }
      let response: Response
      try {
        response = await client.fetch(url, {
          method: request.method,
          headers,
          body: request.body,
          signal,
        })
      } catch (cause) {
        if (signal.aborted) throw signal.reason
        throw networkError(cause, context)
      }
      if (!response.ok) throw await errorFromResponse(response, context)
      return response
    },
    {
      retries: request.retries ?? client.retries,
      signal,
      onRetry: (error, attempt, delayMs) =>
        client.logger?.debug?.('retrying request', {
          operation: request.operation,
          attempt,
          delayMs,
          code: (error as { code?: string }).code,
        }),
    },
  )
}

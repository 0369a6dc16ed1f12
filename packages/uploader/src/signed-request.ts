import { signV4 } from '@aury/signing'
import { objectUrl } from './object-url'
import { sendRequest } from './send-request'
import type { RequestContext } from './upload-errors'
import type { UploadCredentials, UploadLogger } from './upload-options'

/** What every signed request of one upload shares. */
export interface SignedClient {
  credentials: UploadCredentials
  key: string
  fetch: typeof fetch
  now: () => number
  retries: number
  forcePathStyle?: boolean
  signal: AbortSignal
  logger?: UploadLogger
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
  /** Use this signal instead of the client's (parts, cleanup after cancel). */
  signal?: AbortSignal
}

/**
 * Signs (SigV4, service `s3`) and sends one request about the upload's object, re-signing on
 * each retry; resolves with a 2xx response or rejects with a typed error that never contains
 * the secret key or the session token.
 *
 * @example
 * ```ts
 * const response = await sendSigned(client, { operation: 'PutObject', method: 'PUT', body: file })
 * ```
 */
export async function sendSigned(client: SignedClient, request: SignedRequest): Promise<Response> {
  const { credentials: c } = client
  const signal = request.signal ?? client.signal
  const context: RequestContext = {
    operation: request.operation,
    key: client.key,
    provider: c.provider,
    secrets: [c.secretAccessKey, c.sessionToken],
  }
  const base = objectUrl(c, client.key, client.forcePathStyle)
  const url = request.query ? `${base}?${request.query}` : base
  const blob = typeof request.body === 'object'
  return sendRequest({
    fetch: client.fetch,
    url,
    context,
    retries: request.retries ?? client.retries,
    signal,
    init: async () => {
      const headers = await signV4(
        {
          method: request.method,
          url,
          headers: request.headers,
          body: blob ? undefined : (request.body as string | undefined),
        },
        {
          accessKeyId: c.accessKeyId,
          secretAccessKey: c.secretAccessKey,
          sessionToken: c.sessionToken || undefined,
          region: c.region,
          service: 's3',
          date: new Date(client.now()),
          unsignedPayload: blob,
        },
      )
      // Browsers set Host themselves and refuse it from scripts.
      delete headers.host
      return { method: request.method, headers, body: request.body }
    },
  })
}

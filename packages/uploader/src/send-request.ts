import { withRetry } from './retry'
import { errorFromResponse, networkError, type RequestContext } from './upload-errors'

/** One request of an upload, re-built for every attempt. */
export interface SendRequestOptions {
  fetch: typeof fetch
  url: string
  /** Builds the request for each attempt (a fresh signature, a fresh form). */
  init: () => RequestInit | Promise<RequestInit>
  context: RequestContext
  retries: number
  signal: AbortSignal
}

/**
 * Sends a request with retries (network errors, 408, 429, 5xx; backoff with full jitter) and
 * resolves with a 2xx response. Rejects with a typed error (`NetworkError`, the server's code),
 * or with the signal's reason once it aborts.
 *
 * @example
 * ```ts
 * const response = await sendRequest({
 *   fetch,
 *   url,
 *   init: () => ({ method: 'PUT', body }),
 *   context,
 *   retries: 3,
 *   signal,
 * })
 * ```
 */
export function sendRequest(options: SendRequestOptions): Promise<Response> {
  const { signal, context } = options
  return withRetry(
    async () => {
      const init = await options.init()
      let response: Response
      try {
        response = await options.fetch(options.url, { ...init, signal })
      } catch (cause) {
        throw signal.aborted ? signal.reason : networkError(cause, context)
      }
      if (!response.ok) throw await errorFromResponse(response, context)
      return response
    },
    { retries: options.retries, signal },
  )
}

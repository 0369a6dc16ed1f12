import { ProgressTracker } from './progress-tracker'
import { withRetry } from './retry'
import { errorFromResponse, networkError, type RequestContext } from './upload-errors'
import type { PresignedPut, UploadOptions, UploadResult } from './upload-options'

/** Options of {@link uploadPresignedPut}, already validated and defaulted. */
export interface PresignedPutUploadOptions extends Pick<UploadOptions, 'onProgress' | 'logger'> {
  file: Blob
  key: string
  presignedPut: PresignedPut
  retries: number
  fetch: typeof fetch
  signal: AbortSignal
}

/**
 * The URL without its query string (which carries the signature).
 *
 * @example
 * ```ts
 * withoutQuery('https://b.s3.amazonaws.com/k?X-Amz-Signature=x') // 'https://b.s3.amazonaws.com/k'
 * ```
 */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/)
  return cut < 0 ? url : url.slice(0, cut)
}

/**
 * Sends the file in one PUT to a presigned URL, with exactly the headers that were signed.
 *
 * @example
 * ```ts
 * await uploadPresignedPut({ file, key, presignedPut, retries: 3, fetch, signal })
 * ```
 */
export async function uploadPresignedPut(
  options: PresignedPutUploadOptions,
): Promise<UploadResult> {
  const { file, key, presignedPut } = options
  const context: RequestContext = { operation: 'PutObject', key, secrets: [] }
  const tracker = new ProgressTracker(file.size, 1, options.onProgress, options.logger)
  tracker.start()
  const response = await withRetry(
    async () => {
      let answer: Response
      try {
        answer = await options.fetch(presignedPut.url, {
          method: 'PUT',
          headers: presignedPut.headers ?? {},
          body: file,
          signal: options.signal,
        })
      } catch (cause) {
        if (options.signal.aborted) throw options.signal.reason
        throw networkError(cause, context)
      }
      if (!answer.ok) throw await errorFromResponse(answer, context)
      return answer
    },
    { retries: options.retries, signal: options.signal },
  )
  const etag = response.headers.get('etag')
  await response.body?.cancel().catch(() => undefined)
  tracker.done(file.size)
  return {
    key,
    etag: etag ? etag.replace(/^(W\/)?"|"$/g, '') : undefined,
    location: withoutQuery(presignedPut.url),
    size: file.size,
    parts: 1,
  }
}

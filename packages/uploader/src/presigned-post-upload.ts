import { uriEncode } from '@aury/signing'
import { withoutQuery } from './presigned-put-upload'
import { ProgressTracker } from './progress-tracker'
import { withRetry } from './retry'
import { errorFromResponse, networkError, type RequestContext } from './upload-errors'
import type { PresignedPost, UploadOptions, UploadResult } from './upload-options'

/** Options of {@link uploadPresignedPost}, already validated and defaulted. */
export interface PresignedPostUploadOptions extends Pick<UploadOptions, 'onProgress' | 'logger'> {
  file: Blob
  key: string
  presignedPost: PresignedPost
  retries: number
  fetch: typeof fetch
  signal: AbortSignal
}

/**
 * Sends the file as a multipart form to a presigned POST: the signed fields first (with `key`
 * defaulting to the upload's key), the file last.
 *
 * @example
 * ```ts
 * await uploadPresignedPost({ file, key, presignedPost, retries: 3, fetch, signal })
 * ```
 */
export async function uploadPresignedPost(
  options: PresignedPostUploadOptions,
): Promise<UploadResult> {
  const { file, key, presignedPost } = options
  const context: RequestContext = { operation: 'PostObject', key, secrets: [] }
  const fields: Record<string, string> = { key, ...presignedPost.fields }
  const tracker = new ProgressTracker(file.size, 1, options.onProgress, options.logger)
  tracker.start()
  const response = await withRetry(
    async () => {
      const form = new FormData()
      for (const [name, value] of Object.entries(fields)) form.append(name, value)
      form.append('file', file, key.slice(key.lastIndexOf('/') + 1) || 'file')
      let answer: Response
      try {
        answer = await options.fetch(presignedPost.url, {
          method: 'POST',
          body: form,
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
  const location =
    response.headers.get('location') ??
    `${withoutQuery(presignedPost.url).replace(/\/+$/, '')}/${uriEncode(fields.key ?? key, false)}`
  await response.body?.cancel().catch(() => undefined)
  tracker.done(file.size)
  return {
    key: fields.key ?? key,
    etag: etag ? etag.replace(/^(W\/)?"|"$/g, '') : undefined,
    location,
    size: file.size,
    parts: 1,
  }
}

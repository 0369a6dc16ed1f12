import { uriEncode } from '@aury/signing'
import { progressTracker } from './progress-tracker'
import { sendRequest } from './send-request'
import type { RequestContext } from './upload-errors'
import type { PresignedPost, PresignedPut, UploadOptions, UploadResult } from './upload-options'

/** Options of {@link uploadPresigned}, already validated and defaulted. */
export interface PresignedUploadOptions extends Pick<UploadOptions, 'onProgress' | 'logger'> {
  file: Blob
  key: string
  presignedPut?: PresignedPut
  presignedPost?: PresignedPost
  retries: number
  fetch: typeof fetch
  signal: AbortSignal
}

/**
 * Strips the surrounding quotes (and a weak `W/` marker) from an ETag.
 *
 * @example
 * ```ts
 * unquote('"abc"') // 'abc'
 * ```
 */
export function unquote(etag: string | null | undefined): string | undefined {
  return etag ? etag.replace(/^(W\/)?"|"$/g, '') : undefined
}

/**
 * Sends the file in one request: a PUT to a presigned URL with exactly the headers that were
 * signed, or a multipart form to a presigned POST (the signed fields, `key` defaulting to the
 * upload's key, then the file last). Retried on network errors, 408, 429 and 5xx.
 *
 * @example
 * ```ts
 * await uploadPresigned({ file, key, presignedPut, retries: 3, fetch, signal })
 * ```
 */
export async function uploadPresigned(options: PresignedUploadOptions): Promise<UploadResult> {
  const { file, key, presignedPut: put, presignedPost: post, signal } = options
  const context: RequestContext = { operation: put ? 'PutObject' : 'PostObject', key, secrets: [] }
  const fields: Record<string, string> = { key, ...post?.fields }
  const target = (put ?? post)!.url
  const report = progressTracker(file.size, 1, options.onProgress, options.logger)
  report()
  const response = await sendRequest({
    fetch: options.fetch,
    url: target,
    context,
    retries: options.retries,
    signal,
    init: () => {
      let body: Blob | FormData = file
      if (post) {
        body = new FormData()
        for (const [name, value] of Object.entries(fields)) body.append(name, value)
        body.append('file', file, key.slice(key.lastIndexOf('/') + 1) || 'file')
      }
      return { method: put ? 'PUT' : 'POST', headers: put?.headers, body }
    },
  })
  await response.body?.cancel().catch(() => {})
  report(file.size)
  const base = target.replace(/[?#].*$/, '')
  return {
    key: fields.key!,
    etag: unquote(response.headers.get('etag')),
    location: put
      ? base
      : (response.headers.get('location') ??
        `${base.replace(/\/$/, '')}/${uriEncode(fields.key!, false)}`),
    size: file.size,
    parts: 1,
  }
}

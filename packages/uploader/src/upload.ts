import { uploadWithCredentials } from './credentials-upload'
import { uploadPresigned } from './presigned-upload'
import { abortedError } from './upload-errors'
import type { UploadOptions, UploadResult } from './upload-options'
import { validateUploadOptions } from './validate-upload-options'

/**
 * Uploads a Blob or File straight to the bucket, from temporary credentials (SigV4; a single
 * PUT for small files, a parallel multipart upload for large ones), a presigned PUT or a
 * presigned POST. Works in browsers, Node 20 and edge runtimes (only `fetch` and WebCrypto).
 *
 * Progress is reported as each request completes and only grows; `signal` cancels and, for a
 * multipart upload, aborts it on the server. Errors are `StorageError`s with stable codes:
 * `Aborted`, `NetworkError`, `CorsExposeHeaders`, the server's own (`AccessDenied`, ...), or a
 * `ValidationError` before any request.
 *
 * @example
 * ```ts
 * const credentials = await (await fetch('/api/upload-credentials?userId=42')).json()
 * const result = await upload({
 *   file: input.files[0],
 *   key: `user/42/${input.files[0].name}`,
 *   credentials,
 *   onProgress: ({ percent }) => { bar.value = percent },
 *   signal: controller.signal,
 * })
 * console.log(result.location, result.etag)
 * ```
 */
export async function upload(options: UploadOptions): Promise<UploadResult> {
  const validated = validateUploadOptions(options)
  const { key, signal: userSignal, credentials } = validated
  const controller = new AbortController()
  const onAbort = () => controller.abort(userSignal?.reason)
  userSignal?.addEventListener('abort', onAbort)
  try {
    if (userSignal?.aborted) throw userSignal.reason
    const common = { ...validated, signal: controller.signal }
    return await (credentials
      ? uploadWithCredentials({ ...common, credentials })
      : uploadPresigned(common))
  } catch (error) {
    throw userSignal?.aborted ? abortedError(key) : error
  } finally {
    userSignal?.removeEventListener('abort', onAbort)
  }
}

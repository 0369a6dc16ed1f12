import { uploadWithCredentials } from './credentials-upload'
import { uploadPresignedPost } from './presigned-post-upload'
import { uploadPresignedPut } from './presigned-put-upload'
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
  const { key, signal: userSignal } = validated
  if (userSignal?.aborted) throw abortedError(key, userSignal.reason)
  const controller = new AbortController()
  const onAbort = () => controller.abort(userSignal?.reason)
  userSignal?.addEventListener('abort', onAbort, { once: true })
  try {
    const common = { ...validated, signal: controller.signal }
    if (validated.credentials) {
      return await uploadWithCredentials({ ...common, credentials: validated.credentials })
    }
    if (validated.presignedPut) {
      return await uploadPresignedPut({ ...common, presignedPut: validated.presignedPut })
    }
    return await uploadPresignedPost({ ...common, presignedPost: validated.presignedPost! })
  } catch (error) {
    if (userSignal?.aborted) throw abortedError(key, userSignal.reason)
    throw error
  } finally {
    userSignal?.removeEventListener('abort', onAbort)
  }
}

import { StorageError } from '@aury/errors'
import { uriEncode } from '@aury/signing'
import { objectUrl } from './object-url'
import { unquote } from './presigned-upload'
import { progressTracker } from './progress-tracker'
import { xmlValue } from './s3-xml'
import { type SignedClient, sendSigned } from './signed-request'
import { corsEtagError, errorFromResponse } from './upload-errors'
import type { UploadCredentials, UploadOptions, UploadResult } from './upload-options'

/** Options of {@link uploadWithCredentials}, already validated and defaulted. */
export interface CredentialsUploadOptions
  extends Pick<UploadOptions, 'onProgress' | 'logger' | 'metadata' | 'forcePathStyle'> {
  file: Blob
  key: string
  credentials: UploadCredentials
  contentType: string
  partSize: number
  multipartThreshold: number
  concurrency: number
  retries: number
  fetch: typeof fetch
  now: () => number
  /** Aborts in-flight requests; the caller links it to the user's signal. */
  signal: AbortSignal
}

/**
 * Uploads with SigV4 from temporary credentials: one PUT up to `multipartThreshold`, otherwise
 * a multipart upload with `concurrency` parts in flight, each retried on its own. On failure or
 * cancel the multipart upload is aborted so no parts are left behind.
 *
 * @example
 * ```ts
 * await uploadWithCredentials({ ...validated, signal: controller.signal })
 * ```
 */
export async function uploadWithCredentials(
  options: CredentialsUploadOptions,
): Promise<UploadResult> {
  const { file, key, credentials, partSize, signal, logger } = options
  const client: SignedClient = options
  const location = objectUrl(credentials, key, options.forcePathStyle)
  const single = file.size <= options.multipartThreshold
  const parts = single ? 1 : Math.ceil(file.size / partSize)
  const report = progressTracker(file.size, parts, options.onProgress, logger)
  const headers: Record<string, string> = { 'content-type': options.contentType }
  for (const [name, value] of Object.entries(options.metadata ?? {})) {
    headers[`x-amz-meta-${name.toLowerCase()}`] = value
  }
  const result = (etag: string | null | undefined): UploadResult => ({
    key,
    etag: unquote(etag),
    location,
    size: file.size,
    parts,
  })

  if (single) {
    report()
    const response = await sendSigned(client, {
      operation: 'PutObject',
      method: 'PUT',
      headers,
      body: file,
    })
    report(file.size)
    return result(response.headers.get('etag'))
  }

  const created = await sendSigned(client, {
    operation: 'CreateMultipartUpload',
    method: 'POST',
    query: 'uploads=',
    headers,
  })
  const uploadId = xmlValue(await created.text(), 'UploadId')
  if (!uploadId) {
    throw new StorageError(`CreateMultipartUpload "${key}" returned no UploadId.`, {
      code: 'InvalidResponse',
    })
  }
  const query = `uploadId=${uriEncode(uploadId, true)}`
  const etags: string[] = []
  // Aborted by the caller's signal or by the first part that fails for good.
  const partsController = new AbortController()
  const partSignal = partsController.signal
  signal.addEventListener('abort', () => partsController.abort(signal.reason))
  try {
    report()
    let next = 0
    const worker = async () => {
      while (next < parts && !partSignal.aborted) {
        const index = next++
        const body = file.slice(index * partSize, (index + 1) * partSize)
        const response = await sendSigned(client, {
          operation: 'UploadPart',
          method: 'PUT',
          query: `partNumber=${index + 1}&${query}`,
          body,
          signal: partSignal,
        })
        const etag = response.headers.get('etag')
        if (!etag) throw corsEtagError({ operation: 'UploadPart', key, secrets: [] })
        etags[index] = etag
        report(body.size, index + 1)
      }
    }
    await Promise.allSettled(
      Array.from({ length: Math.min(options.concurrency, parts) }, () =>
        worker().catch((error: unknown) => partsController.abort(error)),
      ),
    )
    if (signal.aborted) throw signal.reason
    if (partSignal.aborted) throw partSignal.reason

    const completed = await sendSigned(client, {
      operation: 'CompleteMultipartUpload',
      method: 'POST',
      query,
      headers: { 'content-type': 'application/xml' },
      body: `<CompleteMultipartUpload>${etags
        .map(
          (etag, i) =>
            `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</ETag></Part>`,
        )
        .join('')}</CompleteMultipartUpload>`,
    })
    const text = await completed.text()
    if (/<Error[\s>]/.test(text)) {
      throw await errorFromResponse(
        completed,
        { operation: 'CompleteMultipartUpload', key, secrets: [] },
        text,
      )
    }
    return result(xmlValue(text, 'ETag') ?? completed.headers.get('etag'))
  } catch (error) {
    await sendSigned(client, {
      operation: 'AbortMultipartUpload',
      method: 'DELETE',
      query,
      retries: 2,
      signal: AbortSignal.timeout(30_000),
    }).catch((abortError: { code?: string }) =>
      logger?.warn?.('AbortMultipartUpload failed', { key, code: abortError.code }),
    )
    throw error
  }
}

import { StorageError } from '@aury/errors'
import { uriEncode } from '@aury/signing'
import { objectUrl } from './object-url'
import { ProgressTracker } from './progress-tracker'
import { escapeXml, xmlValue } from './s3-xml'
import { type SignedClient, secretsOf, sendSigned } from './signed-request'
import { corsEtagError, errorFromBody, type RequestContext } from './upload-errors'
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

function stripQuotes(etag: string): string {
  return etag.replace(/^(W\/)?"|"$/g, '')
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel()
  } catch {
    // nothing to release
  }
}

function objectHeaders(options: CredentialsUploadOptions): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': options.contentType }
  for (const [name, value] of Object.entries(options.metadata ?? {})) {
    headers[`x-amz-meta-${name.toLowerCase()}`] = value
  }
  return headers
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
  const { file, key, credentials } = options
  const client: SignedClient = {
    credentials,
    key,
    fetch: options.fetch,
    now: options.now,
    retries: options.retries,
    forcePathStyle: options.forcePathStyle,
    signal: options.signal,
    logger: options.logger,
  }
  const location = objectUrl(credentials, key, options.forcePathStyle)
  if (file.size <= options.multipartThreshold) {
    const tracker = new ProgressTracker(file.size, 1, options.onProgress, options.logger)
    tracker.start()
    const response = await sendSigned(client, {
      operation: 'PutObject',
      method: 'PUT',
      headers: objectHeaders(options),
      body: file,
    })
    const etag = response.headers.get('etag')
    await discard(response)
    if (!etag) {
      options.logger?.warn?.('PutObject response has no readable ETag (CORS ExposeHeaders?)', {
        key,
      })
    }
    tracker.done(file.size)
    return { key, etag: etag ? stripQuotes(etag) : undefined, location, size: file.size, parts: 1 }
  }
  return multipartUpload(client, options, location)
}

async function multipartUpload(
  client: SignedClient,
  options: CredentialsUploadOptions,
  location: string,
): Promise<UploadResult> {
  const { file, key } = options
  const context = (operation: string): RequestContext => ({
    operation,
    key,
    provider: options.credentials.provider,
    secrets: secretsOf(options.credentials),
  })
  const initiated = await sendSigned(client, {
    operation: 'CreateMultipartUpload',
    method: 'POST',
    query: 'uploads=',
    headers: objectHeaders(options),
  })
  const initText = await initiated.text()
  const uploadId = xmlValue(initText, 'UploadId')
  if (!uploadId) {
    throw new StorageError(`CreateMultipartUpload "${key}" returned no UploadId.`, {
      code: 'InvalidResponse',
      httpStatus: initiated.status,
      provider: options.credentials.provider,
    })
  }
  const uploadQuery = `uploadId=${uriEncode(uploadId, true)}`
  const partCount = Math.ceil(file.size / options.partSize)
  const etags: string[] = new Array(partCount)
  const tracker = new ProgressTracker(file.size, partCount, options.onProgress, options.logger)
  const failed = new AbortController()
  const partsSignal = AbortSignal.any([options.signal, failed.signal])
  try {
    tracker.start()
    let next = 0
    const worker = async () => {
      while (next < partCount && !partsSignal.aborted) {
        const index = next++
        const start = index * options.partSize
        const body = file.slice(start, Math.min(file.size, start + options.partSize))
        const partNumber = index + 1
        const response = await sendSigned(client, {
          operation: 'UploadPart',
          method: 'PUT',
          query: `partNumber=${partNumber}&${uploadQuery}`,
          body,
          signal: partsSignal,
        })
        const etag = response.headers.get('etag')
        await discard(response)
        if (!etag) throw corsEtagError(context('UploadPart'))
        etags[index] = stripQuotes(etag)
        tracker.done(body.size, partNumber)
      }
    }
    const workers = Array.from({ length: Math.min(options.concurrency, partCount) }, () =>
      worker().catch((error: unknown) => {
        failed.abort(error)
        throw error
      }),
    )
    await Promise.allSettled(workers)
    if (options.signal.aborted) throw options.signal.reason
    if (failed.signal.aborted) throw failed.signal.reason

    const xml = `<CompleteMultipartUpload>${etags
      .map(
        (etag, i) =>
          `<Part><PartNumber>${i + 1}</PartNumber><ETag>"${escapeXml(etag)}"</ETag></Part>`,
      )
      .join('')}</CompleteMultipartUpload>`
    const completed = await sendSigned(client, {
      operation: 'CompleteMultipartUpload',
      method: 'POST',
      query: uploadQuery,
      headers: { 'content-type': 'application/xml' },
      body: xml,
    })
    const text = await completed.text()
    if (/<Error[\s>]/.test(text)) {
      throw errorFromBody(
        completed.status,
        text,
        completed.headers,
        context('CompleteMultipartUpload'),
      )
    }
    const etag = xmlValue(text, 'ETag') ?? completed.headers.get('etag')
    return {
      key,
      etag: etag ? stripQuotes(etag) : undefined,
      location,
      size: file.size,
      parts: partCount,
    }
  } catch (error) {
    await abortMultipart(client, uploadQuery, options)
    throw error
  }
}

async function abortMultipart(
  client: SignedClient,
  uploadQuery: string,
  options: CredentialsUploadOptions,
): Promise<void> {
  try {
    await sendSigned(client, {
      operation: 'AbortMultipartUpload',
      method: 'DELETE',
      query: uploadQuery,
      retries: 2,
      signal: AbortSignal.timeout(30_000),
    })
  } catch (error) {
    options.logger?.warn?.('AbortMultipartUpload failed; parts may remain until a lifecycle rule', {
      key: options.key,
      code: (error as { code?: string }).code,
    })
  }
}

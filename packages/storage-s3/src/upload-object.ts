import { ErrorCode, StorageBackendError, StorageError, ValidationError } from '@aury/errors'
import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { createPartSource, type Part, type UploadBody } from './part-source'
import {
  backoffDelay,
  isRetryableError,
  type ResolvedRetryPolicy,
  type RetryPolicy,
  resolveRetryPolicy,
} from './retry-policy'
import { toStorageError } from './s3-error'

/**
 * 1 MiB in bytes.
 *
 * @example
 * ```ts
 * new S3Storage({ ...config, partSize: 16 * MiB })
 * ```
 */
export const MiB = 1024 * 1024
/**
 * Default part size of multipart uploads: 8 MiB.
 *
 * @example
 * ```ts
 * const memory = DEFAULT_PART_SIZE * DEFAULT_CONCURRENCY // 32 MiB of parts in flight
 * ```
 */
export const DEFAULT_PART_SIZE = 8 * MiB
/**
 * Default number of parts in flight at once.
 *
 * @example
 * ```ts
 * uploadObject({ ...options, concurrency: DEFAULT_CONCURRENCY * 2 })
 * ```
 */
export const DEFAULT_CONCURRENCY = 4
/**
 * S3's limit on parts per upload.
 *
 * @example
 * ```ts
 * const largestStream = MAX_PARTS * DEFAULT_PART_SIZE // about 78 GiB of unknown length
 * ```
 */
export const MAX_PARTS = 10_000
/**
 * S3's limit on one part (and on a single PUT): 5 GiB.
 *
 * @example
 * ```ts
 * const partSize = Math.min(MAX_PART_SIZE, requested)
 * ```
 */
export const MAX_PART_SIZE = 5 * 1024 * MiB

/** Headers stored with the object. */
export interface ObjectWriteParams {
  ContentType?: string
  Metadata?: Record<string, string>
  CacheControl?: string
  ContentDisposition?: string
  ContentEncoding?: string
}

/** Optional hook for diagnostics; never receives secrets. */
export interface UploadLogger {
  debug?(message: string, facts?: Record<string, unknown>): void
  warn?(message: string, facts?: Record<string, unknown>): void
}

/** Options of {@link uploadObject}. */
export interface UploadObjectOptions {
  /** Client for PutObject and the multipart control calls (Create, Complete, Abort). */
  client: S3Client
  /**
   * Client for UploadPart. Defaults to `client`. `S3Storage` passes one with `maxAttempts: 1`
   * sharing the same sockets, so part retries follow `retry` alone.
   */
  partClient?: S3Client
  bucket: string
  key: string
  body: UploadBody
  /** Declared size of a stream body; checked against the bytes actually read. */
  contentLength?: number
  params?: ObjectWriteParams
  /** Bytes per part (the last may be smaller). Defaults to 8 MiB; raised for huge known sizes. */
  partSize?: number
  /** The backend's smallest allowed non-last part. Defaults to 5 MiB. */
  minPartSize?: number
  /** Bodies up to this size go in one PutObject. Defaults to `partSize`. */
  multipartThreshold?: number
  /** Parts uploading at once (this also bounds memory). Defaults to 4. */
  concurrency?: number
  /** Retries of a failed part. */
  retry?: RetryPolicy
  signal?: AbortSignal
  onProgress?: (progress: { loaded: number; total?: number }) => void
  logger?: UploadLogger
  /** Backend name for errors. Defaults to `s3`. */
  provider?: string
  /** Secret values to strip from error text. */
  secrets?: Iterable<string | undefined>
}

/** What {@link uploadObject} returns. */
export interface UploadObjectResult {
  etag: string
  size: number
  /** Number of parts; 0 for a single PutObject. */
  parts: number
}

interface Settings {
  partSize: number
  threshold: number
  concurrency: number
  retry: ResolvedRetryPolicy
}

function positiveInteger(value: number, field: string, min = 1): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ValidationError(`${field} must be an integer >= ${min}`, {
      code: ErrorCode.InvalidArgument,
      field,
    })
  }
  return value
}

function resolveSettings(options: UploadObjectOptions, size: number | undefined): Settings {
  const minPartSize = options.minPartSize ?? 5 * MiB
  let partSize = options.partSize ?? DEFAULT_PART_SIZE
  positiveInteger(partSize, 'partSize', minPartSize)
  if (partSize > MAX_PART_SIZE) {
    throw new ValidationError('partSize must be at most 5 GiB', {
      code: ErrorCode.InvalidArgument,
      field: 'partSize',
    })
  }
  if (size !== undefined && Math.ceil(size / partSize) > MAX_PARTS) {
    partSize = Math.ceil(size / MAX_PARTS)
  }
  const threshold = options.multipartThreshold ?? partSize
  positiveInteger(threshold, 'multipartThreshold', 0)
  const concurrency = positiveInteger(options.concurrency ?? DEFAULT_CONCURRENCY, 'concurrency')
  const retry = resolveRetryPolicy(options.retry)
  positiveInteger(retry.attempts, 'retry.attempts')
  return { partSize, threshold: Math.min(threshold, MAX_PART_SIZE), concurrency, retry }
}

function lengthMismatch(declared: number, actual: number, provider: string): StorageError {
  return new StorageError(
    `The body had ${actual} bytes but contentLength declared ${declared}; nothing was stored`,
    {
      code: ErrorCode.UploadFailed,
      provider,
      details: { declared, actual },
    },
  )
}

function abortError(options: UploadObjectOptions): StorageError {
  return toStorageError(options.signal?.reason ?? new Error('aborted'), {
    operation: 'Upload',
    provider: options.provider ?? 's3',
    key: options.key,
    signal: options.signal,
  })
}

/** Reads the next part; a failing body becomes an `UploadFailed` error. */
async function readPart(
  source: ReturnType<typeof createPartSource>,
  length: number,
  provider: string,
): Promise<Part | undefined> {
  try {
    return await source.read(length)
  } catch (error) {
    if (error instanceof ValidationError) throw error
    throw new StorageError('Reading the upload body failed; nothing was stored', {
      code: ErrorCode.UploadFailed,
      provider,
      cause: error,
    })
  }
}

/** Resolves like `promise`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/**
 * Uploads one object: a single PutObject for small or short bodies, else a streaming multipart
 * upload with `concurrency` parts in flight. Memory stays within `concurrency x partSize` (plus
 * one stream chunk); each part is retried with backoff; any failure or abort sends
 * AbortMultipartUpload after the parts in flight have settled, so no parts are left behind.
 *
 * @example
 * ```ts
 * const result = await uploadObject({
 *   client, bucket: 'media', key: 'video.mp4', body: createReadStream('video.mp4'),
 *   params: { ContentType: 'video/mp4' },
 *   onProgress: ({ loaded, total }) => console.log(loaded, total),
 * })
 * ```
 */
export async function uploadObject(options: UploadObjectOptions): Promise<UploadObjectResult> {
  const provider = options.provider ?? 's3'
  if (options.contentLength !== undefined) {
    positiveInteger(options.contentLength, 'contentLength', 0)
  }
  const source = createPartSource(options.body, options.contentLength)
  const declared = options.contentLength
  if (declared !== undefined && source.size !== undefined && source.size !== declared) {
    throw lengthMismatch(declared, source.size, provider)
  }
  const total = source.size ?? declared
  const settings = resolveSettings(options, total)
  if (options.signal?.aborted) throw abortError(options)

  const context = { provider, bucket: options.bucket, key: options.key, secrets: options.secrets }
  const report = (loaded: number, size: number) => {
    try {
      options.onProgress?.({ loaded, total: size })
    } catch {
      // a throwing progress callback must not break the upload
    }
  }

  let first: Part | undefined
  try {
    const length = total !== undefined && total <= settings.threshold ? total : settings.partSize
    const reading = readPart(source, length, provider)
    first = await (options.signal ? untilAborted(reading, options.signal) : reading)
  } catch (error) {
    source.cancel(error).catch(() => {})
    throw toStorageError(error, { ...context, operation: 'Upload', signal: options.signal })
  }
  const firstLength = first?.bytes.byteLength ?? 0
  if (source.ended && firstLength <= settings.threshold) {
    if (declared !== undefined && declared !== firstLength) {
      first?.release()
      throw lengthMismatch(declared, firstLength, provider)
    }
    report(0, firstLength)
    try {
      const out = await options.client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: options.key,
          Body: first?.bytes ?? new Uint8Array(0),
          ContentLength: firstLength,
          ...options.params,
        }),
        { abortSignal: options.signal },
      )
      report(firstLength, firstLength)
      return { etag: out.ETag ?? '', size: firstLength, parts: 0 }
    } catch (error) {
      throw toStorageError(error, { ...context, operation: 'PutObject', signal: options.signal })
    } finally {
      first?.release()
    }
  }
  return multipart(options, settings, source, first as Part, total, context)
}

async function multipart(
  options: UploadObjectOptions,
  settings: Settings,
  source: ReturnType<typeof createPartSource>,
  first: Part,
  total: number | undefined,
  context: {
    provider: string
    bucket: string
    key: string
    secrets: Iterable<string | undefined> | undefined
  },
): Promise<UploadObjectResult> {
  const { client, bucket, key } = options
  const partClient = options.partClient ?? client
  const internal = new AbortController()
  const onUserAbort = () => internal.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', onUserAbort, { once: true })

  const completed: CompletedPart[] = []
  const inFlight = new Set<Promise<void>>()
  let failure: unknown
  let loaded = 0
  let partCount = 0
  let uploadId: string | undefined

  const fail = (error: unknown) => {
    if (failure === undefined) failure = error
    if (!internal.signal.aborted) internal.abort(error)
  }

  const uploadPart = async (partNumber: number, part: Part, id: string) => {
    const bytes = part.bytes
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const out = await partClient.send(
            new UploadPartCommand({
              Bucket: bucket,
              Key: key,
              UploadId: id,
              PartNumber: partNumber,
              Body: bytes,
              ContentLength: bytes.byteLength,
            }),
            { abortSignal: internal.signal },
          )
          if (!out.ETag) {
            throw new StorageBackendError(
              `UploadPart ${partNumber} returned no ETag; if this runs in a browser, ` +
                "the bucket's CORS rule must list ETag in ExposeHeaders",
              { code: ErrorCode.CorsExposeHeaders, provider: context.provider },
            )
          }
          completed.push({ PartNumber: partNumber, ETag: out.ETag })
          loaded += bytes.byteLength
          return
        } catch (error) {
          if (
            internal.signal.aborted ||
            attempt >= settings.retry.attempts ||
            !isRetryableError(error)
          ) {
            throw error
          }
          const delay = backoffDelay(attempt, settings.retry)
          options.logger?.debug?.('retrying part upload', { partNumber, attempt, delay })
          await settings.retry.sleep(delay, internal.signal)
        }
      }
    } finally {
      part.release()
    }
  }

  const schedule = (partNumber: number, part: Part, id: string) => {
    const task = uploadPart(partNumber, part, id).then(
      () => {
        if (failure === undefined) reportProgress()
      },
      (error) => fail(toStorageError(error, { ...context, operation: 'UploadPart' })),
    )
    const tracked = task.finally(() => inFlight.delete(tracked))
    inFlight.add(tracked)
  }

  const reportProgress = () => {
    try {
      options.onProgress?.(total === undefined ? { loaded } : { loaded, total })
    } catch {
      // ignore callback errors
    }
  }

  try {
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...options.params }),
      { abortSignal: internal.signal },
    )
    uploadId = created.UploadId
    if (!uploadId) {
      throw new StorageBackendError('CreateMultipartUpload returned no UploadId', {
        code: ErrorCode.InvalidResponse,
        provider: context.provider,
      })
    }
    options.logger?.debug?.('multipart upload started', {
      key,
      partSize: settings.partSize,
      concurrency: settings.concurrency,
    })
    partCount = 1
    schedule(1, first, uploadId)
    while (failure === undefined && !internal.signal.aborted && !source.ended) {
      while (inFlight.size >= settings.concurrency && failure === undefined) {
        await Promise.race(inFlight)
      }
      if (failure !== undefined || internal.signal.aborted) break
      const part = await untilAborted(
        readPart(source, settings.partSize, context.provider),
        internal.signal,
      )
      if (part === undefined) break
      if (partCount >= MAX_PARTS) {
        part.release()
        throw new StorageError(
          `The body needs more than ${MAX_PARTS} parts of ${settings.partSize} bytes; ` +
            'raise partSize or declare contentLength',
          { code: ErrorCode.EntityTooLarge, provider: context.provider },
        )
      }
      partCount += 1
      schedule(partCount, part, uploadId)
    }
    await Promise.allSettled([...inFlight])
    if (failure !== undefined) throw failure
    if (internal.signal.aborted) throw internal.signal.reason
    if (total !== undefined && loaded !== total) {
      throw lengthMismatch(total, loaded, context.provider)
    }
    if (completed.length !== partCount) {
      throw new StorageError(`Only ${completed.length} of ${partCount} parts were uploaded`, {
        code: ErrorCode.UploadFailed,
        provider: context.provider,
      })
    }
    completed.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0))
    const done = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: completed },
      }),
      { abortSignal: internal.signal },
    )
    if (total === undefined) {
      try {
        options.onProgress?.({ loaded, total: loaded })
      } catch {
        // ignore callback errors
      }
    }
    options.logger?.debug?.('multipart upload completed', { key, parts: partCount, size: loaded })
    return { etag: done.ETag ?? '', size: loaded, parts: partCount }
  } catch (error) {
    fail(error)
    await Promise.allSettled([...inFlight])
    // not awaited: a stalled stream must not keep the abort from happening
    source.cancel(error).catch(() => {})
    let abortFailure: unknown
    if (uploadId) {
      try {
        await client.send(
          new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }),
        )
        options.logger?.debug?.('multipart upload aborted', { key, parts: partCount })
      } catch (abortError) {
        abortFailure = abortError
        options.logger?.warn?.('AbortMultipartUpload failed; parts may remain', { key })
      }
    } else {
      first.release()
    }
    const mapped =
      options.signal?.aborted === true
        ? toStorageError(options.signal.reason ?? error, {
            ...context,
            operation: 'Upload',
            signal: options.signal,
          })
        : toStorageError(failure ?? error, { ...context, operation: 'Upload' })
    if (abortFailure !== undefined) {
      Object.defineProperty(mapped, 'abortFailure', {
        value: toStorageError(abortFailure, { ...context, operation: 'AbortMultipartUpload' }),
        enumerable: false,
      })
    }
    throw mapped
  } finally {
    options.signal?.removeEventListener('abort', onUserAbort)
  }
}

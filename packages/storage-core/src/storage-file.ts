import { z } from 'zod'

/** Anything with `getReader()`: a WHATWG `ReadableStream` of bytes. */
export type WebByteStream = ReadableStream<Uint8Array>

/**
 * Object content accepted by `uploadFile`: bytes, a string (UTF-8), a `Blob`, a web
 * `ReadableStream`, a Node `Readable` or any `AsyncIterable<Uint8Array>`. (A Node `Readable`
 * is an `AsyncIterable`.)
 */
export type StorageData =
  | Uint8Array
  | ArrayBuffer
  | string
  | Blob
  | WebByteStream
  | AsyncIterable<Uint8Array>

function isStorageData(value: unknown): value is StorageData {
  if (typeof value === 'string') return true
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return true
  if (typeof Blob !== 'undefined' && value instanceof Blob) return true
  if (value === null || typeof value !== 'object') return false
  return (
    typeof (value as { getReader?: unknown }).getReader === 'function' ||
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  )
}

/**
 * Zod schema of {@link StorageFile}: one object to upload (the seed's
 * `StorageFile(object_name, data)`).
 *
 * @example
 * ```ts
 * StorageFileSchema.parse({ objectName: 'docs/readme.txt', data: 'hello' })
 * ```
 */
export const StorageFileSchema = z.object({
  objectName: z.string(),
  data: z.custom<StorageData>(isStorageData, 'bytes, string, Blob, stream or async iterable'),
  /** Defaults to the type of the extension (`mime-types`), else `application/octet-stream`. */
  contentType: z.string().min(1).optional(),
  /** User metadata; names are lower-cased ASCII, values printable. */
  metadata: z.record(z.string(), z.string()).optional(),
  /** Byte length, when known ahead of a stream; checked against what was read. */
  contentLength: z.number().int().nonnegative().optional(),
})

/** One object to upload. */
export type StorageFile = z.infer<typeof StorageFileSchema>

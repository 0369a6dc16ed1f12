import type { StorageData } from './storage-file'

const encoder = new TextEncoder()

/**
 * The byte length of `data` when it is known without reading it (bytes, strings, Blobs), else
 * `undefined` (streams).
 *
 * @example
 * ```ts
 * knownLength('héllo') // 6
 * ```
 */
export function knownLength(data: StorageData): number | undefined {
  if (typeof data === 'string') return encoder.encode(data).length
  if (data instanceof Uint8Array) return data.byteLength
  if (data instanceof ArrayBuffer) return data.byteLength
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.size
  return undefined
}

async function* readWebStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  let done = false
  try {
    while (true) {
      const next = await reader.read()
      if (next.done) {
        done = true
        return
      }
      yield next.value
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk
  if (typeof chunk === 'string') return encoder.encode(chunk)
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk)
  if (ArrayBuffer.isView(chunk)) {
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  }
  throw new TypeError('Stream chunks must be bytes or strings')
}

/**
 * Any {@link StorageData} as an async iterable of byte chunks, read lazily (a Blob is streamed,
 * a Node `Readable` or web stream is consumed once, a string is UTF-8 encoded).
 *
 * @example
 * ```ts
 * for await (const chunk of toByteIterable(file.data)) hash.update(chunk)
 * ```
 */
export async function* toByteIterable(data: StorageData): AsyncGenerator<Uint8Array> {
  if (typeof data === 'string') {
    yield encoder.encode(data)
    return
  }
  if (data instanceof Uint8Array) {
    yield data
    return
  }
  if (data instanceof ArrayBuffer) {
    yield new Uint8Array(data)
    return
  }
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    yield* readWebStream(data.stream() as ReadableStream<Uint8Array>)
    return
  }
  if (typeof (data as { getReader?: unknown }).getReader === 'function') {
    yield* readWebStream(data as ReadableStream<Uint8Array>)
    return
  }
  for await (const chunk of data as AsyncIterable<unknown>) yield toBytes(chunk)
}

/**
 * Read all of `data` into one `Uint8Array`.
 *
 * @example
 * ```ts
 * const bytes = await collectBytes(response.body!)
 * ```
 */
export async function collectBytes(
  data: StorageData,
  options: { signal?: AbortSignal; onChunk?: (chunk: Uint8Array) => void } = {},
): Promise<Uint8Array> {
  if (data instanceof Uint8Array && !options.onChunk) return data
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of toByteIterable(data)) {
    if (options.signal?.aborted) throw options.signal.reason
    chunks.push(chunk)
    total += chunk.byteLength
    options.onChunk?.(chunk)
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/**
 * Iterate `iterable`, but stop as soon as `signal` aborts, even while the source is waiting:
 * the pending read is abandoned, the source's `return()` is called, and the generator throws
 * the `StorageError` produced by `onAbort`.
 *
 * @example
 * ```ts
 * for await (const chunk of abortable(toByteIterable(data), signal, abortedError)) write(chunk)
 * ```
 */
export async function* abortable<T>(
  iterable: AsyncIterable<T>,
  signal: AbortSignal | undefined,
  onAbort: (reason: unknown) => Error,
): AsyncGenerator<T> {
  if (!signal) {
    yield* iterable
    return
  }
  if (signal.aborted) throw onAbort(signal.reason)
  const iterator = iterable[Symbol.asyncIterator]()
  let rejectAbort: (error: Error) => void = () => undefined
  const aborted = new Promise<never>((_, reject) => {
    rejectAbort = reject
  })
  aborted.catch(() => undefined)
  const listener = () => rejectAbort(onAbort(signal.reason))
  signal.addEventListener('abort', listener, { once: true })
  let finished = false
  try {
    while (true) {
      const next = await Promise.race([iterator.next(), aborted])
      if (next.done) {
        finished = true
        return
      }
      yield next.value
      if (signal.aborted) throw onAbort(signal.reason)
    }
  } finally {
    signal.removeEventListener('abort', listener)
    if (!finished) {
      Promise.resolve(iterator.return?.()).catch(() => undefined)
    }
  }
}

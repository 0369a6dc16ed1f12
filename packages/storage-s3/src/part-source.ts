import { ErrorCode, ValidationError } from '@aury/errors'
import { isAsyncIterable } from './is-async-iterable'

/** What an upload accepts as its body (the same shapes as storage-core's `StorageData`). */
export type UploadBody =
  | Uint8Array
  | ArrayBuffer
  | string
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>

/** A slice of the body ready to send; `release()` hands its buffer back for reuse. */
export interface Part {
  bytes: Uint8Array
  release(): void
}

/**
 * Reads an upload body part by part. Random-access bodies (bytes, strings, Blobs) are sliced
 * without copying; streams are copied into a small pool of reusable part buffers, so memory never
 * exceeds the parts the caller holds at once (plus one peeked stream chunk).
 */
export interface PartSource {
  /** The total size when known before reading. */
  readonly size: number | undefined
  /** True once the source is known to have no more bytes. */
  readonly ended: boolean
  /** Up to `length` bytes; fewer only at the end; `undefined` when nothing is left. */
  read(length: number): Promise<Part | undefined>
  /** Stops reading and releases the underlying stream. */
  cancel(reason?: unknown): Promise<void>
}

const noop = () => {}

class BytesSource implements PartSource {
  private offset = 0
  readonly size: number
  constructor(private readonly data: Uint8Array) {
    this.size = data.byteLength
  }
  get ended(): boolean {
    return this.offset >= this.size
  }
  async read(length: number): Promise<Part | undefined> {
    if (this.offset >= this.size) return undefined
    const end = Math.min(this.size, this.offset + length)
    const bytes = this.data.subarray(this.offset, end)
    this.offset = end
    return { bytes, release: noop }
  }
  async cancel(): Promise<void> {}
}

class BlobSource implements PartSource {
  private offset = 0
  readonly size: number
  constructor(private readonly blob: Blob) {
    this.size = blob.size
  }
  get ended(): boolean {
    return this.offset >= this.size
  }
  async read(length: number): Promise<Part | undefined> {
    if (this.offset >= this.size) return undefined
    const end = Math.min(this.size, this.offset + length)
    const start = this.offset
    this.offset = end
    const bytes = new Uint8Array(await this.blob.slice(start, end).arrayBuffer())
    return { bytes, release: noop }
  }
  async cancel(): Promise<void> {}
}

class StreamSource implements PartSource {
  private readonly iterator: AsyncIterator<Uint8Array>
  private pending: Uint8Array | undefined
  private done = false
  private readonly pool: Uint8Array[] = []
  private poolSize = 0

  constructor(
    iterable: AsyncIterable<Uint8Array>,
    readonly size: number | undefined,
  ) {
    this.iterator = iterable[Symbol.asyncIterator]()
  }

  get ended(): boolean {
    return this.done && (this.pending === undefined || this.pending.byteLength === 0)
  }

  private async pull(): Promise<Uint8Array | undefined> {
    if (this.pending !== undefined && this.pending.byteLength > 0) {
      const chunk = this.pending
      this.pending = undefined
      return chunk
    }
    if (this.done) return undefined
    for (;;) {
      const next = await this.iterator.next()
      if (next.done) {
        this.done = true
        return undefined
      }
      const chunk = toBytes(next.value)
      if (chunk.byteLength > 0) return chunk
    }
  }

  private take(length: number): Uint8Array {
    const pooled = this.pool.pop()
    if (pooled !== undefined && this.poolSize === length) return pooled
    this.poolSize = length
    this.pool.length = 0
    // Allocated outside Node's shared pool so the buffer is freed as soon as it is dropped.
    return new Uint8Array(length)
  }

  async read(length: number): Promise<Part | undefined> {
    let first = await this.pull()
    if (first === undefined) return undefined
    // Fast path: one chunk already holds the whole part; send a view of it without copying.
    if (first.byteLength >= length) {
      if (first.byteLength > length) this.pending = first.subarray(length)
      else await this.peek()
      return { bytes: first.subarray(0, length), release: noop }
    }
    const target = this.take(length)
    let filled = 0
    while (first !== undefined) {
      const room = length - filled
      if (first.byteLength > room) {
        target.set(first.subarray(0, room), filled)
        this.pending = first.subarray(room)
        filled = length
        break
      }
      target.set(first, filled)
      filled += first.byteLength
      if (filled === length) break
      first = await this.pull()
    }
    if (filled === length) await this.peek()
    let released = false
    return {
      bytes: target.subarray(0, filled),
      release: () => {
        if (released) return
        released = true
        if (target.byteLength === this.poolSize) this.pool.push(target)
      },
    }
  }

  /** Learns whether the source has ended by holding on to its next chunk. */
  private async peek(): Promise<void> {
    if (this.pending !== undefined && this.pending.byteLength > 0) return
    const next = await this.pull()
    if (next !== undefined) this.pending = next
  }

  async cancel(reason?: unknown): Promise<void> {
    this.done = true
    this.pending = undefined
    this.pool.length = 0
    await this.iterator.return?.(reason)
  }
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value
  if (typeof value === 'string') return new TextEncoder().encode(value)
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  }
  throw new ValidationError('Upload streams must yield bytes (Uint8Array)', {
    code: ErrorCode.InvalidArgument,
    field: 'data',
  })
}

async function* readWebStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    reader.releaseLock()
  }
}

function isWebStream(value: unknown): value is ReadableStream<Uint8Array> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { getReader?: unknown }).getReader === 'function'
  )
}

/**
 * A {@link PartSource} over any upload body. `contentLength` is the caller's declared size of a
 * stream (used for part sizing and checked by the uploader).
 *
 * @example
 * ```ts
 * const source = createPartSource(new Uint8Array(10))
 * const part = await source.read(4) // 4 bytes, a view of the input
 * part?.release()
 * ```
 */
export function createPartSource(body: UploadBody, contentLength?: number): PartSource {
  if (typeof body === 'string') return new BytesSource(new TextEncoder().encode(body))
  if (body instanceof Uint8Array) return new BytesSource(body)
  if (body instanceof ArrayBuffer) return new BytesSource(new Uint8Array(body))
  if (typeof Blob !== 'undefined' && body instanceof Blob) return new BlobSource(body)
  if (isWebStream(body) && !isAsyncIterable(body)) {
    return new StreamSource(readWebStream(body), contentLength)
  }
  if (isAsyncIterable(body)) return new StreamSource(body, contentLength)
  throw new ValidationError('Unsupported upload body: expected bytes, string, Blob or stream', {
    code: ErrorCode.InvalidArgument,
    field: 'data',
  })
}

import { ErrorCode, ValidationError } from '@aury/errors'
import {
  abortable,
  abortedError,
  BaseStorage,
  type CopyOptions,
  compareKeys,
  type DownloadOptions,
  type GetUrlOptions,
  knownLength,
  type ListEntry,
  type ListOptions,
  notFoundError,
  type ObjectInfo,
  type PresignedPost,
  type PresignedPostOptions,
  type PresignedRequest,
  resolveByteRange,
  resolveContentType,
  type StorageCapabilities,
  type StorageFile,
  StorageFileSchema,
  type TransferOptions,
  throwIfAborted,
  toByteIterable,
  type UploadResult,
  type UploadUrlOptions,
  unsupportedError,
  validateBucketName,
  validateByteRange,
  validateExpiresIn,
  validateListOptions,
  validateMetadata,
  validateObjectKey,
} from '@aury/storage-core'
import { applyListOptions } from './listing'
import { encodeKeyPath, SignedUrls } from './signed-urls'

/** Options of {@link MemoryStorage}. */
export interface MemoryStorageOptions {
  /** Defaults to `default`. */
  bucket?: string
  /** Where `createLocalStorageHandler` serves this storage; enables signed http(s) URLs. */
  baseUrl?: string
  /** HMAC key of signed URLs (at least 16 bytes); required with `baseUrl`. */
  signingSecret?: string | Uint8Array
  /** Clock in ms (mtimes and signed URL expiry). */
  now?: () => number
}

interface Entry {
  data: Uint8Array
  contentType: string
  metadata: Record<string, string>
  etag: string
  lastModified: Date
}

/**
 * An in-memory backend with the same semantics as {@link LocalStorage} (validation, errors,
 * listing order, atomic overwrite, signed URLs through `createLocalStorageHandler`), for unit
 * tests. Unlike a filesystem it can hold `a` and `a/b` at once. Runs in browsers too.
 *
 * @example
 * ```ts
 * const storage = new MemoryStorage()
 * await storage.uploadFile({ objectName: 'a.txt', data: 'hi' })
 * await storage.downloadFile('a.txt') // Uint8Array [104, 105]
 * ```
 */
export class MemoryStorage extends BaseStorage {
  readonly backend = 'memory'
  readonly capabilities: Readonly<StorageCapabilities>
  readonly bucket: string
  /** Signed URL builder; `undefined` unless `baseUrl` and `signingSecret` are set. */
  readonly signedUrls: SignedUrls | undefined
  readonly #objects = new Map<string, Entry>()
  readonly #now: () => number
  #sequence = 0

  constructor(options: MemoryStorageOptions = {}) {
    super()
    this.bucket = validateBucketName(options.bucket ?? 'default', 'memory')
    this.#now = options.now ?? Date.now
    if ((options.baseUrl === undefined) !== (options.signingSecret === undefined)) {
      throw new ValidationError('baseUrl and signingSecret must be set together', {
        code: ErrorCode.InvalidConfig,
        field: options.baseUrl === undefined ? 'baseUrl' : 'signingSecret',
      })
    }
    this.signedUrls =
      options.baseUrl !== undefined && options.signingSecret !== undefined
        ? new SignedUrls({
            baseUrl: options.baseUrl,
            signingSecret: options.signingSecret,
            bucket: this.bucket,
            now: options.now,
          })
        : undefined
    const signed = this.signedUrls !== undefined
    this.capabilities = Object.freeze({
      presignedGet: signed,
      presignedPut: signed,
      presignedPost: signed,
      rangeRead: true,
      list: true,
      listDelimiter: true,
      copy: true,
      atomicMove: true,
      metadata: true,
      multipart: false,
      streamingUpload: false,
      atomicWrite: true,
      objectPrefixOverlap: true,
      maxKeyBytes: 1024,
      listConsistency: 'strong' as const,
    })
  }

  /** Number of objects stored. */
  get size(): number {
    return this.#objects.size
  }

  /** Remove every object. */
  clear(): void {
    this.#objects.clear()
  }

  #get(key: string): Entry {
    const entry = this.#objects.get(key)
    if (!entry) throw notFoundError(key, 'memory')
    return entry
  }

  #etag(size: number): string {
    this.#sequence += 1
    return `"m${this.#sequence.toString(16)}-${size.toString(16)}"`
  }

  async uploadFile(file: StorageFile, options: TransferOptions = {}): Promise<UploadResult> {
    const parsed = StorageFileSchema.safeParse(file)
    if (!parsed.success) {
      throw new ValidationError(`Invalid StorageFile: ${parsed.error.issues[0]?.message ?? ''}`, {
        code: ErrorCode.InvalidArgument,
        field: String(parsed.error.issues[0]?.path[0] ?? 'file'),
      })
    }
    const key = validateObjectKey(file.objectName, { field: 'objectName' })
    const metadata = validateMetadata(file.metadata)
    const contentType = resolveContentType(key, file.contentType)
    throwIfAborted(options.signal)
    const total = file.contentLength ?? knownLength(file.data)
    const chunks: Uint8Array[] = []
    let loaded = 0
    try {
      for await (const chunk of abortable(
        toByteIterable(file.data),
        options.signal,
        abortedError,
      )) {
        chunks.push(chunk.slice())
        loaded += chunk.byteLength
        options.onProgress?.({ loaded, total })
      }
    } catch (error) {
      if (options.signal?.aborted) throw abortedError(options.signal.reason)
      throw error
    }
    if (file.contentLength !== undefined && loaded !== file.contentLength) {
      throw new ValidationError(`Read ${loaded} bytes but contentLength is ${file.contentLength}`, {
        code: 'IncompleteBody',
        field: 'contentLength',
      })
    }
    throwIfAborted(options.signal)
    const data = new Uint8Array(loaded)
    let offset = 0
    for (const chunk of chunks) {
      data.set(chunk, offset)
      offset += chunk.byteLength
    }
    const entry: Entry = {
      data,
      contentType,
      metadata,
      etag: this.#etag(loaded),
      lastModified: new Date(this.#now()),
    }
    this.#objects.set(key, entry)
    options.onProgress?.({ loaded, total: loaded })
    return {
      url: await this.getFileUrl(key),
      objectName: key,
      size: loaded,
      etag: entry.etag,
      contentType,
    }
  }

  async stat(key: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo> {
    validateObjectKey(key)
    throwIfAborted(options.signal)
    const entry = this.#get(key)
    return {
      key,
      size: entry.data.byteLength,
      etag: entry.etag,
      contentType: entry.contentType,
      lastModified: entry.lastModified,
      metadata: { ...entry.metadata },
    }
  }

  override async downloadFile(key: string, options: TransferOptions = {}): Promise<Uint8Array> {
    validateObjectKey(key)
    throwIfAborted(options.signal)
    const data = this.#get(key).data.slice()
    options.onProgress?.({ loaded: data.byteLength, total: data.byteLength })
    return data
  }

  async downloadStream(
    key: string,
    options: DownloadOptions = {},
  ): Promise<ReadableStream<Uint8Array>> {
    validateObjectKey(key)
    validateByteRange(options.range)
    throwIfAborted(options.signal)
    const data = this.#get(key).data
    const { start, end } = resolveByteRange(options.range, data.byteLength)
    let position = start
    const signal = options.signal
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (signal?.aborted) {
          controller.error(abortedError(signal.reason))
          return
        }
        if (position >= end) {
          controller.close()
          return
        }
        const next = Math.min(end, position + 1024 * 1024)
        controller.enqueue(data.slice(position, next))
        position = next
      },
    })
  }

  async deleteFile(key: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    validateObjectKey(key)
    throwIfAborted(options.signal)
    this.#objects.delete(key)
  }

  async copy(sourceKey: string, destinationKey: string, options: CopyOptions = {}): Promise<void> {
    validateObjectKey(sourceKey, { field: 'sourceKey' })
    validateObjectKey(destinationKey, { field: 'destinationKey' })
    throwIfAborted(options.signal)
    const source = this.#get(sourceKey)
    if (sourceKey === destinationKey) return
    this.#objects.set(destinationKey, {
      ...source,
      data: source.data.slice(),
      metadata: { ...source.metadata },
      etag: this.#etag(source.data.byteLength),
      lastModified: new Date(this.#now()),
    })
  }

  override async move(
    sourceKey: string,
    destinationKey: string,
    options: CopyOptions = {},
  ): Promise<void> {
    validateObjectKey(sourceKey, { field: 'sourceKey' })
    validateObjectKey(destinationKey, { field: 'destinationKey' })
    throwIfAborted(options.signal)
    const source = this.#get(sourceKey)
    if (sourceKey === destinationKey) return
    this.#objects.set(destinationKey, source)
    this.#objects.delete(sourceKey)
  }

  async *list(options: ListOptions = {}): AsyncGenerator<ListEntry> {
    const opts = validateListOptions(options)
    const snapshot = [...this.#objects.entries()]
      .filter(([key]) => key.startsWith(opts.prefix))
      .sort(([a], [b]) => compareKeys(a, b))
      .map(
        ([key, entry]): ListEntry => ({
          type: 'object',
          key,
          size: entry.data.byteLength,
          etag: entry.etag,
          lastModified: entry.lastModified,
        }),
      )
    yield* applyListOptions(snapshot, opts)
  }

  async getFileUrl(key: string, options: GetUrlOptions = {}): Promise<string> {
    validateObjectKey(key)
    const expiresIn = validateExpiresIn(options.expiresIn, 3600)
    if (this.signedUrls) return this.signedUrls.get(key, expiresIn)
    return `memory://${this.bucket}/${encodeKeyPath(key)}`
  }

  async getUploadUrl(key: string, options: UploadUrlOptions = {}): Promise<PresignedRequest> {
    validateObjectKey(key)
    const expiresIn = validateExpiresIn(options.expiresIn, 900)
    if (!this.signedUrls) throw unsupportedError('getUploadUrl without baseUrl', 'memory')
    return this.signedUrls.put(key, { expiresIn, contentType: options.contentType })
  }

  override async createPresignedPost(
    key: string,
    options: PresignedPostOptions = {},
  ): Promise<PresignedPost> {
    validateObjectKey(key)
    if (!this.signedUrls) throw unsupportedError('createPresignedPost without baseUrl', 'memory')
    return this.signedUrls.post(key, options)
  }
}

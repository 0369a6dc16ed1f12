import { ErrorCode, isStorageSDKError } from '@aury/errors'
import { abortable, collectBytes, toByteIterable } from './data-source'
import { mapBounded } from './map-bounded'
import type { ObjectInfo } from './object-info'
import { validateObjectKey } from './object-key'
import type {
  CopyOptions,
  DeleteFilesOptions,
  DeleteFilesResult,
  DownloadOptions,
  GetUrlOptions,
  ListEntry,
  ListOptions,
  PresignedPost,
  PresignedPostOptions,
  PresignedRequest,
  Storage,
  StorageCapabilities,
  TransferOptions,
  UploadFilesOptions,
  UploadUrlOptions,
} from './storage'
import { type BatchFailure, StorageBatchError } from './storage-batch-error'
import { abortedError, throwIfAborted, unsupportedError } from './storage-errors'
import type { StorageData, StorageFile } from './storage-file'
import type { UploadResult } from './upload-result'

/**
 * A helper base class: implements `uploadFiles`, `deleteFiles`, `fileExists`, `downloadFile`,
 * `move` (copy + delete) and an `Unsupported` `createPresignedPost` on top of the primitive
 * operations, so a backend writes only those. Backends may override any of them.
 *
 * @example
 * ```ts
 * class MyStorage extends BaseStorage {
 *   readonly backend = 'mine'
 *   readonly capabilities = { ...MINIMAL_CAPABILITIES }
 *   // ...uploadFile, stat, downloadStream, deleteFile, list, copy, getFileUrl, getUploadUrl
 * }
 * ```
 */
export abstract class BaseStorage implements Storage {
  abstract readonly backend: string
  abstract readonly capabilities: Readonly<StorageCapabilities>

  /**
   * The key rules of this backend, applied by the helpers here before any I/O. Defaults to
   * {@link validateObjectKey} with `capabilities.maxKeyBytes`; override to add backend rules.
   */
  protected validateKey(key: unknown, field = 'key'): string {
    return validateObjectKey(key, { maxBytes: this.capabilities.maxKeyBytes, field })
  }

  abstract uploadFile(file: StorageFile, options?: TransferOptions): Promise<UploadResult>
  abstract stat(key: string, options?: { signal?: AbortSignal }): Promise<ObjectInfo>
  abstract downloadStream(
    key: string,
    options?: DownloadOptions,
  ): Promise<ReadableStream<Uint8Array>>
  abstract deleteFile(key: string, options?: { signal?: AbortSignal }): Promise<void>
  abstract list(options?: ListOptions): AsyncIterable<ListEntry>
  abstract copy(sourceKey: string, destinationKey: string, options?: CopyOptions): Promise<void>
  abstract getFileUrl(key: string, options?: GetUrlOptions): Promise<string>
  abstract getUploadUrl(key: string, options?: UploadUrlOptions): Promise<PresignedRequest>

  async uploadFiles(
    files: readonly StorageFile[],
    options: UploadFilesOptions = {},
  ): Promise<UploadResult[]> {
    const total = files.length
    const loaded = new Array<number>(total).fill(0)
    const sizes = new Array<number | undefined>(total).fill(undefined)
    const report = options.onProgress
      ? () => {
          const sum = loaded.reduce((a, b) => a + b, 0)
          const known = sizes.every((s) => s !== undefined)
          options.onProgress?.({
            loaded: sum,
            total: known ? sizes.reduce<number>((a, b) => a + (b ?? 0), 0) : undefined,
          })
        }
      : undefined
    const outcomes = await mapBounded(files, options.concurrency ?? 4, (file, index) =>
      this.uploadFile(file, {
        signal: options.signal,
        onProgress: report
          ? (p) => {
              loaded[index] = p.loaded
              sizes[index] = p.total
              report()
            }
          : undefined,
      }),
    )
    return settleBatch(
      'uploadFiles',
      outcomes,
      files.map((f) => f.objectName),
    )
  }

  async deleteFiles(
    keys: readonly string[],
    options: DeleteFilesOptions = {},
  ): Promise<DeleteFilesResult> {
    for (const key of keys) this.validateKey(key)
    const outcomes = await mapBounded(keys, options.concurrency ?? 8, (key) =>
      this.deleteFile(key, { signal: options.signal }),
    )
    settleBatch('deleteFiles', outcomes, keys)
    return { deleted: [...keys] }
  }

  async fileExists(key: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
    try {
      await this.stat(key, options)
      return true
    } catch (error) {
      if (isStorageSDKError(error) && error.code === ErrorCode.NotFound) return false
      throw error
    }
  }

  async downloadFile(key: string, options: TransferOptions = {}): Promise<Uint8Array> {
    const signal = options.signal
    const source = toByteIterable(await this.downloadSource(key, { signal }))
    let loaded = 0
    const onProgress = options.onProgress
    const bytes = await collectBytes(signal ? abortable(source, signal, abortedError) : source, {
      onChunk: onProgress
        ? (chunk) => {
            loaded += chunk.byteLength
            onProgress({ loaded })
          }
        : undefined,
    })
    // A single chunk may be a Node Buffer: hand out a plain Uint8Array view of it.
    return bytes.constructor === Uint8Array
      ? bytes
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /**
   * What `downloadFile` reads: `downloadStream` by default. A backend with a cheaper source of
   * the same bytes (a Node stream rather than a web stream) overrides it.
   */
  protected downloadSource(key: string, options: { signal?: AbortSignal }): Promise<StorageData> {
    return this.downloadStream(key, options)
  }

  async move(sourceKey: string, destinationKey: string, options: CopyOptions = {}): Promise<void> {
    await this.copy(sourceKey, destinationKey, options)
    if (sourceKey === destinationKey) return
    throwIfAborted(options.signal)
    await this.deleteFile(sourceKey, options)
  }

  async createPresignedPost(key: string, _options?: PresignedPostOptions): Promise<PresignedPost> {
    this.validateKey(key)
    throw unsupportedError('createPresignedPost', this.backend)
  }
}

/**
 * Turn settled outcomes into results, or throw a {@link StorageBatchError} naming each failure.
 *
 * @example
 * ```ts
 * const results = settleBatch('uploadFiles', await mapBounded(files, 4, upload), names)
 * ```
 */
export function settleBatch<R>(
  operation: string,
  outcomes: readonly ({ ok: true; value: R } | { ok: false; error: unknown })[],
  names: readonly string[],
): R[] {
  const failures: BatchFailure[] = []
  const results: (R | undefined)[] = outcomes.map((o, index) => {
    if (o.ok) return o.value
    failures.push({
      index,
      objectName: names[index] ?? '',
      error: o.error instanceof Error ? o.error : new Error(String(o.error)),
    })
    return undefined
  })
  if (failures.length > 0) throw new StorageBatchError(operation, failures, results)
  return results as R[]
}

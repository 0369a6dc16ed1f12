import type { ObjectInfo } from './object-info'
import type { StorageFile } from './storage-file'
import type { UploadResult } from './upload-result'

/** A progress report of long work: bytes done so far and, when known, the total. */
export interface Progress {
  loaded: number
  total?: number
}

/** Options of long operations. */
export interface TransferOptions {
  /** Cancels the operation; it then rejects with a `StorageError` of code `Aborted`. */
  signal?: AbortSignal
  /** Called as bytes move; the last call has `loaded === total` on success. */
  onProgress?: (progress: Progress) => void
}

/** Options of `uploadFiles`. */
export interface UploadFilesOptions extends TransferOptions {
  /** Uploads in flight at once. Defaults to 4. */
  concurrency?: number
}

/**
 * A byte range: `{ start, end? }` with an inclusive `end` (HTTP style; an `end` past the object
 * is clipped, a `start` at or past the size fails with code `InvalidRange`), or `{ suffix }` for
 * the last `suffix` bytes (larger than the object = whole object, 0 = empty).
 */
export type ByteRange = { start: number; end?: number } | { suffix: number }

/** Options of `downloadStream`. */
export interface DownloadOptions {
  range?: ByteRange
  signal?: AbortSignal
}

/** Options of `getFileUrl`. */
export interface GetUrlOptions {
  /** Lifetime of a signed URL in seconds (1..604800). Defaults to 3600. */
  expiresIn?: number
}

/** Options of `getUploadUrl`. */
export interface UploadUrlOptions {
  /** Lifetime in seconds (1..604800). Defaults to 900. */
  expiresIn?: number
  /** Bound into the signature: the upload must send exactly this `Content-Type`. */
  contentType?: string
}

/** A request a client can send without credentials (OpenDAL's `{method, url, headers}`). */
export interface PresignedRequest {
  method: 'GET' | 'PUT' | 'HEAD' | 'POST' | 'DELETE'
  url: string
  /** Headers the client must send unchanged. */
  headers: Record<string, string>
}

/** Options of `createPresignedPost`. */
export interface PresignedPostOptions {
  /** Lifetime in seconds (1..604800). Defaults to 900. */
  expiresIn?: number
  /** The exact content type the form must declare. */
  contentType?: string
  /** Upper bound of the file size in bytes (`content-length-range`). */
  maxSize?: number
  /** Extra form fields to include and sign. */
  fields?: Record<string, string>
}

/** A browser form upload: POST `multipart/form-data` with `fields` first, then `file`. */
export interface PresignedPost {
  url: string
  fields: Record<string, string>
}

/** Options of `list`. */
export interface ListOptions {
  /** Only keys starting with this. */
  prefix?: string
  /** Group keys sharing `prefix + ... + delimiter` into one common-prefix entry (usually `/`). */
  delimiter?: string
  /** Stop after this many entries (objects plus prefixes). */
  limit?: number
  /** Only entries sorting strictly after this key (use the last key seen to resume). */
  startAfter?: string
  /** Entries fetched per backend request; a hint. */
  pageSize?: number
  signal?: AbortSignal
}

/** An object yielded by `list`. */
export interface ListObjectEntry {
  type: 'object'
  key: string
  size: number
  etag: string
  lastModified: Date
}

/** A common prefix yielded by `list` when a `delimiter` is set (ends with the delimiter). */
export interface ListPrefixEntry {
  type: 'prefix'
  prefix: string
}

/** What `list` yields, in lexicographic (UTF-8 byte) order of key or prefix. */
export type ListEntry = ListObjectEntry | ListPrefixEntry

/** Options of `copy` and `move`. */
export interface CopyOptions {
  signal?: AbortSignal
}

/** Options of `deleteFiles`. */
export interface DeleteFilesOptions {
  concurrency?: number
  signal?: AbortSignal
}

/** What `deleteFiles` returns when every key was deleted (or already missing). */
export interface DeleteFilesResult {
  deleted: string[]
}

/**
 * What a backend can do; the conformance suite and callers branch on it instead of catching
 * `Unsupported`.
 */
export interface StorageCapabilities {
  /** `getFileUrl` returns a URL a plain HTTP client can GET. */
  presignedGet: boolean
  /** `getUploadUrl` works. */
  presignedPut: boolean
  /** `createPresignedPost` works. */
  presignedPost: boolean
  /** `downloadStream` honours `range`. */
  rangeRead: boolean
  list: boolean
  /** `list` groups by `delimiter`. */
  listDelimiter: boolean
  copy: boolean
  /** `move` is an atomic rename rather than copy + delete. */
  atomicMove: boolean
  /** Content type and user metadata round-trip. */
  metadata: boolean
  /** Large uploads are split into parts. */
  multipart: boolean
  /** Streams of unknown length upload without being buffered whole. */
  streamingUpload: boolean
  /** Readers never see a partially written object. */
  atomicWrite: boolean
  /**
   * An object may share its name with a prefix of other objects (`a` and `a/b`). False on
   * filesystems, where `a` cannot be both a file and a directory (writing the second fails with
   * code `Conflict`).
   */
  objectPrefixOverlap: boolean
  /** Keys a backend accepts at most, in UTF-8 bytes. */
  maxKeyBytes: number
  /** `strong`: a write is visible to the next list. */
  listConsistency: 'strong' | 'eventual'
}

/**
 * One interface over every backend: the seed's methods (`uploadFile`, `uploadFiles`,
 * `fileExists`, `getFileUrl`, `downloadFile`, `deleteFile`) plus streaming, stat, listing,
 * copy/move, batch delete and presigned uploads.
 *
 * Errors: bad keys throw `ValidationError` `InvalidObjectKey` before any I/O; a missing object
 * throws `StorageError` `NotFound` from `stat`, `downloadFile`, `downloadStream`, `copy` and
 * `move`; `deleteFile` of a missing key succeeds; a cancelled call rejects with `Aborted`; an
 * operation outside `capabilities` rejects with `Unsupported`.
 *
 * @example
 * ```ts
 * async function publish(storage: Storage) {
 *   await storage.uploadFile({ objectName: 'docs/readme.txt', data: 'hello' })
 *   return storage.getFileUrl('docs/readme.txt', { expiresIn: 600 })
 * }
 * ```
 */
export interface Storage {
  /** The backend's name (`local`, `memory`, `s3`, ...). */
  readonly backend: string
  readonly capabilities: Readonly<StorageCapabilities>

  /** Store one object (overwriting); atomic where `capabilities.atomicWrite`. */
  uploadFile(file: StorageFile, options?: TransferOptions): Promise<UploadResult>
  /**
   * Store many objects with bounded concurrency. Results are in input order. If any file fails,
   * the others still complete and the call rejects with a `StorageBatchError` (code
   * `BatchFailed`) listing each failure by index and object name.
   */
  uploadFiles(files: readonly StorageFile[], options?: UploadFilesOptions): Promise<UploadResult[]>
  fileExists(key: string, options?: { signal?: AbortSignal }): Promise<boolean>
  /**
   * A URL for the object: signed and expiring where `capabilities.presignedGet`, else a
   * backend-specific locator (`file://`, `memory://`).
   */
  getFileUrl(key: string, options?: GetUrlOptions): Promise<string>
  downloadFile(key: string, options?: TransferOptions): Promise<Uint8Array>
  /** Delete one object; a missing key is success. */
  deleteFile(key: string, options?: { signal?: AbortSignal }): Promise<void>
  downloadStream(key: string, options?: DownloadOptions): Promise<ReadableStream<Uint8Array>>
  /** Size, etag, type, mtime and metadata; throws `NotFound` for a missing key. */
  stat(key: string, options?: { signal?: AbortSignal }): Promise<ObjectInfo>
  /** Lazily paginated listing, in key order. */
  list(options?: ListOptions): AsyncIterable<ListEntry>
  copy(sourceKey: string, destinationKey: string, options?: CopyOptions): Promise<void>
  move(sourceKey: string, destinationKey: string, options?: CopyOptions): Promise<void>
  /** Delete many objects; missing keys count as deleted. Rejects with `BatchFailed` on errors. */
  deleteFiles(keys: readonly string[], options?: DeleteFilesOptions): Promise<DeleteFilesResult>
  /** A presigned PUT a client can send with the object as its body. */
  getUploadUrl(key: string, options?: UploadUrlOptions): Promise<PresignedRequest>
  /** A presigned browser form upload; `Unsupported` unless `capabilities.presignedPost`. */
  createPresignedPost(key: string, options?: PresignedPostOptions): Promise<PresignedPost>
}

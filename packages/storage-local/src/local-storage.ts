import { createHash, randomUUID } from 'node:crypto'
import * as nodeFs from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  ErrorCode,
  isStorageSDKError,
  StorageBackendError,
  StorageError,
  ValidationError,
} from '@aury/errors'
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
  utf8ByteLength,
  validateBucketName,
  validateByteRange,
  validateExpiresIn,
  validateListOptions,
  validateMetadata,
  validateObjectKey,
} from '@aury/storage-core'
import type { FileHandleLike, FsLike, FsPromisesLike, StatsLike } from './fs-like'
import { applyListOptions } from './listing'
import { SignedUrls } from './signed-urls'

/** Options of {@link LocalStorage}. */
export interface LocalStorageOptions {
  /** Root directory; objects live in `<basePath>/<bucket>/<key>`. */
  basePath: string
  /** A single safe directory name. Defaults to `default`. */
  bucket?: string
  /** Where `createLocalStorageHandler` serves this storage; enables signed http(s) URLs. */
  baseUrl?: string
  /** HMAC key of signed URLs (at least 16 bytes); required with `baseUrl`. */
  signingSecret?: string | Uint8Array
  /** The filesystem; defaults to `node:fs`. memfs works too. */
  fs?: FsLike
  /** Clock in ms (signed URL expiry). */
  now?: () => number
  /** `fsync` each object before it is renamed into place (durable across power loss). */
  fsync?: boolean
  /** Optional diagnostics hook; nothing is printed otherwise. */
  logger?: { debug?: (message: string, data?: Record<string, unknown>) => void }
}

/** Temp files carry this prefix; keys with a segment starting with it are refused. */
export const LOCAL_TEMP_PREFIX = '.aury-tmp-'
/** Longest path segment most filesystems accept, in bytes. */
const NAME_MAX = 255
const READ_CHUNK = 1024 * 1024
const WRITE_BATCH = 1024 * 1024
const { O_RDONLY, O_NOFOLLOW = 0 } = nodeFs.constants

interface Sidecar {
  ino: string
  contentType: string
  metadata: Record<string, string>
}

function errno(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code
  return typeof code === 'string' ? code : undefined
}

function backendError(operation: string, error: unknown): StorageError {
  if (isStorageSDKError(error)) return error as StorageError
  const code = errno(error) ?? (operation === 'write' ? ErrorCode.UploadFailed : 'IOError')
  return new StorageBackendError(`Local ${operation} failed (${code})`, {
    code:
      code === 'ENOSPC' ? 'InsufficientStorage' : code === 'EACCES' ? ErrorCode.AccessDenied : code,
    provider: 'local',
    cause: error,
  })
}

function conflictError(key: string): StorageError {
  return new StorageError(
    `Object ${JSON.stringify(key.slice(0, 200))} conflicts with an existing object or prefix`,
    { code: 'Conflict', httpStatus: 409, provider: 'local', details: { key } },
  )
}

function symlinkError(key: string): StorageError {
  return new StorageError(
    `Refusing to follow a symbolic link on the path of ${JSON.stringify(key.slice(0, 200))}`,
    { code: ErrorCode.AccessDenied, httpStatus: 403, provider: 'local', details: { key } },
  )
}

function etagOf(stats: StatsLike): string {
  const mtime = stats.mtime.getTime()
  return `"${Number(stats.size).toString(16)}-${mtime.toString(16)}-${String(stats.ino)}"`
}

/**
 * A filesystem backend: objects are plain files under `<basePath>/<bucket>/`, so the tree can
 * be browsed; content type and user metadata live in sidecar JSON under `<basePath>/.aury/`,
 * which no key can reach.
 *
 * - Writes are atomic: data streams into a temp file in the target directory, which is renamed
 *   over the key, so readers never see half an object and a failed, aborted or killed write
 *   leaves no object (and, except for a killed process, no temp file).
 * - Traversal-proof: hostile keys are refused before any disk access, and every path component
 *   is `lstat`ed: a symbolic link anywhere below the root is never followed (files are also
 *   opened with `O_NOFOLLOW`).
 * - `a` and `a/b` cannot both exist (a file cannot be a directory): the second write fails with
 *   code `Conflict`. Keys ending in `/` and keys with a segment over 255 bytes are refused.
 * - `getFileUrl` gives a `file://` URL, or a signed http(s) URL when `baseUrl` and
 *   `signingSecret` are set (serve them with `createLocalStorageHandler`).
 *
 * @example
 * ```ts
 * const storage = new LocalStorage({ basePath: './uploads' })
 * await storage.uploadFile({ objectName: 'docs/readme.txt', data: 'hello' })
 * console.log(await storage.getFileUrl('docs/readme.txt'))
 * ```
 */
export class LocalStorage extends BaseStorage {
  readonly backend = 'local'
  readonly capabilities: Readonly<StorageCapabilities>
  readonly bucket: string
  /** Absolute root of this bucket's objects. */
  readonly root: string
  /** Signed URL builder; `undefined` unless `baseUrl` and `signingSecret` are set. */
  readonly signedUrls: SignedUrls | undefined
  readonly #fs: FsPromisesLike
  readonly #metaRoot: string
  readonly #fsync: boolean
  readonly #logger: LocalStorageOptions['logger']

  constructor(options: LocalStorageOptions) {
    super()
    if (typeof options?.basePath !== 'string' || options.basePath.length === 0) {
      throw new ValidationError('basePath is required', {
        code: ErrorCode.InvalidConfig,
        field: 'basePath',
      })
    }
    this.bucket = validateBucketName(options.bucket ?? 'default', 'local')
    const base = resolve(options.basePath)
    this.root = join(base, this.bucket)
    this.#metaRoot = join(base, '.aury', 'meta', this.bucket)
    this.#fs = (options.fs ?? nodeFs).promises
    this.#fsync = options.fsync ?? false
    this.#logger = options.logger
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
      streamingUpload: true,
      atomicWrite: true,
      objectPrefixOverlap: false,
      maxKeyBytes: 1024,
      listConsistency: 'strong' as const,
    })
  }

  /** Core key rules plus the filesystem's: no trailing `/`, segments of at most 255 bytes. */
  protected override validateKey(key: unknown, field = 'key'): string {
    return this.#key(key, field)
  }

  #key(key: unknown, field = 'key'): string {
    const valid = validateObjectKey(key, { field })
    const segments = valid.split('/')
    for (const segment of segments) {
      let problem: string | undefined
      if (segment === '') problem = 'trailing slash'
      else if (segment.startsWith(LOCAL_TEMP_PREFIX)) problem = 'reserved name'
      else if (utf8ByteLength(segment) > NAME_MAX) problem = `segment over ${NAME_MAX} bytes`
      if (problem) {
        throw new ValidationError(`Invalid object key: ${problem}`, {
          code: ErrorCode.InvalidObjectKey,
          field,
          details: { rule: problem },
        })
      }
    }
    return valid
  }

  async #lstat(path: string): Promise<StatsLike | undefined> {
    try {
      return await this.#fs.lstat(path)
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return undefined
      throw error
    }
  }

  /**
   * Resolve a key to its path, checking each component with lstat: a symlink anywhere is
   * refused; a missing directory means the key is absent.
   *
   * @returns the path and the final component's stats (undefined if absent)
   */
  async #locate(
    key: string,
    mode: 'read' | 'write',
  ): Promise<{ path: string; stats: StatsLike | undefined; missingFrom: number }> {
    const segments = key.split('/')
    const rootStats = await this.#lstat(this.root)
    if (rootStats?.isSymbolicLink()) throw symlinkError(key)
    if (rootStats && !rootStats.isDirectory()) throw conflictError(key)
    let current = this.root
    if (!rootStats) return { path: join(this.root, ...segments), stats: undefined, missingFrom: 0 }
    for (let i = 0; i < segments.length - 1; i++) {
      current = join(current, segments[i] as string)
      const stats = await this.#lstat(current)
      if (!stats) {
        return { path: join(this.root, ...segments), stats: undefined, missingFrom: i + 1 }
      }
      if (stats.isSymbolicLink()) throw symlinkError(key)
      if (!stats.isDirectory()) {
        if (mode === 'write') throw conflictError(key)
        return { path: join(this.root, ...segments), stats: undefined, missingFrom: -1 }
      }
    }
    const path = join(current, segments[segments.length - 1] as string)
    const stats = await this.#lstat(path)
    if (stats?.isSymbolicLink()) throw symlinkError(key)
    if (stats?.isDirectory()) {
      if (mode === 'write') throw conflictError(key)
      return { path, stats: undefined, missingFrom: -1 }
    }
    return { path, stats, missingFrom: -1 }
  }

  /** Path of a file that exists (regular, no symlink on the way), else NotFound. */
  async #existing(key: string): Promise<{ path: string; stats: StatsLike }> {
    const found = await this.#locate(key, 'read')
    if (!found.stats?.isFile()) throw notFoundError(key, 'local')
    return { path: found.path, stats: found.stats }
  }

  async #openRead(
    key: string,
  ): Promise<{ handle: FileHandleLike; stats: StatsLike; path: string }> {
    const { path } = await this.#existing(key)
    let handle: FileHandleLike
    try {
      handle = await this.#fs.open(path, O_RDONLY | O_NOFOLLOW)
    } catch (error) {
      if (errno(error) === 'ENOENT') throw notFoundError(key, 'local')
      if (errno(error) === 'ELOOP') throw symlinkError(key)
      throw backendError('open', error)
    }
    const stats = await handle.stat()
    if (!stats.isFile()) {
      await handle.close()
      throw notFoundError(key, 'local')
    }
    return { handle, stats, path }
  }

  /** Make the directories of a key (after lstat checks); returns the target path. */
  async #prepareWrite(key: string): Promise<string> {
    const found = await this.#locate(key, 'write')
    if (found.missingFrom < 0) return found.path
    await this.#fs.mkdir(join(this.root, ...key.split('/').slice(0, -1)), { recursive: true })
    // re-check: no symlink or file may have appeared on the path meanwhile
    return (await this.#locate(key, 'write')).path
  }

  #metaPath(key: string): { dir: string; path: string } {
    const hash = createHash('sha256').update(key).digest('hex')
    const dir = join(this.#metaRoot, hash.slice(0, 2))
    return { dir, path: join(dir, `${hash}.json`) }
  }

  async #writeSidecar(key: string, sidecar: Sidecar): Promise<void> {
    const { dir, path } = this.#metaPath(key)
    await this.#fs.mkdir(dir, { recursive: true })
    const tmp = join(dir, `${LOCAL_TEMP_PREFIX}${randomUUID()}`)
    const handle = await this.#fs.open(tmp, 'wx', 0o600)
    try {
      await handle.write(new TextEncoder().encode(JSON.stringify(sidecar)))
    } finally {
      await handle.close()
    }
    await this.#fs.rename(tmp, path)
  }

  async #readSidecar(key: string, stats: StatsLike): Promise<Sidecar | undefined> {
    const { path } = this.#metaPath(key)
    let handle: FileHandleLike
    try {
      handle = await this.#fs.open(path, O_RDONLY | O_NOFOLLOW)
    } catch {
      return undefined
    }
    try {
      const size = Number((await handle.stat()).size)
      if (size > 64 * 1024) return undefined
      const buf = new Uint8Array(size)
      await readFully(handle, buf, 0)
      const parsed = JSON.parse(new TextDecoder().decode(buf)) as Sidecar
      // a sidecar belongs to one file (inode); after a racing overwrite it is ignored
      return parsed.ino === String(stats.ino) ? parsed : undefined
    } catch {
      return undefined
    } finally {
      await handle.close()
    }
  }

  async #removeSidecar(key: string): Promise<void> {
    await this.#fs.unlink(this.#metaPath(key).path).catch(() => undefined)
  }

  /** Remove now-empty parent directories of a deleted key, up to the bucket root. */
  async #prune(key: string): Promise<void> {
    const segments = key.split('/')
    for (let i = segments.length - 1; i > 0; i--) {
      try {
        await this.#fs.rmdir(join(this.root, ...segments.slice(0, i)))
      } catch {
        return
      }
    }
  }

  async uploadFile(file: StorageFile, options: TransferOptions = {}): Promise<UploadResult> {
    const parsed = StorageFileSchema.safeParse(file)
    if (!parsed.success) {
      throw new ValidationError(`Invalid StorageFile: ${parsed.error.issues[0]?.message ?? ''}`, {
        code: ErrorCode.InvalidArgument,
        field: String(parsed.error.issues[0]?.path[0] ?? 'file'),
      })
    }
    const key = this.#key(file.objectName, 'objectName')
    const metadata = validateMetadata(file.metadata)
    const contentType = resolveContentType(key, file.contentType)
    const { signal, onProgress } = options
    throwIfAborted(signal)
    const total = file.contentLength ?? knownLength(file.data)

    let path: string
    let handle: FileHandleLike | undefined
    let tmp = ''
    for (let attempt = 0; ; attempt++) {
      path = await this.#prepareWrite(key).catch((error) => {
        throw backendError('mkdir', error)
      })
      tmp = join(path, '..', `${LOCAL_TEMP_PREFIX}${randomUUID()}`)
      try {
        handle = await this.#fs.open(tmp, 'wx', 0o644)
        break
      } catch (error) {
        // a concurrent delete may have pruned the fresh directory; try once more
        if (errno(error) !== 'ENOENT' || attempt > 0) throw backendError('open', error)
      }
    }
    let loaded = 0
    const out = handle
    const writeAll = async (bytes: Uint8Array) => {
      let offset = 0
      while (offset < bytes.byteLength) {
        const { bytesWritten } = await out.write(bytes, offset, bytes.byteLength - offset, null)
        offset += bytesWritten
      }
    }
    // small stream chunks are coalesced so each write system call moves at least 1 MiB
    const batch = new Uint8Array(WRITE_BATCH)
    let batched = 0
    try {
      for await (const chunk of abortable(toByteIterable(file.data), signal, abortedError)) {
        if (chunk.byteLength >= WRITE_BATCH) {
          if (batched > 0) await writeAll(batch.subarray(0, batched))
          batched = 0
          await writeAll(chunk)
        } else {
          if (batched + chunk.byteLength > WRITE_BATCH) {
            await writeAll(batch.subarray(0, batched))
            batched = 0
          }
          batch.set(chunk, batched)
          batched += chunk.byteLength
        }
        loaded += chunk.byteLength
        onProgress?.({ loaded, total })
      }
      if (batched > 0) await writeAll(batch.subarray(0, batched))
      if (file.contentLength !== undefined && loaded !== file.contentLength) {
        throw new StorageError(`Read ${loaded} bytes but contentLength is ${file.contentLength}`, {
          code: 'IncompleteBody',
          httpStatus: 400,
          provider: 'local',
        })
      }
      if (this.#fsync) await handle.datasync()
      const stats = await handle.stat()
      await handle.close()
      handle = undefined
      throwIfAborted(signal)
      await this.#writeSidecar(key, { ino: String(stats.ino), contentType, metadata })
      throwIfAborted(signal)
      await this.#fs.rename(tmp, path)
      onProgress?.({ loaded, total: loaded })
      this.#logger?.debug?.('local upload', { key, size: loaded })
      return {
        url: await this.getFileUrl(key),
        objectName: key,
        size: loaded,
        etag: etagOf(stats),
        contentType,
      }
    } catch (error) {
      await handle?.close().catch(() => undefined)
      await this.#fs.unlink(tmp).catch(() => undefined)
      if (signal?.aborted && !(isStorageSDKError(error) && error.code === ErrorCode.Aborted)) {
        throw abortedError(signal.reason)
      }
      throw backendError('write', error)
    }
  }

  async stat(key: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo> {
    this.#key(key)
    throwIfAborted(options.signal)
    const { stats } = await this.#existing(key)
    const sidecar = await this.#readSidecar(key, stats)
    return {
      key,
      size: Number(stats.size),
      etag: etagOf(stats),
      contentType: sidecar?.contentType ?? resolveContentType(key),
      lastModified: stats.mtime,
      metadata: sidecar?.metadata ?? {},
    }
  }

  override async downloadFile(key: string, options: TransferOptions = {}): Promise<Uint8Array> {
    this.#key(key)
    throwIfAborted(options.signal)
    const { handle, stats } = await this.#openRead(key)
    try {
      const size = Number(stats.size)
      // every byte is overwritten below (or the view is cut to what was read)
      const raw = Buffer.allocUnsafeSlow(size)
      const out = new Uint8Array(raw.buffer, raw.byteOffset, size)
      let offset = 0
      while (offset < size) {
        throwIfAborted(options.signal)
        const length = Math.min(16 * READ_CHUNK, size - offset)
        const { bytesRead } = await handle.read(out, offset, length, offset)
        if (bytesRead === 0) break
        offset += bytesRead
        options.onProgress?.({ loaded: offset, total: size })
      }
      if (size === 0) options.onProgress?.({ loaded: 0, total: 0 })
      return offset === size ? out : out.subarray(0, offset)
    } finally {
      await handle.close()
    }
  }

  async downloadStream(
    key: string,
    options: DownloadOptions = {},
  ): Promise<ReadableStream<Uint8Array>> {
    this.#key(key)
    validateByteRange(options.range)
    throwIfAborted(options.signal)
    const { handle, stats } = await this.#openRead(key)
    let range: { start: number; end: number }
    try {
      range = resolveByteRange(options.range, Number(stats.size))
    } catch (error) {
      await handle.close()
      throw error
    }
    return fileStream(handle, range.start, range.end, options.signal)
  }

  async deleteFile(key: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    this.#key(key)
    throwIfAborted(options.signal)
    const found = await this.#locate(key, 'read')
    if (!found.stats) return
    try {
      await this.#fs.unlink(found.path)
    } catch (error) {
      if (errno(error) === 'ENOENT') return
      throw backendError('delete', error)
    }
    await this.#removeSidecar(key)
    await this.#prune(key)
  }

  async copy(sourceKey: string, destinationKey: string, options: CopyOptions = {}): Promise<void> {
    this.#key(sourceKey, 'sourceKey')
    this.#key(destinationKey, 'destinationKey')
    throwIfAborted(options.signal)
    if (sourceKey === destinationKey) {
      await this.#existing(sourceKey)
      return
    }
    const info = await this.stat(sourceKey)
    const { handle, stats } = await this.#openRead(sourceKey)
    const stream = fileStream(handle, 0, Number(stats.size), options.signal)
    await this.uploadFile(
      {
        objectName: destinationKey,
        data: stream,
        contentType: info.contentType,
        metadata: info.metadata,
      },
      { signal: options.signal },
    )
  }

  override async move(
    sourceKey: string,
    destinationKey: string,
    options: CopyOptions = {},
  ): Promise<void> {
    this.#key(sourceKey, 'sourceKey')
    this.#key(destinationKey, 'destinationKey')
    throwIfAborted(options.signal)
    const source = await this.#existing(sourceKey)
    if (sourceKey === destinationKey) return
    const sidecar = await this.#readSidecar(sourceKey, source.stats)
    const target = await this.#prepareWrite(destinationKey)
    if (sidecar) await this.#writeSidecar(destinationKey, sidecar)
    try {
      await this.#fs.rename(source.path, target)
    } catch (error) {
      if (errno(error) === 'ENOENT') throw notFoundError(sourceKey, 'local')
      throw backendError('rename', error)
    }
    await this.#removeSidecar(sourceKey)
    await this.#prune(sourceKey)
  }

  async *list(options: ListOptions = {}): AsyncGenerator<ListEntry> {
    const opts = validateListOptions(options)
    yield* applyListOptions(this.#walkFrom(opts), opts)
  }

  async *#walkFrom(options: ListOptions & { prefix: string }): AsyncGenerator<ListEntry> {
    const { prefix } = options
    const cut = prefix.lastIndexOf('/')
    const dirKey = cut >= 0 ? prefix.slice(0, cut) : ''
    let dir = this.root
    const rootStats = await this.#lstat(this.root)
    if (!rootStats?.isDirectory()) return
    if (dirKey) {
      for (const segment of dirKey.split('/')) {
        dir = join(dir, segment)
        const stats = await this.#lstat(dir)
        if (!stats?.isDirectory()) return
      }
    }
    const namePrefix = prefix.slice(cut + 1)
    yield* this.#walk(dir, dirKey ? `${dirKey}/` : '', namePrefix, options)
  }

  async *#walk(
    dir: string,
    keyPrefix: string,
    namePrefix: string,
    options: ListOptions & { prefix: string },
  ): AsyncGenerator<ListEntry> {
    options.signal?.throwIfAborted()
    let raw: readonly unknown[]
    try {
      raw = await this.#fs.readdir(dir, { withFileTypes: true })
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return
      throw backendError('list', error)
    }
    const entries: { name: string; dir: boolean; sortKey: string }[] = []
    for (const entry of raw) {
      if (typeof entry !== 'object' || entry === null || !('isFile' in entry)) continue
      const dirent = entry as {
        name: string | Uint8Array
        isFile(): boolean
        isDirectory(): boolean
      }
      const name =
        typeof dirent.name === 'string' ? dirent.name : new TextDecoder().decode(dirent.name)
      if (!name.startsWith(namePrefix) || name.startsWith(LOCAL_TEMP_PREFIX)) continue
      // symlinks, sockets and the like are neither files nor dirs here: never followed
      if (dirent.isFile()) entries.push({ name, dir: false, sortKey: name })
      else if (dirent.isDirectory()) entries.push({ name, dir: true, sortKey: `${name}/` })
    }
    entries.sort((a, b) => compareKeys(a.sortKey, b.sortKey))
    const { startAfter, delimiter } = options
    for (const entry of entries) {
      const key = keyPrefix + entry.sortKey
      if (!entry.dir) {
        if (startAfter !== undefined && compareKeys(key, startAfter) <= 0) continue
        const stats = await this.#lstat(join(dir, entry.name))
        if (!stats?.isFile()) continue
        yield {
          type: 'object',
          key,
          size: Number(stats.size),
          etag: etagOf(stats),
          lastModified: stats.mtime,
        }
        continue
      }
      // skip subtrees wholly at or before startAfter
      if (
        startAfter !== undefined &&
        compareKeys(key, startAfter) < 0 &&
        !startAfter.startsWith(key)
      ) {
        continue
      }
      const sub = this.#walk(join(dir, entry.name), key, '', options)
      if (delimiter === '/' && key.length > options.prefix.length) {
        // every key below collapses into this prefix: emit it if any object is below
        const first = await sub.next()
        await sub.return(undefined)
        if (!first.done) yield { type: 'prefix', prefix: key }
        continue
      }
      yield* sub
    }
  }

  async getFileUrl(key: string, options: GetUrlOptions = {}): Promise<string> {
    this.#key(key)
    const expiresIn = validateExpiresIn(options.expiresIn, 3600)
    if (this.signedUrls) return this.signedUrls.get(key, expiresIn)
    return pathToFileURL(join(this.root, ...key.split('/'))).href
  }

  async getUploadUrl(key: string, options: UploadUrlOptions = {}): Promise<PresignedRequest> {
    this.#key(key)
    const expiresIn = validateExpiresIn(options.expiresIn, 900)
    if (!this.signedUrls) throw unsupportedError('getUploadUrl without baseUrl', 'local')
    return this.signedUrls.put(key, { expiresIn, contentType: options.contentType })
  }

  override async createPresignedPost(
    key: string,
    options: PresignedPostOptions = {},
  ): Promise<PresignedPost> {
    this.#key(key)
    if (!this.signedUrls) throw unsupportedError('createPresignedPost without baseUrl', 'local')
    return this.signedUrls.post(key, options)
  }
}

async function readFully(handle: FileHandleLike, buf: Uint8Array, position: number): Promise<void> {
  let offset = 0
  while (offset < buf.length) {
    const { bytesRead } = await handle.read(buf, offset, buf.length - offset, position + offset)
    if (bytesRead === 0) return
    offset += bytesRead
  }
}

/** A web stream over `[start, end)` of an open file; closes the handle when done. */
function fileStream(
  handle: FileHandleLike,
  start: number,
  end: number,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  let position = start
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await handle.close().catch(() => undefined)
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (signal?.aborted) throw abortedError(signal.reason)
        const length = Math.min(READ_CHUNK, end - position)
        if (length <= 0) {
          await close()
          controller.close()
          return
        }
        const buf = new Uint8Array(length)
        const { bytesRead } = await handle.read(buf, 0, length, position)
        if (bytesRead === 0) {
          await close()
          controller.close()
          return
        }
        position += bytesRead
        controller.enqueue(bytesRead === length ? buf : buf.subarray(0, bytesRead))
      } catch (error) {
        await close()
        controller.error(error)
      }
    },
    async cancel() {
      await close()
    },
  })
}

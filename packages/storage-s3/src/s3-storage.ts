import {
  ErrorCode,
  protectSecrets,
  StorageError,
  type StorageSDKError,
  ValidationError,
} from '@aury/errors'
import { presignPostV4, presignV4, uriEncode } from '@aury/signing'
import {
  BaseStorage,
  type BatchFailure,
  type ByteRange,
  type CopyOptions,
  compareKeys,
  DEFAULT_CONTENT_TYPE,
  type DeleteFilesOptions,
  type DeleteFilesResult,
  type DownloadOptions,
  type GetUrlOptions,
  type ListEntry,
  type ListOptions,
  mapBounded,
  type ObjectInfo,
  type PresignedPost,
  type PresignedPostOptions,
  type PresignedRequest,
  parseStorageConfig,
  resolveContentType,
  StorageBatchError,
  type StorageCapabilities,
  type StorageConfig,
  type StorageData,
  type StorageFile,
  type TransferOptions,
  type UploadResult,
  type UploadUrlOptions,
  validateBucketName,
  validateByteRange,
  validateExpiresIn,
  validateObjectKey,
  validatePrefix,
} from '@aury/storage-core'
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3'
import { type BackendProfile, backendProfile } from './backend-profile'
import { addContentMd5Middleware } from './content-md5-middleware'
import { checkEndpoint } from './endpoint'
import { isAsyncIterable } from './is-async-iterable'
import { type S3ErrorContext, toStorageError } from './s3-error'
import { S3_CONFIG_LOGGABLE_FIELDS, type S3StorageConfig } from './s3-storage-config'
import { type UploadLogger, uploadObject } from './upload-object'

/** `getFileUrl` options: lifetime plus the response headers the URL forces. */
export interface S3GetUrlOptions extends GetUrlOptions {
  /** Sent back as `Content-Disposition`, e.g. `attachment; filename="a.pdf"`. */
  responseContentDisposition?: string
  /** Sent back as `Content-Type`. */
  responseContentType?: string
}

/**
 * `createPresignedPost` options; a key ending in `${filename}` allows any name under its
 * prefix.
 */
export interface S3PresignedPostOptions extends PresignedPostOptions {
  /** Lower bound of the file size in bytes. Default 0. */
  minSize?: number
  /** Instead of an exact `contentType`: the type must start with this (e.g. `image/`). */
  contentTypePrefix?: string
}

interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

function encodeKey(key: string): string {
  return key
    .split('/')
    .map((segment) => uriEncode(segment, true))
    .join('/')
}

/** S3's `encoding-type=url`: `+` is a space, the rest percent-encoded. */
function decodeListed(value: string | undefined, encoded: boolean): string | undefined {
  if (value === undefined || !encoded) return value
  return decodeURIComponent(value.replace(/\+/g, ' '))
}

function normalizeMetadata(metadata: Record<string, string> | undefined) {
  if (metadata === undefined) return undefined
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(metadata)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
      throw new ValidationError(`Invalid metadata name ${JSON.stringify(name.slice(0, 64))}`, {
        code: ErrorCode.InvalidArgument,
        field: 'metadata',
      })
    }
    if (typeof value !== 'string' || !/^[\x20-\x7e]*$/.test(value)) {
      throw new ValidationError(`Metadata ${name} must be printable ASCII`, {
        code: ErrorCode.InvalidArgument,
        field: 'metadata',
      })
    }
    out[name.toLowerCase()] = value
  }
  return out
}

function rangeHeader(range: ByteRange): string {
  if ('suffix' in range) return `bytes=-${range.suffix}`
  return `bytes=${range.start}-${range.end ?? ''}`
}

/** What the SDK returns as a GetObject body (a Node stream with mixins in Node). */
interface ObjectBody {
  transformToWebStream(): ReadableStream<Uint8Array>
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.close()
    },
  })
}

/**
 * `Storage` on AWS S3, MinIO, Tencent COS, Aliyun OSS and Cloudflare R2 through
 * `@aws-sdk/client-s3`, with one profile per service (addressing, default endpoint, checksum
 * behaviour, part-size minimum, DeleteObjects integrity), a streaming multipart uploader with
 * bounded memory, and presigned GET/PUT/POST signed by `@aury/signing`.
 *
 * @example
 * ```ts
 * const storage = new S3Storage({
 *   backend: 'cos', bucketName: 'my-bucket-1250000000', region: 'ap-guangzhou',
 *   accessKeyId: process.env.COS_SECRET_ID, accessKeySecret: process.env.COS_SECRET_KEY,
 * })
 * await storage.uploadFile({
 *   objectName: 'a.jpg', data: bytes, contentType: 'image/jpeg', metadata: { user: '123' },
 * })
 * const url = await storage.getFileUrl('a.jpg', { expiresIn: 3600 })
 * ```
 */
export class S3Storage extends BaseStorage {
  readonly backend: string
  readonly capabilities: Readonly<StorageCapabilities>
  /** The service profile in use. */
  readonly profile: BackendProfile
  readonly bucket: string
  readonly region: string
  /** The endpoint requests go to (`undefined`: the SDK's AWS endpoint for the region). */
  readonly endpoint: string | undefined
  /** Path-style (`host/bucket/key`) rather than virtual-host (`bucket.host/key`) addressing. */
  readonly pathStyle: boolean
  readonly #client: S3Client
  readonly #partClient: S3Client
  readonly #config: StorageConfig & S3StorageConfig
  readonly #credentials: Credentials | undefined
  readonly #now: () => number
  readonly #logger: UploadLogger | undefined
  readonly #secrets: (string | undefined)[]

  constructor(config: S3StorageConfig) {
    super()
    const parsed = parseStorageConfig(config) as StorageConfig & S3StorageConfig
    const profile = backendProfile(parsed.backend)
    const bucket = validateBucketName(parsed.bucketName, parsed.backend)
    const region = parsed.region ?? profile.defaultRegion
    if (!region) {
      throw new ValidationError(`The ${profile.backend} backend needs a region`, {
        code: ErrorCode.InvalidRegion,
        field: 'region',
      })
    }
    const rawEndpoint = parsed.endpoint ?? profile.defaultEndpoint(region, parsed.accountId)
    if (rawEndpoint === undefined && profile.backend !== 's3') {
      throw new ValidationError(
        `The ${profile.backend} backend needs an endpoint` +
          (profile.backend === 'r2' ? ' or accountId' : ''),
        { code: ErrorCode.InvalidConfig, field: 'endpoint' },
      )
    }
    const endpoint =
      rawEndpoint === undefined
        ? undefined
        : checkEndpoint(rawEndpoint, { allowHttp: parsed.allowHttp === true })
    if (parsed.forcePathStyle === true && profile.addressing === 'virtual-only') {
      throw new ValidationError(`${profile.backend} accepts virtual-host addressing only`, {
        code: ErrorCode.InvalidConfig,
        field: 'forcePathStyle',
      })
    }
    const pathStyle =
      parsed.forcePathStyle ?? (profile.addressing === 'path' || bucket.includes('.'))
    if ((parsed.accessKeyId === undefined) !== (parsed.accessKeySecret === undefined)) {
      throw new ValidationError('accessKeyId and accessKeySecret go together', {
        code: ErrorCode.InvalidConfig,
        field: parsed.accessKeyId === undefined ? 'accessKeyId' : 'accessKeySecret',
      })
    }
    if (parsed.sessionToken !== undefined && parsed.accessKeyId === undefined) {
      throw new ValidationError('sessionToken needs accessKeyId and accessKeySecret', {
        code: ErrorCode.InvalidConfig,
        field: 'sessionToken',
      })
    }
    const minPart = profile.minPartSize
    if (parsed.partSize !== undefined && parsed.partSize < minPart) {
      throw new ValidationError(
        `partSize must be at least ${minPart} bytes on ${profile.backend}`,
        { code: ErrorCode.InvalidArgument, field: 'partSize' },
      )
    }
    if (parsed.defaultUrlExpiresIn !== undefined) {
      validateExpiresIn(parsed.defaultUrlExpiresIn, 3600)
    }

    this.profile = profile
    this.backend = profile.backend
    this.bucket = bucket
    this.region = region
    this.endpoint = endpoint
    this.pathStyle = pathStyle
    this.#config = parsed
    this.#now = parsed.now ?? Date.now
    this.#logger = parsed.logger
    this.#credentials =
      parsed.accessKeyId !== undefined && parsed.accessKeySecret !== undefined
        ? {
            accessKeyId: parsed.accessKeyId,
            secretAccessKey: parsed.accessKeySecret,
            sessionToken: parsed.sessionToken,
          }
        : undefined
    this.#secrets = [parsed.accessKeySecret, parsed.sessionToken]
    this.capabilities = Object.freeze({
      presignedGet: true,
      presignedPut: true,
      presignedPost: profile.presignedPost,
      rangeRead: true,
      list: true,
      listDelimiter: true,
      copy: true,
      atomicMove: false,
      metadata: true,
      multipart: true,
      streamingUpload: true,
      atomicWrite: true,
      objectPrefixOverlap: profile.objectPrefixOverlap,
      maxKeyBytes: profile.maxKeyBytes,
      listConsistency: profile.listConsistency,
    })

    const strictChecksums = profile.flexibleChecksums && endpoint === undefined
    const base: S3ClientConfig = {
      region,
      endpoint,
      forcePathStyle: pathStyle,
      maxAttempts: parsed.maxAttempts ?? 3,
      requestHandler: {
        connectionTimeout: parsed.connectionTimeoutMs ?? 10_000,
        socketTimeout: parsed.socketTimeoutMs ?? 60_000,
      },
      ...(strictChecksums
        ? {}
        : {
            requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            responseChecksumValidation: 'WHEN_REQUIRED' as const,
          }),
      ...(this.#credentials ? { credentials: { ...this.#credentials } } : {}),
      ...parsed.clientConfig,
    }
    this.#client = new S3Client(base)
    if (profile.deleteObjectsMd5) addContentMd5Middleware(this.#client)
    // Parts are retried by the uploader's own policy; this client shares the sockets.
    this.#partClient = new S3Client({
      ...base,
      maxAttempts: 1,
      requestHandler: this.#client.config.requestHandler,
    })
    protectSecrets(this, ['backend', 'bucket', 'region', 'endpoint', 'pathStyle', 'capabilities'])
  }

  /**
   * The underlying `S3Client`, for operations this class does not cover.
   *
   * @example
   * ```ts
   * await storage.client.send(
   *   new PutBucketCorsCommand({ Bucket: storage.bucket, CORSConfiguration }),
   * )
   * ```
   */
  get client(): S3Client {
    return this.#client
  }

  /**
   * A secret-free copy of the configuration.
   *
   * @example
   * ```ts
   * logger.debug('storage', storage.config) // no secret key, no session token
   * ```
   */
  get config(): Record<string, unknown> {
    const view: Record<string, unknown> = {}
    for (const field of S3_CONFIG_LOGGABLE_FIELDS) {
      const value = (this.#config as Record<string, unknown>)[field]
      if (value !== undefined) view[field] = value
    }
    return view
  }

  /**
   * Closes the HTTP sockets.
   *
   * @example
   * ```ts
   * storage.destroy()
   * ```
   */
  destroy(): void {
    this.#partClient.destroy()
    this.#client.destroy()
  }

  #key(key: unknown, field = 'key'): string {
    return validateObjectKey(key, { maxBytes: this.profile.maxKeyBytes, field })
  }

  #context(operation: string, key?: string, signal?: AbortSignal): S3ErrorContext {
    return {
      operation,
      provider: this.backend,
      bucket: this.bucket,
      key,
      signal,
      secrets: this.#secrets,
    }
  }

  async #send<T>(client: S3Client, command: object, context: S3ErrorContext): Promise<T> {
    try {
      // Every command of this client is accepted; the generic overloads cannot express a union.
      return (await client.send(command as never, { abortSignal: context.signal })) as T
    } catch (error) {
      throw toStorageError(error, context)
    }
  }

  /**
   * On services that cannot list an object and a prefix of the same name (MinIO), refuses a
   * write to `key` when an ancestor of it is an object or objects live under `key/`. The checks
   * run in parallel: one extra round trip.
   */
  async #checkPrefixConflict(key: string, signal?: AbortSignal): Promise<void> {
    if (this.profile.objectPrefixOverlap) return
    const segments = key.split('/')
    const ancestors = segments.slice(1).map((_, i) => segments.slice(0, i + 1).join('/'))
    const context = this.#context('HeadObject', key, signal)
    const checks: Promise<string | undefined>[] = ancestors
      .filter((a) => a !== '')
      .map(async (ancestor) => {
        try {
          await this.#send(
            this.#client,
            new HeadObjectCommand({ Bucket: this.bucket, Key: ancestor }),
            {
              ...context,
              key: ancestor,
            },
          )
          return ancestor
        } catch (error) {
          // Write-only credentials may not read: then the clash cannot be seen, so write.
          const code = (error as { code?: string }).code
          if (code === ErrorCode.NotFound || code === ErrorCode.AccessDenied) return undefined
          throw error
        }
      })
    if (!key.endsWith('/')) {
      checks.push(
        this.#send<{ KeyCount?: number; Contents?: unknown[] }>(
          this.#client,
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${key}/`, MaxKeys: 1 }),
          { ...context, operation: 'ListObjectsV2' },
        ).then(
          (page) => ((page.Contents?.length ?? 0) > 0 ? `${key}/` : undefined),
          (error) => {
            if ((error as { code?: string }).code === ErrorCode.AccessDenied) return undefined
            throw error
          },
        ),
      )
    }
    const clash = (await Promise.all(checks)).find((c) => c !== undefined)
    if (clash !== undefined) {
      throw new StorageError(
        `${this.backend} cannot hold both an object and a prefix named ` +
          JSON.stringify(clash.slice(0, 200)),
        { code: 'Conflict', httpStatus: 409, provider: this.backend, details: { key, clash } },
      )
    }
  }

  async uploadFile(file: StorageFile, options: TransferOptions = {}): Promise<UploadResult> {
    if (file === null || typeof file !== 'object') {
      throw new ValidationError('uploadFile needs a StorageFile', {
        code: ErrorCode.InvalidArgument,
        field: 'file',
      })
    }
    const key = this.#key(file.objectName, 'objectName')
    const contentType = resolveContentType(key, file.contentType)
    const metadata = normalizeMetadata(file.metadata)
    await this.#checkPrefixConflict(key, options.signal)
    const result = await uploadObject({
      client: this.#client,
      partClient: this.#partClient,
      bucket: this.bucket,
      key,
      body: file.data,
      contentLength: file.contentLength,
      params: { ContentType: contentType, ...(metadata ? { Metadata: metadata } : {}) },
      partSize: this.#config.partSize,
      minPartSize: this.profile.minPartSize,
      multipartThreshold: this.#config.multipartThreshold,
      concurrency: this.#config.concurrency,
      retry: this.#config.retry,
      signal: options.signal,
      onProgress: options.onProgress,
      logger: this.#logger,
      provider: this.backend,
      secrets: this.#secrets,
    })
    return {
      url: await this.getFileUrl(key),
      objectName: key,
      size: result.size,
      etag: result.etag,
      contentType,
    }
  }

  async stat(key: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo> {
    key = this.#key(key)
    const out = await this.#send<{
      ContentLength?: number
      ETag?: string
      ContentType?: string
      LastModified?: Date
      Metadata?: Record<string, string>
    }>(
      this.#client,
      new HeadObjectCommand({ Bucket: this.bucket, Key: key }),
      this.#context('HeadObject', key, options.signal),
    )
    return {
      key,
      size: out.ContentLength ?? 0,
      etag: out.ETag ?? '',
      contentType: out.ContentType ?? DEFAULT_CONTENT_TYPE,
      lastModified: out.LastModified ?? new Date(0),
      metadata: { ...out.Metadata },
    }
  }

  async downloadStream(
    key: string,
    options: DownloadOptions = {},
  ): Promise<ReadableStream<Uint8Array>> {
    const body = await this.#getBody(key, options)
    return body ? body.transformToWebStream() : emptyStream()
  }

  /**
   * In Node the SDK's response stream itself, so `downloadFile` reads it without the web stream
   * `downloadStream` wraps it in, which costs CPU on every chunk.
   */
  protected override async downloadSource(
    key: string,
    options: { signal?: AbortSignal },
  ): Promise<StorageData> {
    const body = await this.#getBody(key, options)
    if (!body) return new Uint8Array(0)
    return isAsyncIterable(body) ? body : body.transformToWebStream()
  }

  /** The GetObject response body; `undefined` for an empty suffix range or no body. */
  async #getBody(key: string, options: DownloadOptions): Promise<ObjectBody | undefined> {
    key = this.#key(key)
    validateByteRange(options.range)
    const range = options.range
    if (range && 'suffix' in range && range.suffix === 0) {
      await this.stat(key, { signal: options.signal })
      return undefined
    }
    const out = await this.#send<{ Body?: ObjectBody }>(
      this.#client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(range ? { Range: rangeHeader(range) } : {}),
      }),
      this.#context('GetObject', key, options.signal),
    )
    return out.Body
  }

  async deleteFile(key: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    key = this.#key(key)
    await this.#send(
      this.#client,
      new DeleteObjectCommand({ Bucket: this.bucket, Key: key }),
      this.#context('DeleteObject', key, options.signal),
    )
  }

  override async deleteFiles(
    keys: readonly string[],
    options: DeleteFilesOptions = {},
  ): Promise<DeleteFilesResult> {
    if (!Array.isArray(keys)) {
      throw new ValidationError('deleteFiles needs an array of keys', {
        code: ErrorCode.InvalidArgument,
        field: 'keys',
      })
    }
    keys.forEach((key, index) => {
      this.#key(key, `keys[${index}]`)
    })
    const unique = [...new Set(keys)]
    const size = this.profile.batchDeleteMax
    const chunks: string[][] = []
    for (let i = 0; i < unique.length; i += size) chunks.push(unique.slice(i, i + size))
    const failed = new Map<string, Error>()
    const outcomes = await mapBounded(chunks, options.concurrency ?? 2, (chunk) =>
      this.#send<{ Errors?: { Key?: string; Code?: string; Message?: string }[] }>(
        this.#client,
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: chunk.map((Key) => ({ Key })), Quiet: true },
        }),
        this.#context('DeleteObjects', undefined, options.signal),
      ),
    )
    outcomes.forEach((outcome, i) => {
      const chunk = chunks[i] as string[]
      if (!outcome.ok) {
        for (const key of chunk) failed.set(key, outcome.error as Error)
        return
      }
      for (const e of outcome.value.Errors ?? []) {
        if (e.Key === undefined || e.Code === 'NoSuchKey') continue
        const code = e.Code === 'AccessDenied' ? ErrorCode.AccessDenied : (e.Code ?? 'DeleteFailed')
        failed.set(
          e.Key,
          new StorageError(`DeleteObjects refused ${JSON.stringify(e.Key.slice(0, 200))}`, {
            code,
            provider: this.backend,
            details: { serviceCode: e.Code, serviceMessage: e.Message },
          }),
        )
      }
    })
    if (failed.size > 0) {
      const failures: BatchFailure[] = []
      keys.forEach((key, index) => {
        const error = failed.get(key)
        if (error) failures.push({ index, objectName: key, error })
      })
      throw new StorageBatchError(
        'deleteFiles',
        failures,
        keys.map((k) => (failed.has(k) ? undefined : k)),
      )
    }
    return { deleted: [...keys] }
  }

  async *list(options: ListOptions = {}): AsyncIterable<ListEntry> {
    const prefix = validatePrefix(options.prefix, { maxBytes: this.profile.maxKeyBytes })
    const { delimiter, startAfter, signal } = options
    for (const [name, value] of [
      ['limit', options.limit],
      ['pageSize', options.pageSize],
    ] as const) {
      if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
        throw new ValidationError(`${name} must be a positive integer`, {
          code: ErrorCode.InvalidArgument,
          field: name,
        })
      }
    }
    let remaining = options.limit ?? Number.POSITIVE_INFINITY
    const v1 = this.#config.listVersion === 1
    let token: string | undefined
    let marker = startAfter
    let last: string | undefined
    const context = this.#context(v1 ? 'ListObjects' : 'ListObjectsV2', undefined, signal)
    for (;;) {
      if (signal?.aborted) throw toStorageError(signal.reason, context)
      const maxKeys = Math.min(options.pageSize ?? 1000, 1000, remaining)
      const common = {
        Bucket: this.bucket,
        Prefix: prefix || undefined,
        Delimiter: delimiter || undefined,
        MaxKeys: maxKeys,
        EncodingType: 'url' as const,
      }
      const page = await this.#send<{
        Contents?: { Key?: string; Size?: number; ETag?: string; LastModified?: Date }[]
        CommonPrefixes?: { Prefix?: string }[]
        IsTruncated?: boolean
        NextContinuationToken?: string
        NextMarker?: string
        EncodingType?: string
      }>(
        this.#client,
        v1
          ? new ListObjectsCommand({ ...common, Marker: marker })
          : new ListObjectsV2Command({
              ...common,
              ContinuationToken: token,
              StartAfter: token === undefined ? startAfter : undefined,
            }),
        context,
      )
      const encoded = page.EncodingType === 'url'
      const entries: ListEntry[] = []
      for (const o of page.Contents ?? []) {
        const key = decodeListed(o.Key, encoded)
        if (key === undefined) continue
        entries.push({
          type: 'object',
          key,
          size: o.Size ?? 0,
          etag: o.ETag ?? '',
          lastModified: o.LastModified ?? new Date(0),
        })
      }
      for (const p of page.CommonPrefixes ?? []) {
        const value = decodeListed(p.Prefix, encoded)
        if (value !== undefined) entries.push({ type: 'prefix', prefix: value })
      }
      entries.sort((a, b) =>
        compareKeys(a.type === 'object' ? a.key : a.prefix, b.type === 'object' ? b.key : b.prefix),
      )
      for (const entry of entries) {
        if (remaining <= 0) return
        // Keys come in strictly increasing order; some servers repeat keys across a page
        // boundary (s3rver walks its files in a different order), so drop anything not after
        // the last key yielded.
        const name = entry.type === 'object' ? entry.key : entry.prefix
        if (last !== undefined && compareKeys(name, last) <= 0) continue
        last = name
        yield entry
        remaining -= 1
      }
      if (!page.IsTruncated || remaining <= 0) return
      if (v1) {
        const last = entries.at(-1)
        const next =
          decodeListed(page.NextMarker, encoded) ??
          (last ? (last.type === 'object' ? last.key : last.prefix) : undefined)
        if (next === undefined || next === marker) throw this.#badPage('marker')
        marker = next
      } else {
        if (!page.NextContinuationToken) throw this.#badPage('continuation token')
        token = page.NextContinuationToken
      }
    }
  }

  #badPage(what: string): StorageSDKError {
    return new StorageError(
      `The listing is truncated but the server sent no next ${what}; try listVersion: 1`,
      { code: ErrorCode.InvalidResponse, provider: this.backend },
    )
  }

  async copy(sourceKey: string, destinationKey: string, options: CopyOptions = {}): Promise<void> {
    sourceKey = this.#key(sourceKey, 'sourceKey')
    destinationKey = this.#key(destinationKey, 'destinationKey')
    if (sourceKey === destinationKey) {
      await this.stat(sourceKey, options)
      return
    }
    await this.#checkPrefixConflict(destinationKey, options.signal)
    await this.#send(
      this.#client,
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: destinationKey,
        CopySource: `${this.bucket}/${encodeKey(sourceKey)}`,
      }),
      this.#context('CopyObject', sourceKey, options.signal),
    )
  }

  /** The signing identity: the configured keys, else the SDK's credential chain. */
  async #signingCredentials(): Promise<Credentials> {
    if (this.#credentials) return this.#credentials
    try {
      const c = await this.#client.config.credentials()
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
      }
    } catch (error) {
      throw new StorageError('No credentials to sign with', {
        code: ErrorCode.InvalidConfig,
        provider: this.backend,
        cause: error,
      })
    }
  }

  /** Caps a URL lifetime at the credentials' expiry. */
  #lifetime(expiresIn: number): number {
    const expiration = this.#config.credentialsExpiration
    if (!expiration) return expiresIn
    const left = Math.floor((expiration.getTime() - this.#now()) / 1000)
    if (left < 1) {
      throw new StorageError('The credentials have expired; presigned URLs cannot be issued', {
        code: 'ExpiredToken',
        provider: this.backend,
        details: { expiration: expiration.toISOString() },
      })
    }
    return Math.min(expiresIn, left)
  }

  /**
   * `scheme://host[/bucket]`: where the bucket's objects live.
   *
   * @example
   * ```ts
   * cos.bucketUrl() // 'https://my-bucket-1250000000.cos.ap-guangzhou.myqcloud.com'
   * ```
   */
  bucketUrl(): string {
    if (this.endpoint === undefined) {
      return this.pathStyle
        ? `https://s3.${this.region}.amazonaws.com/${this.bucket}`
        : `https://${this.bucket}.s3.${this.region}.amazonaws.com`
    }
    if (this.pathStyle) return `${this.endpoint}/${this.bucket}`
    const url = new URL(this.endpoint)
    return `${url.protocol}//${this.bucket}.${url.host}`
  }

  /**
   * The unsigned URL of an object (the address presigned URLs are built on).
   *
   * @example
   * ```ts
   * minio.objectUrl('a b.txt') // 'http://127.0.0.1:9000/media/a%20b.txt'
   * ```
   */
  objectUrl(key: string): string {
    return `${this.bucketUrl()}/${encodeKey(this.#key(key))}`
  }

  async #presign(
    method: 'GET' | 'PUT',
    key: string,
    expiresIn: number,
    query: Record<string, string>,
    headers: Record<string, string>,
  ): Promise<string> {
    const lifetime = this.#lifetime(expiresIn)
    const credentials = await this.#signingCredentials()
    const params = Object.entries(query)
      .map(([k, v]) => `${uriEncode(k, true)}=${uriEncode(v, true)}`)
      .join('&')
    const url = `${this.objectUrl(key)}${params ? `?${params}` : ''}`
    return presignV4(
      { method, url, headers },
      {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
        region: this.region,
        service: 's3',
        date: new Date(this.#now()),
        expiresIn: lifetime,
      },
    )
  }

  /**
   * A presigned GET URL (default lifetime 3600 s, at most 7 days and never past the credentials'
   * expiry), optionally forcing `Content-Disposition` and `Content-Type` on the response.
   *
   * @example
   * ```ts
   * const url = await storage.getFileUrl('a.pdf', {
   *   expiresIn: 600, responseContentDisposition: 'attachment; filename="a.pdf"',
   * })
   * ```
   */
  async getFileUrl(key: string, options: S3GetUrlOptions = {}): Promise<string> {
    key = this.#key(key)
    const expiresIn = validateExpiresIn(options.expiresIn, this.#config.defaultUrlExpiresIn ?? 3600)
    const query: Record<string, string> = {}
    if (options.responseContentDisposition !== undefined) {
      query['response-content-disposition'] = options.responseContentDisposition
    }
    if (options.responseContentType !== undefined) {
      query['response-content-type'] = options.responseContentType
    }
    return this.#presign('GET', key, expiresIn, query, {})
  }

  /**
   * A presigned PUT (default lifetime 900 s). With `contentType`, the upload must send exactly
   * that `Content-Type`. The URL carries no checksum parameters.
   *
   * @example
   * ```ts
   * const { url, headers } = await storage.getUploadUrl('user/1/a.png', {
   *   contentType: 'image/png',
   * })
   * await fetch(url, { method: 'PUT', headers, body: file })
   * ```
   */
  async getUploadUrl(key: string, options: UploadUrlOptions = {}): Promise<PresignedRequest> {
    key = this.#key(key)
    const expiresIn = validateExpiresIn(options.expiresIn, 900)
    const headers: Record<string, string> = {}
    if (options.contentType !== undefined) {
      if (typeof options.contentType !== 'string' || options.contentType === '') {
        throw new ValidationError('contentType must be a non-empty string', {
          code: ErrorCode.InvalidArgument,
          field: 'contentType',
        })
      }
      headers['content-type'] = options.contentType
    }
    const url = await this.#presign('PUT', key, expiresIn, {}, headers)
    return { method: 'PUT', url, headers }
  }

  /**
   * A presigned browser form upload (POST policy) with `content-length-range`, content-type and
   * key conditions; `Unsupported` on R2. A key ending in `${filename}` allows any file name under
   * its prefix.
   *
   * @example
   * ```ts
   * const { url, fields } = await storage.createPresignedPost('user/1/${filename}', {
   *   maxSize: 5_000_000, contentTypePrefix: 'image/',
   * })
   * ```
   */
  override async createPresignedPost(
    key: string,
    options: S3PresignedPostOptions = {},
  ): Promise<PresignedPost> {
    key = this.#key(key)
    if (!this.capabilities.presignedPost) return super.createPresignedPost(key, options)
    const expiresIn = this.#lifetime(validateExpiresIn(options.expiresIn, 900))
    const min = options.minSize ?? 0
    if (options.maxSize !== undefined || options.minSize !== undefined) {
      const max = options.maxSize ?? 5 * 1024 ** 3
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || max < min) {
        throw new ValidationError('minSize and maxSize must be integers with 0 <= min <= max', {
          code: ErrorCode.InvalidArgument,
          field: 'maxSize',
        })
      }
    }
    const credentials = await this.#signingCredentials()
    const conditions: [string, string, string][] = []
    if (options.contentTypePrefix !== undefined) {
      conditions.push(['starts-with', '$Content-Type', options.contentTypePrefix])
    }
    return presignPostV4({
      url: this.pathStyle ? `${this.bucketUrl()}` : `${this.bucketUrl()}/`,
      bucket: this.bucket,
      key,
      fields: options.fields,
      conditions,
      contentType: options.contentType,
      contentLengthRange:
        options.maxSize !== undefined || options.minSize !== undefined
          ? [min, options.maxSize ?? 5 * 1024 ** 3]
          : undefined,
      expiresIn,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      region: this.region,
      date: new Date(this.#now()),
    })
  }
}

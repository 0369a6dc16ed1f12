/**
 * Temporary credentials as a backend hands them to a browser: the JSON form of
 * `STSCredentials` from `@aury/sts-core` (`expiration` arrives as an ISO string).
 *
 * @example
 * ```ts
 * const credentials: UploadCredentials = await (await fetch('/api/upload-credentials')).json()
 * ```
 */
export interface UploadCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** When the credentials stop working; uploads refuse to start after it. */
  expiration?: string | Date
  region: string
  /** `https://cos.ap-guangzhou.myqcloud.com`, `http://127.0.0.1:9000`, or a bare host. */
  endpoint: string
  bucket: string
  /** `tencent`, `aws`, `aliyun`, ...: picks virtual-host or path-style addressing. */
  provider?: string
}

/**
 * A presigned PUT: the URL and the headers that were signed with it.
 *
 * @example
 * ```ts
 * const presignedPut: PresignedPut = { url, headers: { 'content-type': 'image/png' } }
 * ```
 */
export interface PresignedPut {
  method?: 'PUT'
  url: string
  headers?: Record<string, string>
}

/**
 * A presigned POST: the form action and the fields to send before the file.
 *
 * @example
 * ```ts
 * const presignedPost: PresignedPost = { url: 'https://bucket.s3.amazonaws.com/', fields }
 * ```
 */
export interface PresignedPost {
  url: string
  fields: Record<string, string>
}

/**
 * One progress report. `loaded` only grows and ends equal to `total`. Progress advances when
 * a request completes (one part of a multipart upload, or the whole object otherwise).
 *
 * @example
 * ```ts
 * onProgress: (p: UploadProgress) => bar.style.width = `${p.percent}%`
 * ```
 */
export interface UploadProgress {
  /** Bytes confirmed by the server so far. */
  loaded: number
  total: number
  /** `loaded / total` as 0..100 (100 for an empty file once done). */
  percent: number
  partsCompleted: number
  partsTotal: number
  /** The part that just completed, for multipart uploads. */
  part?: { partNumber: number; size: number }
}

/**
 * Optional diagnostics hook; the uploader never writes to the console itself.
 *
 * @example
 * ```ts
 * const logger: UploadLogger = { warn: (message, data) => console.warn(message, data) }
 * ```
 */
export interface UploadLogger {
  debug?(message: string, data?: Record<string, unknown>): void
  warn?(message: string, data?: Record<string, unknown>): void
}

/**
 * Options of {@link upload}. Exactly one of `credentials`, `presignedPut` or `presignedPost`.
 *
 * @example
 * ```ts
 * const options: UploadOptions = { file, key: 'user/42/photo.jpg', credentials }
 * ```
 */
export interface UploadOptions {
  file: Blob
  /** Object key, without a leading `/`. */
  key: string
  credentials?: UploadCredentials
  presignedPut?: PresignedPut
  presignedPost?: PresignedPost
  /** Defaults to `file.type`, then `application/octet-stream` (credentials path only). */
  contentType?: string
  /** User metadata sent as `x-amz-meta-<name>` (credentials path only). */
  metadata?: Record<string, string>
  /** Multipart part size in bytes, at least 5 MiB. Default 8 MiB. */
  partSize?: number
  /** Files larger than this use multipart upload. Default: `partSize`. */
  multipartThreshold?: number
  /** Parts in flight at once, 1..16. Default 4. */
  concurrency?: number
  /** Retries per request after a network error, 408, 429 or 5xx, 0..10. Default 3. */
  retries?: number
  /** Address the bucket in the path (`endpoint/bucket/key`). Default: by provider and host. */
  forcePathStyle?: boolean
  onProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
  fetch?: typeof fetch
  /** Clock in milliseconds, used for signing dates and the expiry check. */
  now?: () => number
  logger?: UploadLogger
}

/**
 * What {@link upload} resolves to.
 *
 * @example
 * ```ts
 * const { key, etag, location, size }: UploadResult = await upload(options)
 * ```
 */
export interface UploadResult {
  key: string
  /**
   * The object's ETag, quotes removed. Always set for multipart uploads; `undefined` after a
   * single request whose response hid the header (bucket CORS without `ExposeHeaders: ETag`).
   */
  etag: string | undefined
  /** The object's URL, without any query string. */
  location: string
  size: number
  /** Number of parts for a multipart upload, 1 otherwise. */
  parts: number
}

import { ErrorCode, isStorageSDKError, ValidationError } from '@aury/errors'
import {
  type ByteRange,
  type ObjectInfo,
  objectKeyProblem,
  type Storage,
  type StorageData,
} from '@aury/storage-core'
import type { SignedUrls } from './signed-urls'
import { SIGNED_URL_PARAMS, type UrlGrant } from './url-signer'

/** A storage whose URLs the handler can verify: `LocalStorage` or `MemoryStorage`. */
export type SignedUrlStorage = Storage & { readonly signedUrls: SignedUrls | undefined }

/** CORS settings for a browser page on another origin. */
export interface LocalHandlerCors {
  /** Allowed origins, or `*`. */
  origins: readonly string[] | '*'
  /** Preflight cache lifetime in seconds. Defaults to 600. */
  maxAge?: number
}

/** Options of {@link createLocalStorageHandler}. */
export interface LocalStorageHandlerOptions {
  /** Largest accepted upload in bytes (413 above it). Defaults to 100 MiB. */
  maxUploadBytes?: number
  /** Send CORS headers for these origins. Off by default. */
  cors?: LocalHandlerCors
  /** Diagnostics hook; receives the reason of each refusal, never a signature. */
  logger?: { debug?: (message: string, data?: Record<string, unknown>) => void }
}

/** A web-standard request handler (Fetch API). */
export type LocalStorageHandler = (request: Request) => Promise<Response>

/** Raster image types served inline; everything else (SVG and HTML included) is an attachment. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
  'content-security-policy': "default-src 'none'; sandbox",
}

function contentDisposition(key: string, contentType: string): string {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  const name = key.slice(key.lastIndexOf('/') + 1)
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
  const disposition = INLINE_TYPES.has(type) ? 'inline' : 'attachment'
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/** Parse one `bytes=` range; `undefined` = serve everything, `null` = unsupported syntax. */
function parseRange(header: string | null): ByteRange | undefined | null {
  if (!header) return undefined
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return null
  if (match[1] === '') return { suffix: Number(match[2]) }
  const start = Number(match[1])
  if (match[2] === '') return { start }
  const end = Number(match[2])
  return end < start ? null : { start, end }
}

function iterableStream(iterable: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterable.next()
        if (next.done) controller.close()
        else controller.enqueue(next.value)
      } catch (error) {
        controller.error(error)
      }
    },
    async cancel() {
      await iterable.return(undefined)
    },
  })
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code)
  }
}

/** Count bytes of a body, failing with 413 past `limit`. */
async function* limited(
  body: ReadableStream<Uint8Array>,
  limit: number,
  state: { tooLarge: boolean },
): AsyncGenerator<Uint8Array> {
  let seen = 0
  const reader = body.getReader()
  try {
    while (true) {
      const { done, value } = await reader.read()
      if (done) return
      seen += value.byteLength
      if (seen > limit) {
        state.tooLarge = true
        throw new Refusal(413, ErrorCode.EntityTooLarge)
      }
      yield value
    }
  } finally {
    reader.cancel().catch(() => undefined)
  }
}

/**
 * A Fetch-API handler that serves a `LocalStorage` or `MemoryStorage` built with `baseUrl` and
 * `signingSecret`: GET/HEAD of signed URLs (with `Range`), PUT of signed upload URLs and POST of
 * signed forms (`createPresignedPost`).
 *
 * - Signatures are HMAC-SHA256 over method, bucket, key, expiry, content type and size limit;
 *   expiry is checked first and digests are compared in constant time. Tampered, expired,
 *   other-key and other-method URLs get 403.
 * - Uploads over `maxUploadBytes` (or the signed `maxSize`) get 413 and leave nothing stored.
 * - Responses carry `X-Content-Type-Options: nosniff` and a sandboxing CSP; everything except
 *   PNG, JPEG, GIF and WebP is served as `Content-Disposition: attachment` (never SVG or HTML
 *   inline).
 *
 * @example
 * ```ts
 * const storage = new LocalStorage({
 *   basePath: './uploads',
 *   baseUrl: 'http://127.0.0.1:8080/files',
 *   signingSecret,
 * })
 * const handler = createLocalStorageHandler(storage, { maxUploadBytes: 10 * 1024 * 1024 })
 * http.createServer(toNodeListener(handler)).listen(8080, '127.0.0.1')
 * ```
 */
export function createLocalStorageHandler(
  storage: SignedUrlStorage,
  options: LocalStorageHandlerOptions = {},
): LocalStorageHandler {
  const urls = storage.signedUrls
  if (!urls) {
    throw new ValidationError('The storage needs baseUrl and signingSecret to be served', {
      code: ErrorCode.InvalidConfig,
      field: 'baseUrl',
    })
  }
  const maxUpload = options.maxUploadBytes ?? 100 * 1024 * 1024
  if (!Number.isSafeInteger(maxUpload) || maxUpload < 0) {
    throw new ValidationError('maxUploadBytes must be a non-negative integer', {
      code: ErrorCode.InvalidArgument,
      field: 'maxUploadBytes',
    })
  }
  const basePath = new URL(urls.baseUrl).pathname.replace(/\/+$/, '')
  const cors = options.cors

  function corsHeaders(request: Request): Record<string, string> {
    const origin = request.headers.get('origin')
    if (!cors || !origin) return {}
    const allowed = cors.origins === '*' || cors.origins.includes(origin)
    if (!allowed) return {}
    return {
      'access-control-allow-origin': cors.origins === '*' ? '*' : origin,
      'access-control-expose-headers': 'ETag, Content-Length, Content-Range, Accept-Ranges',
      vary: 'Origin',
    }
  }

  function respond(
    request: Request,
    status: number,
    body: BodyInit | null,
    headers: Record<string, string> = {},
  ): Response {
    return new Response(body, {
      status,
      headers: { ...BASE_HEADERS, ...corsHeaders(request), ...headers },
    })
  }

  function refuse(request: Request, status: number, code: string): Response {
    options.logger?.debug?.('local handler refused a request', { status, code })
    return respond(request, status, request.method === 'HEAD' ? null : JSON.stringify({ code }), {
      'content-type': 'application/json',
    })
  }

  function keyFromPath(pathname: string): string | undefined {
    if (!pathname.startsWith(`${basePath}/`)) return undefined
    try {
      return pathname
        .slice(basePath.length + 1)
        .split('/')
        .map(decodeURIComponent)
        .join('/')
    } catch {
      return undefined
    }
  }

  async function check(grant: UrlGrant, signature: string | null): Promise<void> {
    const failure = await urls!.signer.verify(grant, signature ?? '')
    if (failure)
      throw new Refusal(403, failure === 'expired' ? 'ExpiredSignature' : ErrorCode.AccessDenied)
  }

  function queryGrant(url: URL, method: UrlGrant['method'], key: string): UrlGrant {
    const q = url.searchParams
    const maxSize = q.get(SIGNED_URL_PARAMS.maxSize)
    if (q.get(SIGNED_URL_PARAMS.method) !== method) throw new Refusal(403, ErrorCode.AccessDenied)
    return {
      method,
      bucket: urls!.bucket,
      key,
      expires: Number(q.get(SIGNED_URL_PARAMS.expires)),
      contentType: q.get(SIGNED_URL_PARAMS.contentType) ?? undefined,
      maxSize: maxSize === null ? undefined : Number(maxSize),
    }
  }

  async function serve(request: Request, url: URL, key: string): Promise<Response> {
    await check(queryGrant(url, 'GET', key), url.searchParams.get(SIGNED_URL_PARAMS.signature))
    let info: ObjectInfo
    try {
      info = await storage.stat(key)
    } catch (error) {
      if (isStorageSDKError(error) && error.code === ErrorCode.NotFound) {
        throw new Refusal(404, ErrorCode.NotFound)
      }
      throw error
    }
    const headers: Record<string, string> = {
      'content-type': info.contentType,
      'content-disposition': contentDisposition(key, info.contentType),
      etag: info.etag,
      'last-modified': info.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
    }
    const range = parseRange(request.headers.get('range'))
    let status = 200
    let start = 0
    let end = info.size
    if (range) {
      if ('suffix' in range) start = Math.max(0, info.size - range.suffix)
      else {
        if (range.start >= info.size) {
          return refuseRange(request, info.size)
        }
        start = range.start
        end = range.end === undefined ? info.size : Math.min(info.size, range.end + 1)
      }
      status = 206
      headers['content-range'] = `bytes ${start}-${Math.max(start, end - 1)}/${info.size}`
    }
    headers['content-length'] = String(end - start)
    if (request.method === 'HEAD') return respond(request, status, null, headers)
    const body = await storage.downloadStream(key, {
      range: range ? (end > start ? { start, end: end - 1 } : { suffix: 0 }) : undefined,
      signal: request.signal,
    })
    return respond(request, status, body, headers)
  }

  function refuseRange(request: Request, size: number): Response {
    return respond(request, 416, null, { 'content-range': `bytes */${size}` })
  }

  async function store(
    request: Request,
    key: string,
    data: StorageData,
    contentType: string | undefined,
    state: { tooLarge: boolean } = { tooLarge: false },
  ): Promise<Response> {
    try {
      const result = await storage.uploadFile(
        { objectName: key, data, contentType },
        { signal: request.signal },
      )
      return respond(request, request.method === 'POST' ? 204 : 200, null, { etag: result.etag })
    } catch (error) {
      if (state.tooLarge) throw new Refusal(413, ErrorCode.EntityTooLarge)
      throw error
    }
  }

  async function put(request: Request, url: URL, key: string): Promise<Response> {
    const grant = queryGrant(url, 'PUT', key)
    await check(grant, url.searchParams.get(SIGNED_URL_PARAMS.signature))
    const sentType = request.headers.get('content-type') ?? undefined
    if (grant.contentType !== undefined && sentType !== grant.contentType) {
      throw new Refusal(403, 'ContentTypeMismatch')
    }
    const limit = Math.min(maxUpload, grant.maxSize ?? maxUpload)
    const declared = Number(request.headers.get('content-length') ?? Number.NaN)
    if (declared > limit) throw new Refusal(413, ErrorCode.EntityTooLarge)
    const body = request.body ?? new Blob([]).stream()
    const state = { tooLarge: false }
    return store(request, key, limited(body, limit, state), grant.contentType ?? sentType, state)
  }

  async function post(request: Request): Promise<Response> {
    const type = request.headers.get('content-type') ?? ''
    if (!type.toLowerCase().startsWith('multipart/form-data')) {
      throw new Refusal(400, ErrorCode.InvalidArgument)
    }
    const slack = 64 * 1024
    const declared = Number(request.headers.get('content-length') ?? Number.NaN)
    if (declared > maxUpload + slack) throw new Refusal(413, ErrorCode.EntityTooLarge)
    let form: FormData
    const state = { tooLarge: false }
    try {
      const body = request.body ?? new Blob([]).stream()
      const bounded = new Request(request.url, {
        method: 'POST',
        headers: { 'content-type': type },
        body: iterableStream(limited(body, maxUpload + slack, state)),
        duplex: 'half',
      } as RequestInit)
      form = await bounded.formData()
    } catch {
      if (state.tooLarge) throw new Refusal(413, ErrorCode.EntityTooLarge)
      throw new Refusal(400, ErrorCode.InvalidArgument)
    }
    const text = (name: string): string | undefined => {
      const value = form.get(name)
      return typeof value === 'string' ? value : undefined
    }
    const key = text('key')
    if (key === undefined || objectKeyProblem(key) !== undefined) {
      throw new Refusal(400, ErrorCode.InvalidObjectKey)
    }
    const extra: Record<string, string> = {}
    for (const [name, value] of form.entries()) {
      if (typeof value !== 'string') continue
      const lower = name.toLowerCase()
      if (name === 'key' || lower === 'content-type' || lower.startsWith('x-aury-')) continue
      extra[name] = value
    }
    const maxSize = text(SIGNED_URL_PARAMS.maxSize)
    const grant: UrlGrant = {
      method: 'POST',
      bucket: urls!.bucket,
      key,
      expires: Number(text(SIGNED_URL_PARAMS.expires)),
      contentType: text('Content-Type') ?? text('content-type'),
      maxSize: maxSize === undefined ? undefined : Number(maxSize),
      fields: extra,
    }
    await check(grant, text(SIGNED_URL_PARAMS.signature) ?? null)
    const file = form.get('file')
    if (file === null || typeof file === 'string') throw new Refusal(400, ErrorCode.InvalidArgument)
    const limit = Math.min(maxUpload, grant.maxSize ?? maxUpload)
    if (file.size > limit) throw new Refusal(413, ErrorCode.EntityTooLarge)
    return store(request, key, file, grant.contentType ?? (file.type || undefined))
  }

  return async (request: Request): Promise<Response> => {
    try {
      const url = new URL(request.url)
      const method = request.method.toUpperCase()
      if (method === 'OPTIONS') {
        const headers = corsHeaders(request)
        if (!headers['access-control-allow-origin']) return refuse(request, 403, 'CorsRefused')
        return respond(request, 204, null, {
          'access-control-allow-methods': 'GET, HEAD, PUT, POST',
          'access-control-allow-headers':
            request.headers.get('access-control-request-headers') ?? 'content-type, range',
          'access-control-max-age': String(cors?.maxAge ?? 600),
        })
      }
      if (method === 'POST' && url.pathname.replace(/\/+$/, '') === basePath) {
        return await post(request)
      }
      const key = keyFromPath(url.pathname)
      if (key === undefined || objectKeyProblem(key) !== undefined) {
        return refuse(request, key === undefined ? 404 : 400, ErrorCode.InvalidObjectKey)
      }
      if (method === 'GET' || method === 'HEAD') return await serve(request, url, key)
      if (method === 'PUT') return await put(request, url, key)
      return refuse(request, 405, 'MethodNotAllowed')
    } catch (error) {
      if (error instanceof Refusal) return refuse(request, error.status, error.code)
      if (isStorageSDKError(error)) {
        const status =
          error.code === ErrorCode.InvalidObjectKey || error.code === ErrorCode.InvalidArgument
            ? 400
            : error.code === 'InvalidRange'
              ? 416
              : (error.httpStatus ?? 500)
        return refuse(request, status, error.code)
      }
      options.logger?.debug?.('local handler error', { name: (error as Error)?.name })
      return refuse(request, 500, 'InternalError')
    }
  }
}

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isStorageSDKError } from '@aury/errors'
import { CachedSTSProvider, credentialsToJSON } from '@aury/sts-core'
import { Hono } from 'hono'
import type { DemoBackend } from './demo-backend'
import { isKeyUnder, isValidUserId, userPrefix } from './user-prefix'

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  backend: DemoBackend
  /** Folder with `index.html`, `styles.css` and the bundled `app.js`. */
  publicDir: string
  /** Lifetime of issued credentials in seconds. Default 1800 (30 minutes). */
  credentialsSeconds?: number
  /** Lifetime of upload and download URLs in seconds. Default 900. */
  urlSeconds?: number
  /** Largest file the page offers to upload, in bytes. Default 5 GiB. */
  maxUploadBytes?: number
  logger?: { warn?(message: string, data?: Record<string, unknown>): void }
}

const STATIC_FILES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/styles.css': 'styles.css',
  '/app.js': 'app.js',
  '/app.js.map': 'app.js.map',
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  map: 'application/json',
}

function apiError(status: number, code: string, message: string) {
  return Response.json(
    { error: { code, message } },
    { status, headers: { 'cache-control': 'no-store' } },
  )
}

/**
 * The demo's HTTP application: credentials and upload-URL endpoints scoped to `user/<id>/`,
 * the file list with download links, the page, and (local mode) the storage handler.
 */
export function createApp(options: CreateAppOptions): Hono {
  const { backend } = options
  const credentialsSeconds = options.credentialsSeconds ?? 1800
  const urlSeconds = options.urlSeconds ?? 900
  const cached = backend.sts ? new CachedSTSProvider({ provider: backend.sts.provider }) : undefined
  const app = new Hono()

  app.onError((error) => {
    if (isStorageSDKError(error)) {
      const status = (error.httpStatus ?? 500) >= 400 ? (error.httpStatus ?? 500) : 500
      return apiError(error.code === 'InvalidObjectKey' ? 400 : status, error.code, error.message)
    }
    options.logger?.warn?.('unhandled error', { error: String(error) })
    return apiError(500, 'InternalError', 'The demo server failed; see its log.')
  })

  app.get('/api/config', (c) =>
    c.json({
      backend: backend.name,
      mode: backend.sts ? 'sts' : 'presigned',
      maxUploadBytes: options.maxUploadBytes ?? 5 * 1024 ** 3,
    }),
  )

  app.get('/api/upload-credentials', async (c) => {
    const userId = c.req.query('userId')
    if (!isValidUserId(userId)) {
      return apiError(400, 'InvalidUserId', 'userId must be 1-64 letters or digits.')
    }
    if (!backend.sts || !cached) {
      return apiError(
        404,
        'NoSTS',
        `The "${backend.name}" backend issues presigned URLs, not credentials: use POST /api/upload-url.`,
      )
    }
    const prefix = userPrefix(userId)
    const credentials = await cached.getCredentials({
      bucket: backend.sts.bucket,
      region: backend.sts.region,
      allowPath: prefix,
      actionType: 'write',
      durationSeconds: credentialsSeconds,
    })
    return c.json({ ...credentialsToJSON(credentials), allowPath: prefix }, 200, {
      'cache-control': 'no-store',
    })
  })

  app.post('/api/upload-url', async (c) => {
    let body: { userId?: unknown; key?: unknown; contentType?: unknown }
    try {
      body = await c.req.json()
    } catch {
      return apiError(400, 'InvalidJSON', 'Send a JSON body: { userId, key, contentType }.')
    }
    if (!isValidUserId(body.userId)) {
      return apiError(400, 'InvalidUserId', 'userId must be 1-64 letters or digits.')
    }
    const prefix = userPrefix(body.userId)
    if (typeof body.key !== 'string' || body.key.length === 0) {
      return apiError(400, 'InvalidObjectKey', 'key is required.')
    }
    if (!isKeyUnder(body.key, prefix)) {
      return apiError(
        403,
        'AccessDenied',
        `"${body.key}" is outside the allowed prefix "${prefix}": this user may only upload there.`,
      )
    }
    const contentType =
      typeof body.contentType === 'string' && body.contentType ? body.contentType : undefined
    const signed = await backend.storage.getUploadUrl(body.key, {
      expiresIn: urlSeconds,
      contentType,
    })
    return c.json({ ...signed, key: body.key }, 200, { 'cache-control': 'no-store' })
  })

  app.get('/api/files', async (c) => {
    const prefix = c.req.query('prefix') ?? ''
    if (prefix !== '' && !/^user\/[A-Za-z0-9]{1,64}\/$/.test(prefix)) {
      return apiError(400, 'InvalidScope', 'prefix must be empty or "user/<userId>/".')
    }
    const files: { key: string; size: number; lastModified: string; url: string }[] = []
    for await (const entry of backend.storage.list({ prefix, limit: 500 })) {
      if (entry.type !== 'object') continue
      files.push({
        key: entry.key,
        size: entry.size,
        lastModified: entry.lastModified.toISOString(),
        url: await backend.storage.getFileUrl(entry.key, { expiresIn: urlSeconds }),
      })
    }
    files.sort((a, b) => b.lastModified.localeCompare(a.lastModified) || a.key.localeCompare(b.key))
    return c.json({ prefix, files }, 200, { 'cache-control': 'no-store' })
  })

  if (backend.mount) {
    const { path, handler } = backend.mount
    app.all(`${path}/*`, (c) => handler(c.req.raw))
  }

  app.get('*', async (c) => {
    const name = STATIC_FILES[c.req.path]
    if (!name) return c.notFound()
    try {
      const data = await readFile(join(options.publicDir, name))
      const type =
        CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream'
      return c.body(data, 200, { 'content-type': type, 'cache-control': 'no-cache' })
    } catch {
      return c.notFound()
    }
  })

  return app
}

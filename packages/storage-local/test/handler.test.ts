import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalStorageHandler, LocalStorage, MemoryStorage } from '../src/index'
import { SECRET, startServer } from './helpers'

let clock = Date.now()
const now = () => clock

describe('createLocalStorageHandler over node:http', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let storage: LocalStorage
  let base: string

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'aury-handler-'))
    server = await startServer()
    storage = new LocalStorage({
      basePath: base,
      baseUrl: `${server.url}/files/`,
      signingSecret: SECRET,
      now,
    })
    server.setHandler(
      createLocalStorageHandler(storage, {
        maxUploadBytes: 1000,
        cors: { origins: ['http://app.example'] },
      }),
    )
    await storage.uploadFile({ objectName: 'docs/a.txt', data: 'alpha' })
    await storage.uploadFile({ objectName: 'docs/b.txt', data: 'bravo' })
  })
  afterAll(async () => {
    await server.close()
    await rm(base, { recursive: true, force: true })
  })

  it('serves a signed GET with nosniff and attachment; HEAD and Range work', async () => {
    const url = await storage.getFileUrl('docs/a.txt', { expiresIn: 60 })
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('alpha')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(res.headers.get('content-type')).toBe('text/plain')
    const head = await fetch(url, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('5')
    const part = await fetch(url, { headers: { range: 'bytes=1-3' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe('bytes 1-3/5')
    expect(await part.text()).toBe('lph')
    const suffix = await fetch(url, { headers: { range: 'bytes=-2' } })
    expect(await suffix.text()).toBe('ha')
    const beyond = await fetch(url, { headers: { range: 'bytes=9-' } })
    expect(beyond.status).toBe(416)
    await beyond.arrayBuffer()
  })

  it('answers 403 to tampered, other-key, other-method and expired signatures', async () => {
    const url = new URL(await storage.getFileUrl('docs/a.txt', { expiresIn: 60 }))
    const sig = url.searchParams.get('x-aury-signature')!

    const flipped = new URL(url)
    flipped.searchParams.set('x-aury-signature', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1))
    const otherKey = new URL(url)
    otherKey.pathname = otherKey.pathname.replace('a.txt', 'b.txt')
    const longer = new URL(url)
    longer.searchParams.set(
      'x-aury-expires',
      String(Number(url.searchParams.get('x-aury-expires')) + 3600),
    )
    const noSig = new URL(url)
    noSig.searchParams.delete('x-aury-signature')
    const asPut = new URL(url)
    asPut.searchParams.set('x-aury-method', 'PUT')

    for (const bad of [flipped, otherKey, longer, noSig]) {
      const res = await fetch(bad)
      expect(res.status, bad.href).toBe(403)
      expect(await res.text()).not.toContain('alpha')
    }
    const put = await fetch(url, { method: 'PUT', body: 'overwritten' })
    expect(put.status).toBe(403)
    await put.arrayBuffer()
    const put2 = await fetch(asPut, { method: 'PUT', body: 'overwritten' })
    expect(put2.status).toBe(403)
    await put2.arrayBuffer()
    expect(new TextDecoder().decode(await storage.downloadFile('docs/a.txt'))).toBe('alpha')

    const expiring = await storage.getFileUrl('docs/a.txt', { expiresIn: 5 })
    clock += 6000
    try {
      const res = await fetch(expiring)
      expect(res.status).toBe(403)
      expect(((await res.json()) as { code: string }).code).toBe('ExpiredSignature')
    } finally {
      clock -= 6000
    }
  })

  it('accepts a signed PUT, enforcing the signed content type', async () => {
    const req = await storage.getUploadUrl('up/photo.png', { contentType: 'image/png' })
    const wrongType = await fetch(req.url, {
      method: 'PUT',
      headers: { 'content-type': 'text/html' },
      body: '<script>alert(1)</script>',
    })
    expect(wrongType.status).toBe(403)
    await wrongType.arrayBuffer()
    expect(await storage.fileExists('up/photo.png')).toBe(false)
    const ok = await fetch(req.url, { method: req.method, headers: req.headers, body: 'PNGDATA' })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('etag')).toBe((await storage.stat('up/photo.png')).etag)
    await ok.arrayBuffer()
    const other = new URL(req.url)
    other.pathname = other.pathname.replace('photo.png', 'other.png')
    const res = await fetch(other, { method: 'PUT', headers: req.headers, body: 'x' })
    expect(res.status).toBe(403)
    await res.arrayBuffer()
  })

  it('refuses uploads over the size limit with 413, storing nothing', async () => {
    const req = await storage.getUploadUrl('big/declared.bin')
    const declared = await fetch(req.url, { method: 'PUT', body: new Uint8Array(1001) })
    expect(declared.status).toBe(413)
    await declared.arrayBuffer()
    // a chunked body without Content-Length is counted while streaming
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(300))
        controller.close()
      },
    })
    const req2 = await storage.getUploadUrl('big/streamed.bin')
    const streamed = await fetch(req2.url, {
      method: 'PUT',
      body: chunked,
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    await streamed.arrayBuffer()
    expect(await storage.fileExists('big/declared.bin')).toBe(false)
    expect(await storage.fileExists('big/streamed.bin')).toBe(false)

    const post = await storage.createPresignedPost('big/form.bin', { maxSize: 100 })
    const form = new FormData()
    for (const [k, v] of Object.entries(post.fields)) form.append(k, v)
    form.append('file', new Blob([new Uint8Array(101)]), 'f.bin')
    const refused = await fetch(post.url, { method: 'POST', body: form })
    expect(refused.status).toBe(413)
    await refused.arrayBuffer()
    expect(await storage.fileExists('big/form.bin')).toBe(false)
  })

  it('refuses a POST whose key field was changed', async () => {
    const post = await storage.createPresignedPost('forms/mine.txt', { contentType: 'text/plain' })
    const form = new FormData()
    for (const [k, v] of Object.entries(post.fields))
      form.append(k, k === 'key' ? 'forms/theirs.txt' : v)
    form.append('file', new Blob(['x']), 'x.txt')
    const res = await fetch(post.url, { method: 'POST', body: form })
    expect(res.status).toBe(403)
    await res.arrayBuffer()
    expect(await storage.fileExists('forms/theirs.txt')).toBe(false)
  })

  it('never serves HTML or SVG inline; safe raster images are inline', async () => {
    const cases: [string, string, string][] = [
      ['x/page.html', '<script>alert(1)</script>', 'attachment'],
      ['x/image.svg', '<svg onload="alert(1)"/>', 'attachment'],
      ['x/sneaky.png', '<html>', 'inline'],
      ['x/photo.jpg', 'jpeg', 'inline'],
      ['x/anim.gif', 'gif', 'inline'],
      ['x/pic.webp', 'webp', 'inline'],
      ['x/data.json', '{}', 'attachment'],
    ]
    for (const [key, body, disposition] of cases) {
      await storage.uploadFile({ objectName: key, data: body })
      const res = await fetch(await storage.getFileUrl(key))
      expect(res.headers.get('content-disposition')?.split(';')[0], key).toBe(disposition)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('content-security-policy')).toContain('sandbox')
      await res.arrayBuffer()
    }
    await storage.uploadFile({
      objectName: 'x/typed',
      data: '<svg/>',
      contentType: 'image/svg+xml',
    })
    const res = await fetch(await storage.getFileUrl('x/typed'))
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/)
    await res.arrayBuffer()
  })

  it('sends CORS headers only to allowed origins and answers preflights', async () => {
    const url = await storage.getFileUrl('docs/a.txt')
    const allowed = await fetch(url, { headers: { origin: 'http://app.example' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://app.example')
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ETag')
    await allowed.arrayBuffer()
    const denied = await fetch(url, { headers: { origin: 'http://evil.example' } })
    expect(denied.headers.get('access-control-allow-origin')).toBeNull()
    await denied.arrayBuffer()
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT')
  })

  it('answers 404 for a missing object and 400 for a hostile path', async () => {
    const url = await storage.getFileUrl('docs/missing.txt')
    const res = await fetch(url)
    expect(res.status).toBe(404)
    await res.arrayBuffer()
    // fetch itself normalises %2e%2e away; send the raw path with node:http
    for (const path of [
      '/files/a/%2e%2e/%2e%2e/etc/passwd',
      '/files/a/..%2f..%2fx',
      '/files/%00',
    ]) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}${path}`, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on('error', reject)
        req.end()
      })
      // the URL parser may already resolve %2e%2e (then the path leaves /files: 404)
      expect([400, 404], path).toContain(status)
    }
    const outside = await fetch(`${server.url}/elsewhere/x`)
    expect(outside.status).toBe(404)
    await outside.arrayBuffer()
  })

  it('refuses to serve a storage without signing configuration', () => {
    expect(() => createLocalStorageHandler(new MemoryStorage())).toThrow(
      expect.objectContaining({ code: 'InvalidConfig' }),
    )
  })
})

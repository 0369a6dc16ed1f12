import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/demo-config'
import { type RunningDemo, startDemo } from '../src/server'

let demo: RunningDemo
let dataDir: string
let publicDir: string

const post = (body: unknown) =>
  fetch(`${demo.url}/api/upload-url`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('demo HTTP API (local backend)', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'aury-demo-api-'))
    publicDir = await mkdtemp(join(tmpdir(), 'aury-demo-api-public-'))
    demo = await startDemo({
      config: loadConfig({ PORT: '0', AURY_DATA_DIR: dataDir }),
      publicDir,
      rebuildPage: true,
      fromSource: true,
    })
  })

  afterAll(async () => {
    await demo?.close()
    await rm(dataDir, { recursive: true, force: true })
    await rm(publicDir, { recursive: true, force: true })
  })

  it('serves the page and its bundled script', async () => {
    const html = await fetch(demo.url)
    expect(html.headers.get('content-type')).toContain('text/html')
    expect(await html.text()).toContain('data-testid="file-input"')
    const js = await fetch(`${demo.url}/app.js`)
    expect(js.headers.get('content-type')).toContain('javascript')
    expect((await js.text()).length).toBeGreaterThan(5000)
    expect((await fetch(`${demo.url}/../package.json`)).status).toBe(404)
    expect((await fetch(`${demo.url}/src/server.ts`)).status).toBe(404)
  })

  it('reports the mode', async () => {
    expect(await (await fetch(`${demo.url}/api/config`)).json()).toMatchObject({
      backend: 'local',
      mode: 'presigned',
    })
  })

  it('issues a presigned PUT under the user prefix that stores the bytes', async () => {
    const response = await post({
      userId: 'u42',
      key: 'user/u42/a b.txt',
      contentType: 'text/plain',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const signed = (await response.json()) as { url: string; headers: Record<string, string> }
    expect(signed.url.startsWith(`${demo.url}/storage/`)).toBe(true)
    const put = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: 'hello' })
    expect(put.status).toBeLessThan(300)
    // a tampered URL (another key) is refused by the storage handler
    const forged = signed.url.replace('a%20b.txt', 'c.txt')
    expect(
      (await fetch(forged, { method: 'PUT', headers: signed.headers, body: 'x' })).status,
    ).toBe(403)

    const list = (await (await fetch(`${demo.url}/api/files?prefix=user/u42/`)).json()) as {
      files: { key: string; size: number; url: string; lastModified: string }[]
    }
    expect(list.files).toHaveLength(1)
    expect(list.files[0]).toMatchObject({ key: 'user/u42/a b.txt', size: 5 })
    expect(Number.isNaN(Date.parse(list.files[0]!.lastModified))).toBe(false)
    expect(await (await fetch(list.files[0]!.url)).text()).toBe('hello')
  })

  it('refuses keys outside the prefix, traversal and bad user ids', async () => {
    const outside = await post({ userId: 'u42', key: 'user/u421/x.txt' })
    expect(outside.status).toBe(403)
    expect(await outside.json()).toMatchObject({
      error: {
        code: 'AccessDenied',
        message: expect.stringContaining('outside the allowed prefix'),
      },
    })
    for (const key of ['user/u42/../u43/x', 'user/u42/./x', 'user/u42//x', 'user/u42/', 'x']) {
      expect((await post({ userId: 'u42', key })).status, key).toBe(403)
    }
    for (const userId of ['', '../x', 'a b', 'a/b', 'ü', 'x'.repeat(65), 7, null]) {
      expect((await post({ userId, key: 'user/x/y' })).status, String(userId)).toBe(400)
    }
    for (const userId of ['', '../x', 'a b', 'a/b', 'ü', 'x'.repeat(65)]) {
      const url = `${demo.url}/api/upload-credentials?userId=${encodeURIComponent(userId)}`
      expect((await fetch(url)).status, userId).toBe(400)
    }
    expect((await fetch(`${demo.url}/api/files?prefix=../`)).status).toBe(400)
    const bad = await fetch(`${demo.url}/api/upload-url`, { method: 'POST', body: '{' })
    expect(bad.status).toBe(400)
  })

  it('explains that the local backend issues URLs, not credentials', async () => {
    const response = await fetch(`${demo.url}/api/upload-credentials?userId=u42`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'NoSTS' } })
  })
})

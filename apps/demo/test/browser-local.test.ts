import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ChromiumSession, describeChromium, launchChromium } from '@aury/testkit/chromium'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadConfig } from '../src/demo-config'
import { type RunningDemo, startDemo } from '../src/server'
import {
  ensureArtifactsDir,
  listedFiles,
  MiB,
  makeFiles,
  percents,
  recordProgress,
  sha256,
  waitForUploads,
} from './helpers'

let demo: RunningDemo
let session: ChromiumSession
const temps: string[] = []

describeChromium('demo page in Chromium, default mode (local storage, presigned PUT)', () => {
  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aury-demo-data-'))
    const publicDir = await mkdtemp(join(tmpdir(), 'aury-demo-public-'))
    temps.push(dataDir, publicDir)
    demo = await startDemo({
      config: loadConfig({ PORT: '0', AURY_DATA_DIR: dataDir }),
      publicDir,
      rebuildPage: true,
      fromSource: true,
    })
    session = await launchChromium()
  })

  afterAll(async () => {
    await session?.close()
    await demo?.close()
    for (const dir of temps) await rm(dir, { recursive: true, force: true })
  })

  it('uploads three files (one of 20 MiB) to 100 %, lists them, downloads match', async () => {
    const { page } = session
    const { dir, files } = await makeFiles({
      'notes.txt': 1500,
      'photo.jpg': 300 * 1024,
      'big video.bin': 20 * MiB,
    })
    temps.push(dir)
    await page.goto(demo.url)
    await page.waitForSelector('body[data-ready="true"]')
    expect(await page.textContent('[data-testid="mode"]')).toContain('presigned')
    await page.fill('[data-testid="user-id"]', 'alice')
    expect(await page.inputValue('[data-testid="target"]')).toBe('user/alice/')
    await recordProgress(page)
    await page.setInputFiles(
      '[data-testid="file-input"]',
      files.map((f) => f.path),
    )
    const keys = files.map((f) => `user/alice/${f.name}`)
    const rows = await waitForUploads(page, keys)
    for (const row of rows) {
      expect(row, session.log.join('\n')).toMatchObject({ state: 'done', percent: 100 })
    }
    const seen = await percents(page)
    for (const key of keys) {
      const values = seen[key] ?? []
      expect(values.at(-1)).toBe(100)
      expect([...values].sort((a, b) => a - b)).toEqual(values)
    }

    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="file-row"]').length === 3,
    )
    const listed = await listedFiles(page)
    expect(listed.map((f) => f.key).sort()).toEqual([...keys].sort())
    for (const file of files) {
      const entry = listed.find((f) => f.key === `user/alice/${file.name}`)!
      expect(entry.size).toBe(file.size)
      expect(new URL(entry.url).origin).toBe(demo.url)
      const response = await fetch(entry.url)
      expect(response.status).toBe(200)
      expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(file.sha256)
    }
    // the bytes really are on disk under the data directory
    expect((await stat(join(temps[0]!, 'uploads', 'user', 'alice', 'big video.bin'))).size).toBe(
      20 * MiB,
    )
    const shot = join(await ensureArtifactsDir(), 'demo.png')
    await page.screenshot({ path: shot, fullPage: true })
    expect((await stat(shot)).size).toBeGreaterThan(10_000)
  })

  it('refuses an upload outside the user prefix with a clear message', async () => {
    const { page } = session
    const { dir, files } = await makeFiles({ 'elsewhere.txt': 100 })
    temps.push(dir)
    await page.fill('[data-testid="target"]', 'user/bob/')
    await page.setInputFiles('[data-testid="file-input"]', files[0]!.path)
    const [row] = await waitForUploads(page, ['user/bob/elsewhere.txt'])
    expect(row).toMatchObject({ state: 'error', code: 'Error' })
    expect(row!.status).toContain('outside the allowed prefix "user/alice/"')
    const listed = await listedFiles(page)
    expect(listed.some((f) => f.key.includes('elsewhere'))).toBe(false)
  })
})

import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { appRoot } from '../src/demo-config'

export const repoRoot = join(appRoot, '..', '..')
export const artifactsDir = join(repoRoot, 'test-artifacts')
export const MiB = 1024 * 1024

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

/** Writes files of the given sizes (random bytes) to a temp folder; returns paths and hashes. */
export async function makeFiles(sizes: Record<string, number>) {
  const dir = await mkdtemp(join(tmpdir(), 'aury-demo-files-'))
  const files: { name: string; path: string; size: number; sha256: string }[] = []
  for (const [name, size] of Object.entries(sizes)) {
    const data = name.endsWith('.txt')
      ? new TextEncoder().encode('hello from aury\n'.repeat(Math.ceil(size / 16)).slice(0, size))
      : randomBytes(size)
    const path = join(dir, name)
    await writeFile(path, data)
    files.push({ name, path, size, sha256: sha256(data) })
  }
  return { dir, files }
}

/** Records every `data-percent` each upload row shows, in order, in `window.__percents`. */
export async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __percents: Record<string, number[]> }
    w.__percents = {}
    const list = document.getElementById('uploads')!
    new MutationObserver((records) => {
      for (const r of records) {
        const row = r.target as HTMLElement
        if (r.attributeName !== 'data-percent' || !row.dataset.key) continue
        const seen = w.__percents[row.dataset.key] ?? []
        seen.push(Number(row.dataset.percent))
        w.__percents[row.dataset.key] = seen
      }
    }).observe(list, { subtree: true, attributes: true, attributeFilter: ['data-percent'] })
  })
}

export async function percents(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(
    () => (window as unknown as { __percents: Record<string, number[]> }).__percents,
  )
}

/** Waits until every upload row for `keys` has left the queued/uploading states. */
export async function waitForUploads(page: Page, keys: string[], timeout = 120_000) {
  await page.waitForFunction(
    (wanted) =>
      wanted.every((key) => {
        const row = [...document.querySelectorAll<HTMLElement>('[data-testid="upload-row"]')].find(
          (r) => r.dataset.key === key,
        )
        return row && ['done', 'error', 'cancelled'].includes(row.dataset.state ?? '')
      }),
    keys,
    { timeout, polling: 50 },
  )
  return page.evaluate(
    (wanted) =>
      wanted.map((key) => {
        const row = [...document.querySelectorAll<HTMLElement>('[data-testid="upload-row"]')].find(
          (r) => r.dataset.key === key,
        )!
        return {
          key,
          state: row.dataset.state,
          percent: Number(row.dataset.percent),
          code: row.dataset.code,
          durationMs: Number(row.dataset.durationMs),
          status: row.querySelector('.status')?.textContent ?? '',
        }
      }),
    keys,
  )
}

/** The file list rows: key, size and download link. */
export async function listedFiles(page: Page) {
  return page.$$eval('[data-testid="file-row"]', (rows) =>
    rows.map((row) => ({
      key: (row as HTMLElement).dataset.key!,
      size: Number((row as HTMLElement).dataset.size),
      url: row.querySelector('a')!.href,
    })),
  )
}

export async function ensureArtifactsDir(): Promise<string> {
  await mkdir(artifactsDir, { recursive: true })
  return artifactsDir
}

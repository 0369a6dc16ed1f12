import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ChromiumSession, describeChromium, launchChromium } from '@aury/testkit/chromium'
import { describeMinio, type MinioServer, s3Client, startMinio } from '@aury/testkit/minio'
import {
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3'
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

const BUCKET = 'uploads'
let minio: MinioServer
let s3: S3Client
let demo: RunningDemo
let session: ChromiumSession
const temps: string[] = []

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
    return true
  } catch {
    return false
  }
}

async function openUploads(): Promise<number> {
  const out = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))
  return out.Uploads?.length ?? 0
}

describeMinio('demo page in Chromium against MinIO (STS credentials + @aury/uploader)', () => {
  describeChromium('with Chromium', () => {
    beforeAll(async () => {
      minio = await startMinio({ buckets: [BUCKET] })
      s3 = s3Client(minio)
      const publicDir = await mkdtemp(join(tmpdir(), 'aury-demo-public-'))
      temps.push(publicDir)
      demo = await startDemo({
        config: loadConfig({
          PORT: '0',
          AURY_BACKEND: 'minio',
          AURY_MINIO_ENDPOINT: minio.endpoint,
          AURY_MINIO_ACCESS_KEY: minio.rootUser,
          AURY_MINIO_SECRET_KEY: minio.rootPassword,
          AURY_BUCKET: BUCKET,
          AURY_REGION: minio.region,
        }),
        publicDir,
        rebuildPage: true,
        fromSource: true,
      })
      session = await launchChromium()
      await session.page.goto(demo.url)
      await session.page.waitForSelector('body[data-ready="true"]')
      await session.page.fill('[data-testid="user-id"]', 'carol')
      await recordProgress(session.page)
    })

    afterAll(async () => {
      await session?.close()
      await demo?.close()
      s3?.destroy()
      await minio?.stop()
      for (const dir of temps) await rm(dir, { recursive: true, force: true })
    })

    it('gets scoped credentials and uploads three files, the large one in parts', async () => {
      const { page } = session
      expect(await page.textContent('[data-testid="mode"]')).toContain('STS credentials')
      const credentials = await page.evaluate(async () =>
        (await fetch('/api/upload-credentials?userId=carol')).json(),
      )
      expect(credentials).toMatchObject({
        provider: 'aws',
        bucket: BUCKET,
        endpoint: minio.endpoint,
        allowPath: 'user/carol/',
      })
      const lifetime = Date.parse(credentials.expiration) - Date.now()
      expect(lifetime).toBeGreaterThan(25 * 60_000)
      expect(lifetime).toBeLessThanOrEqual(30 * 60_000 + 5_000)

      const { dir, files } = await makeFiles({
        'report.txt': 2048,
        'image.png': 512 * 1024,
        'archive.bin': 20 * MiB,
      })
      temps.push(dir)
      await page.setInputFiles(
        '[data-testid="file-input"]',
        files.map((f) => f.path),
      )
      const keys = files.map((f) => `user/carol/${f.name}`)
      const rows = await waitForUploads(page, keys)
      for (const row of rows) {
        expect(row, `${row.status}\n${session.log.join('\n')}`).toMatchObject({
          state: 'done',
          percent: 100,
        })
      }
      const seen = await percents(page)
      const big = seen['user/carol/archive.bin'] ?? []
      // 20 MiB in 8 MiB parts: 0, then one step per part, ending at 100
      expect(big.length).toBeGreaterThanOrEqual(4)
      expect([...big].sort((a, b) => a - b)).toEqual(big)
      expect(big.at(-1)).toBe(100)

      const head = await s3.send(
        new HeadObjectCommand({ Bucket: BUCKET, Key: 'user/carol/archive.bin' }),
      )
      expect(head.ETag).toMatch(/-3"$/) // a multipart upload of 3 parts
      expect(head.ContentLength).toBe(20 * MiB)

      await page.click('[data-testid="refresh"]')
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="file-row"]').length >= 3,
      )
      const listed = await listedFiles(page)
      for (const file of files) {
        const entry = listed.find((f) => f.key === `user/carol/${file.name}`)!
        expect(entry.size).toBe(file.size)
        const response = await fetch(entry.url)
        expect(response.status).toBe(200)
        expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(file.sha256)
      }
      await page.screenshot({
        path: join(await ensureArtifactsDir(), 'demo-minio.png'),
        fullPage: true,
      })
    })

    it('fails with a clear message outside the allowed prefix', async () => {
      const { page } = session
      const { dir, files } = await makeFiles({ 'intruder.txt': 64 })
      temps.push(dir)
      await page.fill('[data-testid="target"]', 'user/dave/')
      await page.setInputFiles('[data-testid="file-input"]', files[0]!.path)
      const [row] = await waitForUploads(page, ['user/dave/intruder.txt'])
      expect(row).toMatchObject({ state: 'error', code: 'AccessDenied' })
      expect(row!.status).toContain('outside the allowed prefix')
      expect(await objectExists('user/dave/intruder.txt')).toBe(false)
      await page.fill('[data-testid="target"]', 'user/carol/')
    })

    it('cancels at about half: no object and no multipart upload remain', async () => {
      const { page } = session
      const { dir, files } = await makeFiles({ 'cancel-me.bin': 64 * MiB })
      temps.push(dir)
      const key = 'user/carol/cancel-me.bin'
      // Click Cancel from inside the page as soon as the row shows >= 50 %.
      await page.evaluate((wanted) => {
        const list = document.getElementById('uploads')!
        const observer = new MutationObserver(() => {
          const row = [...list.querySelectorAll<HTMLElement>('[data-testid="upload-row"]')].find(
            (r) => r.dataset.key === wanted,
          )
          if (row && Number(row.dataset.percent) >= 50) {
            ;(window as unknown as { __cancelledAt: number }).__cancelledAt = Number(
              row.dataset.percent,
            )
            row.querySelector<HTMLButtonElement>('[data-testid="cancel"]')!.click()
            observer.disconnect()
          }
        })
        observer.observe(list, {
          subtree: true,
          attributes: true,
          attributeFilter: ['data-percent'],
        })
      }, key)
      await page.setInputFiles('[data-testid="file-input"]', files[0]!.path)
      const [row] = await waitForUploads(page, [key])
      const cancelledAt = await page.evaluate(
        () => (window as unknown as { __cancelledAt: number }).__cancelledAt,
      )
      expect(cancelledAt).toBeGreaterThanOrEqual(50)
      expect(cancelledAt).toBeLessThan(100)
      expect(row).toMatchObject({ state: 'cancelled' })
      expect(row!.percent).toBeLessThan(100)
      expect(await objectExists(key)).toBe(false)
      expect(await openUploads()).toBe(0)
    })

    it('measures the upload throughput of a 100 MiB file from the browser', async () => {
      const { page } = session
      const { dir, files } = await makeFiles({ 'throughput.bin': 100 * MiB })
      temps.push(dir)
      const key = 'user/carol/throughput.bin'
      await page.setInputFiles('[data-testid="file-input"]', files[0]!.path)
      const [row] = await waitForUploads(page, [key], 300_000)
      expect(row).toMatchObject({ state: 'done', percent: 100 })
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
      expect(head.ContentLength).toBe(100 * MiB)
      const seconds = row!.durationMs / 1000
      const mibPerSecond = 100 / seconds

      // Baseline in the same run: the same file in one plain fetch() PUT to a presigned URL.
      const signed = await demo.backend.storage.getUploadUrl('user/carol/baseline.bin', {
        expiresIn: 600,
      })
      await page.evaluate(() => {
        const input = document.createElement('input')
        input.type = 'file'
        input.id = 'baseline-input'
        document.body.append(input)
      })
      await page.setInputFiles('#baseline-input', files[0]!.path)
      const baselineMs = await page.evaluate(async ({ url, headers }) => {
        const file = (document.getElementById('baseline-input') as HTMLInputElement).files![0]!
        const started = performance.now()
        const response = await fetch(url, { method: 'PUT', headers, body: file })
        if (!response.ok) throw new Error(`baseline PUT failed: ${response.status}`)
        return performance.now() - started
      }, signed)
      const baselineMiBps = 100 / (baselineMs / 1000)
      await writeFile(
        join(await ensureArtifactsDir(), 'uploader-throughput.json'),
        `${JSON.stringify(
          {
            file: '100 MiB',
            target: 'MinIO on 127.0.0.1',
            client: 'Chromium headless + @aury/uploader (8 MiB parts, concurrency 4)',
            seconds,
            mibPerSecond: Number(mibPerSecond.toFixed(1)),
            baseline: 'one fetch() PUT of the same file to a presigned URL, same browser and run',
            baselineSeconds: baselineMs / 1000,
            baselineMiBPerSecond: Number(baselineMiBps.toFixed(1)),
            ratioToBaseline: Number((mibPerSecond / baselineMiBps).toFixed(2)),
            measuredAt: new Date().toISOString(),
          },
          null,
          2,
        )}\n`,
      )
      process.stdout.write(
        `browser upload of 100 MiB to MinIO: uploader ${seconds.toFixed(2)} s (${mibPerSecond.toFixed(1)} MiB/s), one presigned PUT ${(baselineMs / 1000).toFixed(2)} s (${baselineMiBps.toFixed(1)} MiB/s)\n`,
      )
      expect(mibPerSecond).toBeGreaterThan(1)
      const listing = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'user/' }))
      expect(listing.Contents?.every((o) => o.Key?.startsWith('user/carol/'))).toBe(true)
      expect(
        (await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'user/carol/baseline.bin' })))
          .ContentLength,
      ).toBe(100 * MiB)
    })
  })
})

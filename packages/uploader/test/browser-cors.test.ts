import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  bundleForBrowser,
  type ChromiumSession,
  describeChromium,
  launchChromium,
} from '@aury/testkit/chromium'
import { type S3rverHandle, startS3rver } from '@aury/testkit/s3rver'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const MiB = 1024 * 1024

interface Outcome {
  ok: boolean
  result?: { etag?: string; parts: number; size: number; location: string }
  code?: string
  name?: string
  message?: string
  percents: number[]
}

let session: ChromiumSession
let page: Server
let pageUrl: string
const servers: Record<'exposed' | 'hidden' | 'none', S3rverHandle> = {} as never

/** Runs upload() inside the page with a generated file of `size` bytes (byte i = i % 251). */
function uploadInPage(target: S3rverHandle, key: string, size: number): Promise<Outcome> {
  return session.page.evaluate(
    async ({ endpoint, key, size }) => {
      const bytes = new Uint8Array(size)
      for (let i = 0; i < size; i++) bytes[i] = i % 251
      const percents: number[] = []
      const { upload } = (window as unknown as { Aury: typeof import('../src/index') }).Aury
      try {
        const result = await upload({
          file: new Blob([bytes]),
          key,
          partSize: 5 * 1024 * 1024,
          retries: 0,
          credentials: {
            accessKeyId: 'S3RVER',
            secretAccessKey: 'S3RVER',
            region: 'us-east-1',
            endpoint,
            bucket: 'browser',
            provider: 'aws',
          },
          onProgress: (p) => percents.push(p.percent),
        })
        return { ok: true, result, percents }
      } catch (error) {
        const e = error as { code?: string; name?: string; message?: string }
        return { ok: false, code: e.code, name: e.name, message: e.message, percents }
      }
    },
    { endpoint: target.endpoint, key, size },
  )
}

async function stored(target: S3rverHandle, key: string): Promise<string> {
  const s3 = new S3Client({
    endpoint: target.endpoint,
    region: target.region,
    forcePathStyle: true,
    credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
  })
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: 'browser', Key: key }))
    return createHash('sha256')
      .update(await out.Body!.transformToByteArray())
      .digest('hex')
  } finally {
    s3.destroy()
  }
}

function expected(size: number): string {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i++) bytes[i] = i % 251
  return createHash('sha256').update(bytes).digest('hex')
}

describeChromium('upload() in Chromium against s3rver CORS rules', () => {
  beforeAll(async () => {
    servers.exposed = await startS3rver({ buckets: ['browser'], cors: true })
    servers.hidden = await startS3rver({ buckets: ['browser'], cors: { exposeHeaders: [] } })
    servers.none = await startS3rver({ buckets: ['browser'] })
    const script = await bundleForBrowser({
      contents: "export { upload } from '@aury/uploader'",
      resolveDir: join(here, '..'),
      globalName: 'Aury',
    })
    page = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(`<!doctype html><title>uploader</title><script>${script}</script>`)
    })
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve))
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`
    session = await launchChromium()
    await session.page.goto(pageUrl)
    await session.page.waitForFunction(() => 'Aury' in window)
  })

  afterAll(async () => {
    await session?.close()
    await new Promise((resolve) => page?.close(resolve))
    for (const server of Object.values(servers)) await server?.stop()
  })

  it('uploads single and multipart from another origin when CORS exposes ETag', async () => {
    const small = await uploadInPage(servers.exposed, 'a/small.bin', 100_000)
    expect(small, session.log.join('\n')).toMatchObject({ ok: true, result: { parts: 1 } })
    expect(small.result!.etag).toMatch(/^[0-9a-f]{32}$/)
    expect(await stored(servers.exposed, 'a/small.bin')).toBe(expected(100_000))

    const size = 2 * 5 * MiB + 1234
    const big = await uploadInPage(servers.exposed, 'a/big file.bin', size)
    expect(big, session.log.join('\n')).toMatchObject({ ok: true, result: { parts: 3, size } })
    expect(big.percents[0]).toBe(0)
    expect(big.percents.at(-1)).toBe(100)
    expect([...big.percents].sort((a, b) => a - b)).toEqual(big.percents)
    expect(await stored(servers.exposed, 'a/big file.bin')).toBe(expected(size))
  })

  it('fails a multipart upload with CorsExposeHeaders when the rule hides ETag', async () => {
    const outcome = await uploadInPage(servers.hidden, 'b/big.bin', 5 * MiB + 1)
    expect(outcome).toMatchObject({ ok: false, name: 'StorageError', code: 'CorsExposeHeaders' })
    expect(outcome.message).toContain('ExposeHeaders')
    // a single PUT still succeeds; its ETag is simply not readable
    const single = await uploadInPage(servers.hidden, 'b/small.bin', 1000)
    expect(single).toMatchObject({ ok: true })
    expect(single.result!.etag).toBeUndefined()
    expect(await stored(servers.hidden, 'b/small.bin')).toBe(expected(1000))
  })

  it('reports a bucket without CORS as a NetworkError that names CORS', async () => {
    const outcome = await uploadInPage(servers.none, 'c/x.bin', 1000)
    expect(outcome).toMatchObject({ ok: false, code: 'NetworkError' })
    expect(outcome.message).toMatch(/CORS rule does not allow this origin/)
  })
})

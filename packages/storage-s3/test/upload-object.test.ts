import { Readable } from 'node:stream'
import { type S3rverHandle, startS3rver } from '@aury/testkit/s3rver'
import {
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { uploadObject } from '../src/upload-object'
import { bytes, generated, MiB, sha256 } from './helpers/data'
import { type FaultProxy, startFaultProxy } from './helpers/fault-proxy'

const Bucket = 'upload-bucket'
let server: S3rverHandle
let proxy: FaultProxy
let client: S3Client
let partClient: S3Client

function makeClient(endpoint: string, extra: Partial<S3ClientConfig> = {}) {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...extra,
  })
}

async function read(key: string) {
  const out = await client.send(new GetObjectCommand({ Bucket, Key: key }))
  const body = await out.Body!.transformToByteArray()
  return { body, out }
}

async function exists(key: string) {
  try {
    await client.send(new HeadObjectCommand({ Bucket, Key: key }))
    return true
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return false
    throw error
  }
}

const noWait = { sleep: async () => {} }

beforeAll(async () => {
  server = await startS3rver({ buckets: [Bucket] })
  proxy = await startFaultProxy(server.endpoint)
  client = makeClient(proxy.endpoint)
  partClient = makeClient(proxy.endpoint, { maxAttempts: 1 })
})
afterAll(async () => {
  client?.destroy()
  partClient?.destroy()
  await proxy?.stop()
  await server?.stop()
})
beforeEach(() => {
  proxy.setRule(undefined)
  proxy.seen.length = 0
})

const boundary = [0, 1, 5 * MiB - 1, 5 * MiB, 5 * MiB + 1]

describe('uploadObject against s3rver', () => {
  for (const size of boundary) {
    it(`uploads ${size} B from memory with 5 MiB parts`, async () => {
      const data = bytes(size)
      const key = `sizes/mem-${size}.bin`
      const progress: number[] = []
      const result = await uploadObject({
        client,
        partClient,
        bucket: Bucket,
        key,
        body: data,
        partSize: 5 * MiB,
        params: { ContentType: 'application/x-test', Metadata: { size: String(size) } },
        onProgress: (p) => {
          expect(p.total).toBe(size)
          progress.push(p.loaded)
        },
      })
      expect(result.size).toBe(size)
      expect(result.parts).toBe(size > 5 * MiB ? 2 : 0)
      expect(progress.at(-1)).toBe(size)
      const { body, out } = await read(key)
      expect(body.byteLength).toBe(size)
      expect(sha256(body)).toBe(sha256(data))
      expect(out.ContentType).toBe('application/x-test')
      expect(out.Metadata).toEqual({ size: String(size) })
    })

    it(`uploads ${size} B from a stream of unknown length`, async () => {
      const data = bytes(size)
      const key = `sizes/stream-${size}.bin`
      const chunks = Array.from({ length: Math.ceil(size / 65536) }, (_, i) =>
        Buffer.from(data.subarray(i * 65536, (i + 1) * 65536)),
      )
      const result = await uploadObject({
        client,
        partClient,
        bucket: Bucket,
        key,
        body: Readable.from(chunks),
        partSize: 5 * MiB,
      })
      expect(result.size).toBe(size)
      expect(result.parts).toBe(size > 5 * MiB ? 2 : 0)
      const { body } = await read(key)
      expect(sha256(body)).toBe(sha256(data))
    })
  }

  it('uploads 100 MiB in 8 MiB parts with at most 4 in flight', async () => {
    const data = bytes(100 * MiB)
    proxy.setTrack((req) => req.method === 'PUT' && (req.url ?? '').includes('partNumber='))
    const result = await uploadObject({
      client,
      partClient,
      bucket: Bucket,
      key: 'big/100',
      body: data,
    })
    expect(result).toMatchObject({ size: 100 * MiB, parts: 13 })
    expect(proxy.maxConcurrent()).toBeGreaterThan(1)
    expect(proxy.maxConcurrent()).toBeLessThanOrEqual(4)
    const parts = proxy.seen
      .filter((r) => r.method === 'PUT' && r.url.includes('partNumber='))
      .map((r) => Number(new URL(r.url, 'http://x').searchParams.get('partNumber')))
      .sort((a, b) => a - b)
    expect(parts).toEqual(Array.from({ length: 13 }, (_, i) => i + 1))
    const { body } = await read('big/100')
    expect(sha256(body)).toBe(sha256(data))
  })

  it('uploads a 64 MiB stream of unknown length with monotonic progress', async () => {
    const source = generated(64 * MiB)
    const progress: { loaded: number; total?: number }[] = []
    const result = await uploadObject({
      client,
      partClient,
      bucket: Bucket,
      key: 'big/stream64',
      body: source.iterable,
      onProgress: (p) => progress.push(p),
    })
    expect(result).toMatchObject({ size: 64 * MiB, parts: 8 })
    const loaded = progress.map((p) => p.loaded)
    expect([...loaded].sort((a, b) => a - b)).toEqual(loaded)
    expect(progress.slice(0, -1).every((p) => p.total === undefined)).toBe(true)
    expect(progress.at(-1)).toEqual({ loaded: 64 * MiB, total: 64 * MiB })
    const { body } = await read('big/stream64')
    expect(sha256(body)).toBe(source.digest())
  })

  it('retries a part that failed with a 500 and succeeds', async () => {
    let failed = 0
    proxy.setRule((req) => {
      if (req.method === 'PUT' && (req.url ?? '').includes('partNumber=2&') && failed === 0) {
        failed += 1
        return { status: 500, code: 'InternalError' }
      }
      return undefined
    })
    const data = bytes(12 * MiB)
    const result = await uploadObject({
      client,
      partClient,
      bucket: Bucket,
      key: 'fault/retried',
      body: data,
      partSize: 5 * MiB,
      retry: noWait,
    })
    expect(result.parts).toBe(3)
    const part2 = proxy.seen.filter((r) => r.method === 'PUT' && r.url.includes('partNumber=2&'))
    expect(part2.map((r) => r.status)).toEqual([500, 200])
    const { body } = await read('fault/retried')
    expect(sha256(body)).toBe(sha256(data))
  })

  it('gives up after the retry budget and aborts the upload', async () => {
    proxy.setRule((req) =>
      req.method === 'PUT' && (req.url ?? '').includes('partNumber=2&')
        ? { status: 503, code: 'SlowDown' }
        : undefined,
    )
    const error = await uploadObject({
      client,
      partClient,
      bucket: Bucket,
      key: 'fault/exhausted',
      body: bytes(12 * MiB),
      partSize: 5 * MiB,
      retry: { ...noWait, attempts: 4 },
    }).catch((e) => e)
    expect(error).toMatchObject({ code: 'SlowDown', httpStatus: 503, requestId: 'FAULT' })
    const part2 = proxy.seen.filter((r) => r.method === 'PUT' && r.url.includes('partNumber=2&'))
    expect(part2).toHaveLength(4)
    const aborts = proxy.seen.filter((r) => r.method === 'DELETE' && r.url.includes('uploadId='))
    expect(aborts).toHaveLength(1)
    expect(await exists('fault/exhausted')).toBe(false)
  })

  it('does not retry a 403 and aborts at once', async () => {
    proxy.setRule((req) =>
      req.method === 'PUT' && (req.url ?? '').includes('partNumber=2&')
        ? { status: 403, code: 'AccessDenied' }
        : undefined,
    )
    const error = await uploadObject({
      client,
      partClient,
      bucket: Bucket,
      key: 'fault/denied',
      body: bytes(12 * MiB),
      partSize: 5 * MiB,
      retry: noWait,
    }).catch((e) => e)
    expect(error).toMatchObject({
      name: 'StorageBackendError',
      code: 'AccessDenied',
      httpStatus: 403,
    })
    const part2 = proxy.seen.filter((r) => r.method === 'PUT' && r.url.includes('partNumber=2&'))
    expect(part2).toHaveLength(1)
    expect(proxy.seen.at(-1)).toMatchObject({ method: 'DELETE' })
    expect(await exists('fault/denied')).toBe(false)
  })

  it('abort at 50 % rejects with Aborted, sends AbortMultipartUpload last, stores nothing', async () => {
    const controller = new AbortController()
    const total = 40 * MiB
    const error = await uploadObject({
      client,
      partClient,
      bucket: Bucket,
      key: 'abort/half',
      body: bytes(total),
      partSize: 5 * MiB,
      concurrency: 2,
      signal: controller.signal,
      onProgress: ({ loaded }) => {
        if (loaded >= total / 2) controller.abort()
      },
    }).catch((e) => e)
    expect(error).toMatchObject({ name: 'StorageError', code: 'Aborted' })
    const last = proxy.seen.at(-1)
    expect(last?.method).toBe('DELETE')
    expect(last?.url).toContain('uploadId=')
    const partsSent = proxy.seen.filter((r) => r.url.includes('partNumber=')).length
    expect(partsSent).toBeLessThan(8)
    expect(await exists('abort/half')).toBe(false)
  })

  it('rejects a stream shorter than its declared contentLength and stores nothing', async () => {
    const error = await uploadObject({
      client,
      partClient,
      bucket: Bucket,
      key: 'bad/short',
      body: Readable.from([Buffer.alloc(1000)]),
      contentLength: 2000,
    }).catch((e) => e)
    expect(error).toMatchObject({ code: 'UploadFailed' })
    expect(await exists('bad/short')).toBe(false)
    const multi = await uploadObject({
      client,
      partClient,
      bucket: Bucket,
      key: 'bad/short-multi',
      body: Readable.from([Buffer.alloc(6 * MiB)]),
      contentLength: 11 * MiB,
      partSize: 5 * MiB,
    }).catch((e) => e)
    expect(multi).toMatchObject({ code: 'UploadFailed' })
    expect(await exists('bad/short-multi')).toBe(false)
  })

  it('rejects bad settings before any request', async () => {
    const before = proxy.seen.length
    await expect(
      uploadObject({ client, bucket: Bucket, key: 'x', body: 'x', partSize: 1024 }),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'partSize' })
    await expect(
      uploadObject({ client, bucket: Bucket, key: 'x', body: 'x', concurrency: 0 }),
    ).rejects.toMatchObject({ name: 'ValidationError', field: 'concurrency' })
    const aborted = AbortSignal.abort()
    await expect(
      uploadObject({ client, bucket: Bucket, key: 'x', body: 'x', signal: aborted }),
    ).rejects.toMatchObject({ code: 'Aborted' })
    expect(proxy.seen.length).toBe(before)
  })
})

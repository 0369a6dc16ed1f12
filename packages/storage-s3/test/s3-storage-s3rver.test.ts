import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { type S3rverHandle, startS3rver } from '@aury/testkit/s3rver'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { S3Storage, type S3StorageConfig } from '../src/index'
import { bytes, MiB, sha256 } from './helpers/data'
import { type FaultProxy, startFaultProxy } from './helpers/fault-proxy'

const Bucket = 'storage-bucket'

describe('S3Storage against s3rver behind a fault-injecting proxy', () => {
  let server: S3rverHandle
  let proxy: FaultProxy
  const made: S3Storage[] = []
  const make = (extra: Partial<S3StorageConfig> = {}) => {
    const s = new S3Storage({
      backend: 's3',
      bucketName: Bucket,
      region: 'us-east-1',
      endpoint: proxy.endpoint,
      forcePathStyle: true,
      allowHttp: true,
      accessKeyId: 'S3RVER',
      accessKeySecret: 'S3RVER',
      partSize: 5 * MiB,
      retry: { sleep: async () => {} },
      ...extra,
    })
    made.push(s)
    return s
  }

  beforeAll(async () => {
    server = await startS3rver({ buckets: [Bucket] })
    proxy = await startFaultProxy(server.endpoint)
  })
  afterAll(async () => {
    for (const s of made) s.destroy()
    await proxy?.stop()
    await server?.stop()
  })
  beforeEach(() => {
    proxy.setRule(undefined)
    proxy.seen.length = 0
  })

  const part2 = () =>
    proxy.seen.filter((r) => r.method === 'PUT' && r.url.includes('partNumber=2&'))

  it('retries a part that hit a 500 (the uploader retries; the SDK does not add attempts)', async () => {
    let faults = 0
    proxy.setRule((req) =>
      req.method === 'PUT' && (req.url ?? '').includes('partNumber=2&') && faults++ === 0
        ? { status: 500, code: 'InternalError' }
        : undefined,
    )
    const data = bytes(11 * MiB)
    const storage = make()
    await storage.uploadFile({ objectName: 'fault/ok.bin', data })
    expect(part2().map((r) => r.status)).toEqual([500, 200])
    expect(sha256(await storage.downloadFile('fault/ok.bin'))).toBe(sha256(data))

    proxy.seen.length = 0
    faults = 0
    const once = make({ retry: { attempts: 1 } })
    const error = await once.uploadFile({ objectName: 'fault/once.bin', data }).catch((e) => e)
    expect(error).toMatchObject({ code: 'InternalError', httpStatus: 500, retryable: true })
    expect(part2()).toHaveLength(1)
    expect(await once.fileExists('fault/once.bin')).toBe(false)
  })

  it('retries a single PUT through the SDK and maps a final 503 with its request id', async () => {
    let faults = 0
    proxy.setRule((req) =>
      req.method === 'PUT' && faults++ < 1 ? { status: 503, code: 'SlowDown' } : undefined,
    )
    const storage = make()
    await storage.uploadFile({ objectName: 'fault/single.txt', data: 'hello' })
    expect(proxy.seen.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([503, 200])

    proxy.setRule((req) => (req.method === 'GET' ? { status: 503, code: 'SlowDown' } : undefined))
    const error = await make({ maxAttempts: 2 })
      .downloadFile('fault/single.txt')
      .catch((e) => e)
    expect(error).toMatchObject({
      name: 'StorageBackendError',
      code: 'SlowDown',
      httpStatus: 503,
      requestId: 'FAULT',
      retryable: true,
    })
    expect(proxy.seen.filter((r) => r.method === 'GET')).toHaveLength(2)
  })

  it('maps a 403 to AccessDenied and keeps the service code', async () => {
    proxy.setRule(() => ({ status: 403, code: 'InvalidAccessKeyId' }))
    const error = await make()
      .downloadFile('anything.txt')
      .catch((e) => e)
    expect(error).toMatchObject({
      code: 'AccessDenied',
      httpStatus: 403,
      details: { serviceCode: 'InvalidAccessKeyId', operation: 'GetObject' },
    })
  })

  it('the AWS profile keeps the SDK CRC32 checksum on DeleteObjects (no Content-MD5)', async () => {
    const storage = make()
    await storage.uploadFile({ objectName: 'del/a', data: 'a' })
    proxy.seen.length = 0
    await storage.deleteFiles(['del/a', 'del/b'])
    const del = proxy.seen.find((r) => r.method === 'POST' && r.url.includes('delete'))
    expect(del?.headers['x-amz-checksum-crc32']).toMatch(/^[A-Za-z0-9+/]{6}==$/)
    expect(del?.headers['content-md5']).toBeUndefined()
    expect(await storage.fileExists('del/a')).toBe(false)
  })

  it('lists with the v1 marker API across pages', async () => {
    const storage = make({ listVersion: 1 })
    const keys = Array.from({ length: 12 }, (_, i) => `v1/k${String(i).padStart(2, '0')}`)
    for (const k of keys) await storage.uploadFile({ objectName: k, data: k })
    proxy.seen.length = 0
    const listed: string[] = []
    for await (const e of storage.list({ prefix: 'v1/', pageSize: 5 })) {
      if (e.type === 'object') listed.push(e.key)
    }
    expect(listed).toEqual(keys)
    const pages = proxy.seen.filter((r) => r.method === 'GET' && !r.url.includes('list-type'))
    expect(pages).toHaveLength(3)
  })

  it('stops with InvalidResponse when a truncated page has no continuation token', async () => {
    const storage = make()
    for (const k of ['t/1', 't/2', 't/3']) await storage.uploadFile({ objectName: k, data: k })
    // Fault injection: the server's answer loses its NextContinuationToken (a known bug class of
    // S3-compatible servers); the listing must fail instead of looping or stopping silently.
    const broken = make()
    const original = broken.client.send.bind(broken.client)
    broken.client.send = (async (command: unknown, opts: unknown) => {
      const out = (await original(command as never, opts as never)) as unknown as Record<
        string,
        unknown
      >
      if ('NextContinuationToken' in out) out.NextContinuationToken = undefined
      return out
    }) as typeof broken.client.send
    const seen: string[] = []
    const error = await (async () => {
      for await (const e of broken.list({ prefix: 't/', pageSize: 1 })) seen.push(e.type)
    })().catch((e) => e)
    expect(error).toMatchObject({ code: 'InvalidResponse' })
    expect(seen).toHaveLength(1)
  })

  it('downloadFile returns a plain Uint8Array with progress; an abort mid-body rejects Aborted', async () => {
    const storage = make()
    const data = bytes(4 * MiB)
    await storage.uploadFile({ objectName: 'dl/big.bin', data })
    await storage.uploadFile({ objectName: 'dl/small.txt', data: 'hi' })
    const loaded: number[] = []
    const whole = await storage.downloadFile('dl/big.bin', {
      onProgress: (p) => loaded.push(p.loaded),
    })
    expect(whole.constructor).toBe(Uint8Array)
    expect(sha256(whole)).toBe(sha256(data))
    expect(loaded.length).toBeGreaterThan(1)
    expect(loaded.at(-1)).toBe(4 * MiB)
    const small = await storage.downloadFile('dl/small.txt')
    expect(small.constructor).toBe(Uint8Array)
    expect(new TextDecoder().decode(small)).toBe('hi')

    const controller = new AbortController()
    const error = await storage
      .downloadFile('dl/big.bin', {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      })
      .catch((e) => e)
    expect(error).toMatchObject({ name: 'StorageError', code: 'Aborted' })
    const pre = new AbortController()
    pre.abort()
    expect(
      await storage.downloadFile('dl/big.bin', { signal: pre.signal }).catch((e) => e),
    ).toMatchObject({ code: 'Aborted' })
  })
})

describe('S3Storage.downloadFile from a server that stops sending', () => {
  it('rejects with Aborted when aborted while waiting for bytes', async () => {
    const sockets = new Set<Socket>()
    const server = createServer((_req, res) => {
      res.writeHead(200, {
        'content-length': String(MiB),
        'content-type': 'application/octet-stream',
      })
      res.write(Buffer.alloc(64 * 1024))
      // ...and nothing more: the body stalls.
    })
    server.on('connection', (s) => sockets.add(s))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    const storage = new S3Storage({
      backend: 's3',
      bucketName: Bucket,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      allowHttp: true,
      accessKeyId: 'AKIDEXAMPLE',
      accessKeySecret: 'secret-example-key',
    })
    try {
      const controller = new AbortController()
      let first = 0
      const started = Date.now()
      const error = await storage
        .downloadFile('stall.bin', {
          signal: controller.signal,
          onProgress: (p) => {
            if (first === 0) {
              first = p.loaded
              setTimeout(() => controller.abort(), 50)
            }
          },
        })
        .catch((e) => e)
      expect(first).toBeGreaterThan(0)
      expect(error).toMatchObject({ name: 'StorageError', code: 'Aborted' })
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      storage.destroy()
      for (const s of sockets) s.destroy()
      await new Promise((r) => server.close(r))
    }
  })
})

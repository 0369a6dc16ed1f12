import { createHash } from 'node:crypto'
import { describeMinio, type MinioServer, s3Client, startMinio } from '@aury/testkit/minio'
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { Client as MinioClient } from 'minio'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { S3Storage, type S3StorageConfig } from '../src/index'
import { bytes, generated, MiB, sha256 } from './helpers/data'
import { type FaultProxy, startFaultProxy } from './helpers/fault-proxy'

// biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal ${filename} placeholder
const FILENAME = '${filename}'

const Bucket = 'interop'

describeMinio('S3Storage interop with MinIO, minio-js and @aws-sdk/client-s3', () => {
  let server: MinioServer
  let storage: S3Storage
  let sdk: S3Client
  let mc: MinioClient
  let proxy: FaultProxy
  const made: S3Storage[] = []

  const make = (extra: Partial<S3StorageConfig> = {}) => {
    const s = new S3Storage({
      backend: 'minio',
      bucketName: Bucket,
      region: server.region,
      endpoint: server.endpoint,
      allowHttp: true,
      accessKeyId: server.rootUser,
      accessKeySecret: server.rootPassword,
      ...extra,
    })
    made.push(s)
    return s
  }

  beforeAll(async () => {
    server = await startMinio({ buckets: [Bucket] })
    storage = make({ partSize: 5 * MiB })
    sdk = s3Client(server)
    const url = new URL(server.endpoint)
    mc = new MinioClient({
      endPoint: url.hostname,
      port: Number(url.port),
      useSSL: false,
      accessKey: server.rootUser,
      secretKey: server.rootPassword,
      region: server.region,
      pathStyle: true,
    })
    proxy = await startFaultProxy(server.endpoint)
  })
  afterAll(async () => {
    for (const s of made) s.destroy()
    sdk?.destroy()
    await proxy?.stop()
    await server?.stop()
  })

  async function minioRead(key: string): Promise<Uint8Array> {
    const stream = await mc.getObject(Bucket, key)
    const chunks: Buffer[] = []
    for await (const c of stream) chunks.push(c as Buffer)
    return new Uint8Array(Buffer.concat(chunks))
  }

  it('objects written by S3Storage read back through minio-js and the AWS SDK', async () => {
    for (const [key, size] of [
      ['w/small 文件.txt', 1000],
      ['w/multi.bin', 12 * MiB],
    ] as const) {
      const data = bytes(size)
      await storage.uploadFile({
        objectName: key,
        data,
        contentType: 'application/x-aury',
        metadata: { user: '123' },
      })
      expect(sha256(await minioRead(key))).toBe(sha256(data))
      const stat = await mc.statObject(Bucket, key)
      expect(stat.size).toBe(size)
      expect(stat.metaData['content-type']).toBe('application/x-aury')
      expect(stat.metaData.user).toBe('123')
      const got = await sdk.send(new GetObjectCommand({ Bucket, Key: key }))
      expect(sha256(await got.Body!.transformToByteArray())).toBe(sha256(data))
      expect(got.Metadata).toEqual({ user: '123' })
      expect(got.ContentType).toBe('application/x-aury')
    }
    // MinIO gives multipart objects the "<md5>-<parts>" ETag: the 12 MiB upload had 3 parts.
    expect((await storage.stat('w/multi.bin')).etag).toMatch(/-3"$/)
  })

  it('objects written by minio-js and the AWS SDK read back through S3Storage', async () => {
    const a = bytes(70_000)
    await mc.putObject(Bucket, 'r/from-minio.bin', Buffer.from(a), a.length, {
      'Content-Type': 'image/png',
      'X-Amz-Meta-Owner': 'alice',
    })
    const b = bytes(6 * MiB)
    await sdk.send(
      new PutObjectCommand({
        Bucket,
        Key: 'r/from-sdk ü.bin',
        Body: b,
        ContentType: 'text/csv',
        Metadata: { owner: 'bob' },
      }),
    )
    expect(sha256(await storage.downloadFile('r/from-minio.bin'))).toBe(sha256(a))
    expect(await storage.stat('r/from-minio.bin')).toMatchObject({
      size: a.length,
      contentType: 'image/png',
      metadata: { owner: 'alice' },
    })
    expect(sha256(await storage.downloadFile('r/from-sdk ü.bin'))).toBe(sha256(b))
    expect((await storage.stat('r/from-sdk ü.bin')).metadata).toEqual({ owner: 'bob' })
    const keys: string[] = []
    for await (const e of storage.list({ prefix: 'r/' })) if (e.type === 'object') keys.push(e.key)
    expect(keys).toEqual(['r/from-minio.bin', 'r/from-sdk ü.bin'])
  })

  it('presigned GET: accepted, honours response overrides, refused when tampered or expired', async () => {
    const data = bytes(5000)
    await storage.uploadFile({ objectName: 'p/get me.bin', data })
    const url = await storage.getFileUrl('p/get me.bin', {
      expiresIn: 300,
      responseContentDisposition: 'attachment; filename="report.pdf"',
      responseContentType: 'application/pdf',
    })
    expect(url).not.toMatch(/x-amz-checksum|x-id=/i)
    const ok = await fetch(url)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="report.pdf"')
    expect(ok.headers.get('content-type')).toBe('application/pdf')
    expect(sha256(new Uint8Array(await ok.arrayBuffer()))).toBe(sha256(data))

    const tampered = new URL(url)
    tampered.searchParams.set('response-content-type', 'text/html')
    const bad = await fetch(tampered)
    expect(bad.status).toBe(403)
    expect(await bad.text()).toContain('SignatureDoesNotMatch')

    const past = make({ now: () => Date.now() - 3600_000 })
    const expired = await fetch(await past.getFileUrl('p/get me.bin', { expiresIn: 60 }))
    expect(expired.status).toBe(403)
    expect(await expired.text()).toMatch(/expired/i)
  })

  it('presigned PUT: accepted with its content type, no checksum parameters, refused when changed', async () => {
    const req = await storage.getUploadUrl('p/put.json', { contentType: 'application/json' })
    expect(req.headers).toEqual({ 'content-type': 'application/json' })
    expect(req.url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum/i)
    const ok = await fetch(req.url, { method: 'PUT', headers: req.headers, body: '{"a":1}' })
    expect(ok.status).toBe(200)
    expect(await storage.stat('p/put.json')).toMatchObject({
      size: 7,
      contentType: 'application/json',
    })
    const other = await fetch(req.url, {
      method: 'PUT',
      headers: { 'content-type': 'text/html' },
      body: '<script>',
    })
    expect(other.status).toBe(403)
    await other.arrayBuffer()
    const swapped = await fetch(req.url.replace('put.json', 'other.json'), {
      method: 'PUT',
      headers: req.headers,
      body: '{}',
    })
    expect(swapped.status).toBe(403)
    await swapped.arrayBuffer()
    expect(await storage.fileExists('p/other.json')).toBe(false)
    const stale = await make({ now: () => Date.now() - 3600_000 }).getUploadUrl('p/late.json', {
      expiresIn: 60,
    })
    const late = await fetch(stale.url, { method: 'PUT', body: '{}' })
    expect(late.status).toBe(403)
    expect(await late.text()).toMatch(/expired/i)
    expect(await storage.fileExists('p/late.json')).toBe(false)
  })

  it('presigned POST: accepted under its prefix; refused over the size limit, for a wrong type, when expired', async () => {
    const post = await storage.createPresignedPost(`p/post/${FILENAME}`, {
      maxSize: 1000,
      contentTypePrefix: 'image/',
      expiresIn: 120,
    })
    expect(post.url).toBe(`${server.endpoint}/${Bucket}`)
    const send = (
      p: typeof post,
      type: string,
      body: Uint8Array<ArrayBuffer> | string,
      name = 'pic.png',
    ) => {
      const form = new FormData()
      for (const [k, v] of Object.entries(p.fields)) form.append(k, v)
      form.append('Content-Type', type)
      form.append('file', new Blob([body], { type }), name)
      return fetch(p.url, { method: 'POST', body: form })
    }
    const ok = await send(post, 'image/png', bytes(500))
    expect(ok.status).toBe(204)
    expect((await storage.stat('p/post/pic.png')).size).toBe(500)

    const big = await send(post, 'image/png', bytes(1001), 'big.png')
    expect(big.status).toBe(400)
    expect(await big.text()).toContain('EntityTooLarge')
    expect(await storage.fileExists('p/post/big.png')).toBe(false)

    const html = await send(post, 'text/html', '<script>', 'x.html')
    expect(html.status).toBe(403)
    await html.arrayBuffer()
    expect(await storage.fileExists('p/post/x.html')).toBe(false)

    const forged = { ...post, fields: { ...post.fields } }
    const policyField = Object.keys(forged.fields).find(
      (k) => k.toLowerCase() === 'policy',
    ) as string
    const policy = JSON.parse(
      Buffer.from(forged.fields[policyField] as string, 'base64').toString(),
    )
    policy.conditions = policy.conditions.map((c: unknown) =>
      Array.isArray(c) && c[0] === 'content-length-range'
        ? ['content-length-range', 0, 10_000_000]
        : c,
    )
    forged.fields[policyField] = Buffer.from(JSON.stringify(policy)).toString('base64')
    const tampered = await send(forged, 'image/png', bytes(2000), 'forged.png')
    expect(tampered.status).toBe(403)
    await tampered.arrayBuffer()
    expect(await storage.fileExists('p/post/forged.png')).toBe(false)

    const old = await make({ now: () => Date.now() - 3600_000 }).createPresignedPost(
      `p/post/${FILENAME}`,
      { maxSize: 1000, expiresIn: 60 },
    )
    const late = await send(old, 'image/png', bytes(10), 'late.png')
    expect(late.status).toBe(403)
    await late.arrayBuffer()
    expect(await storage.fileExists('p/post/late.png')).toBe(false)
  })

  it('a wrong secret gives a typed AccessDenied with status and request id', async () => {
    const wrong = make({ accessKeySecret: 'definitely-not-the-secret' })
    const error = await wrong.stat('w/small 文件.txt').catch((e) => e)
    expect(error).toMatchObject({
      name: 'StorageBackendError',
      code: 'AccessDenied',
      httpStatus: 403,
    })
    const denied = await wrong.uploadFile({ objectName: 'w/denied', data: 'x' }).catch((e) => e)
    expect(denied).toMatchObject({ code: 'AccessDenied', httpStatus: 403 })
    // A GET has an error body: the service's own code and request id are kept.
    const read = await wrong.downloadFile('w/small 文件.txt').catch((e) => e)
    expect(read).toMatchObject({ code: 'AccessDenied', httpStatus: 403 })
    expect(read.requestId).toMatch(/\w+/)
    expect(read.details.serviceCode).toBe('SignatureDoesNotMatch')
    for (const e of [error, denied, read]) {
      expect(JSON.stringify(e)).not.toContain('definitely-not-the-secret')
      expect(String(e.stack)).not.toContain('definitely-not-the-secret')
    }
  })

  it('DeleteObjects carries a correct Content-MD5 and no flexible checksum (minio profile)', async () => {
    const viaProxy = make({ endpoint: proxy.endpoint })
    const keys = ['d/1', 'd/2', 'd/3']
    for (const k of keys) await viaProxy.uploadFile({ objectName: k, data: k })
    proxy.seen.length = 0
    await viaProxy.deleteFiles([...keys, 'd/missing'])
    const del = proxy.seen.find((r) => r.method === 'POST' && r.url.includes('delete'))
    expect(del).toBeDefined()
    const md5 = createHash('md5').update(del!.body!).digest('base64')
    expect(del!.headers['content-md5']).toBe(md5)
    expect(Object.keys(del!.headers).filter((h) => h.startsWith('x-amz-checksum-'))).toEqual([])
    for (const k of keys) expect(await storage.fileExists(k)).toBe(false)
  })

  it('deletes 2,500 keys in chunks of at most 1,000', async () => {
    const viaProxy = make({ endpoint: proxy.endpoint })
    const keys = Array.from({ length: 2500 }, (_, i) => `many/${String(i).padStart(4, '0')}`)
    await Promise.all(keys.slice(0, 20).map((k) => viaProxy.uploadFile({ objectName: k, data: k })))
    proxy.seen.length = 0
    const result = await viaProxy.deleteFiles(keys)
    expect(result.deleted).toHaveLength(2500)
    const posts = proxy.seen.filter((r) => r.method === 'POST' && r.url.includes('delete'))
    expect(posts).toHaveLength(3)
    const listed: string[] = []
    for await (const e of storage.list({ prefix: 'many/' })) listed.push(String(e))
    expect(listed).toEqual([])
  })

  it('an upload aborted at 50 % leaves no object and no multipart upload', async () => {
    const controller = new AbortController()
    const total = 64 * MiB
    const source = generated(total, 256 * 1024)
    const error = await storage
      .uploadFile(
        { objectName: 'abort/half.bin', data: source.iterable },
        {
          signal: controller.signal,
          onProgress: ({ loaded }) => {
            if (loaded >= total / 2) controller.abort()
          },
        },
      )
      .catch((e) => e)
    expect(error).toMatchObject({ code: 'Aborted' })
    const uploads = await sdk.send(new ListMultipartUploadsCommand({ Bucket }))
    expect(uploads.Uploads ?? []).toEqual([])
    await expect(
      sdk.send(new HeadObjectCommand({ Bucket, Key: 'abort/half.bin' })),
    ).rejects.toMatchObject({ name: 'NotFound' })
  })

  it('uploads the part-size boundaries (0, 1, 5 MiB - 1, 5 MiB, 5 MiB + 1) as bytes and streams', async () => {
    for (const size of [0, 1, 5 * MiB - 1, 5 * MiB, 5 * MiB + 1]) {
      const data = bytes(size)
      const viaBytes = await storage.uploadFile({ objectName: `edge/bytes-${size}`, data })
      expect(viaBytes.size).toBe(size)
      expect(sha256(await storage.downloadFile(`edge/bytes-${size}`))).toBe(sha256(data))
      async function* chunks() {
        for (let i = 0; i < size; i += 100_000) yield data.subarray(i, i + 100_000)
      }
      const viaStream = await storage.uploadFile({
        objectName: `edge/stream-${size}`,
        data: chunks(),
      })
      expect(viaStream.size).toBe(size)
      const info = await storage.stat(`edge/stream-${size}`)
      expect(info.size).toBe(size)
      // Above 5 MiB the object is multipart: MinIO's ETag names the 2 parts.
      expect(info.etag.endsWith('-2"')).toBe(size > 5 * MiB)
      expect(sha256(await storage.downloadFile(`edge/stream-${size}`))).toBe(sha256(data))
    }
  })

  it('uploads 100 MiB and a 64 MiB stream of unknown length intact', async () => {
    const data = bytes(100 * MiB)
    const big = await storage.uploadFile({ objectName: 'big/100.bin', data })
    expect(big.size).toBe(100 * MiB)
    expect(sha256(await storage.downloadFile('big/100.bin'))).toBe(sha256(data))
    const source = generated(64 * MiB)
    const streamed = await storage.uploadFile({ objectName: 'big/64.bin', data: source.iterable })
    expect(streamed.size).toBe(64 * MiB)
    expect(sha256(await storage.downloadFile('big/64.bin'))).toBe(source.digest())
  }, 120_000)
})

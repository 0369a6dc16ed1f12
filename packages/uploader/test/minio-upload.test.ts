import { createHash, randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import { describeMinio, type MinioServer, s3Client, startMinio } from '@aury/testkit/minio'
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { Client as MinioClient } from 'minio'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { upload } from '../src/upload'
import type { UploadCredentials, UploadProgress } from '../src/upload-options'
import { MIN_PART_SIZE } from '../src/validate-upload-options'

const BUCKET = 'uploads'
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

let minio: MinioServer
let s3: S3Client
let root: UploadCredentials

async function readObject(key: string): Promise<Uint8Array> {
  const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
  return out.Body!.transformToByteArray()
}

async function openUploads(prefix: string): Promise<number> {
  const out = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: prefix }))
  return out.Uploads?.length ?? 0
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
    return true
  } catch {
    return false
  }
}

/** A fetch that lets `fault` replace the answer of chosen requests (fault injection only). */
function faultyFetch(
  fault: (url: URL, init: RequestInit, call: number) => Response | Error | undefined,
): { fetch: typeof fetch; calls: { method: string; url: URL }[] } {
  const calls: { method: string; url: URL }[] = []
  return {
    calls,
    fetch: async (input, init = {}) => {
      const url = new URL(String(input))
      calls.push({ method: init.method ?? 'GET', url })
      const injected = fault(url, init, calls.length)
      if (injected instanceof Error) throw injected
      if (injected) return injected
      return fetch(input, init)
    },
  }
}

function checkProgress(events: UploadProgress[], total: number) {
  expect(events.length).toBeGreaterThanOrEqual(2)
  for (let i = 1; i < events.length; i++) {
    expect(events[i]!.loaded).toBeGreaterThanOrEqual(events[i - 1]!.loaded)
    expect(events[i]!.percent).toBeGreaterThanOrEqual(events[i - 1]!.percent)
  }
  expect(events.at(-1)).toMatchObject({ loaded: total, total, percent: 100 })
}

describeMinio('upload() against MinIO', () => {
  beforeAll(async () => {
    minio = await startMinio({ buckets: [BUCKET] })
    s3 = s3Client(minio)
    root = {
      accessKeyId: minio.rootUser,
      secretAccessKey: minio.rootPassword,
      region: minio.region,
      endpoint: minio.endpoint,
      bucket: BUCKET,
      provider: 'aws',
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
    }
  })

  afterAll(async () => {
    s3?.destroy()
    await minio?.stop()
  })

  it('uploads a small file in one PUT with content type and metadata', async () => {
    const body = randomBytes(3000)
    const events: UploadProgress[] = []
    const result = await upload({
      file: new Blob([body], { type: 'image/png' }),
      key: 'single/ä b+c.png',
      credentials: root,
      metadata: { origin: 'unit-test' },
      onProgress: (p) => events.push(p),
    })
    expect(result).toMatchObject({ key: 'single/ä b+c.png', size: 3000, parts: 1 })
    expect(result.etag).toBe(createHash('md5').update(body).digest('hex'))
    expect(result.location).toBe(`${minio.endpoint}/${BUCKET}/single/%C3%A4%20b%2Bc.png`)
    expect(sha256(await readObject('single/ä b+c.png'))).toBe(sha256(body))
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'single/ä b+c.png' }))
    expect(head.ContentType).toBe('image/png')
    expect(head.Metadata).toEqual({ origin: 'unit-test' })
    checkProgress(events, 3000)
  })

  it('uploads a large file in parallel parts with monotonic per-part progress', async () => {
    const size = 2 * MIN_PART_SIZE + 123_457
    const body = randomBytes(size)
    const events: UploadProgress[] = []
    const { fetch: spy, calls } = faultyFetch(() => undefined)
    const result = await upload({
      file: new Blob([body]),
      key: 'multi/big.bin',
      credentials: root,
      partSize: MIN_PART_SIZE,
      concurrency: 3,
      fetch: spy,
      onProgress: (p) => events.push(p),
    })
    expect(result.parts).toBe(3)
    expect(result.etag).toMatch(/^[0-9a-f]{32}-3$/)
    expect(calls.filter((c) => c.url.searchParams.has('partNumber'))).toHaveLength(3)
    expect(sha256(await readObject('multi/big.bin'))).toBe(sha256(body))
    checkProgress(events, size)
    expect(
      events
        .filter((e) => e.part)
        .map((e) => e.part!.partNumber)
        .sort(),
    ).toEqual([1, 2, 3])
    expect(await openUploads('multi/')).toBe(0)
  })

  it('retries a part after an injected 503 and a network error', async () => {
    const size = 2 * MIN_PART_SIZE + 10
    const body = randomBytes(size)
    const failedOnce = new Set<string>()
    const { fetch: flaky, calls } = faultyFetch((url) => {
      const part = url.searchParams.get('partNumber')
      if (part === '2' && !failedOnce.has('2')) {
        failedOnce.add('2')
        return new Response('<Error><Code>SlowDown</Code><Message>Reduce</Message></Error>', {
          status: 503,
        })
      }
      if (part === '3' && !failedOnce.has('3')) {
        failedOnce.add('3')
        return new TypeError('fetch failed')
      }
      return undefined
    })
    const result = await upload({
      file: new Blob([body]),
      key: 'retry/obj.bin',
      credentials: root,
      partSize: MIN_PART_SIZE,
      fetch: flaky,
    })
    expect(result.parts).toBe(3)
    expect(calls.filter((c) => c.url.searchParams.get('partNumber') === '2')).toHaveLength(2)
    expect(calls.filter((c) => c.url.searchParams.get('partNumber') === '3')).toHaveLength(2)
    expect(sha256(await readObject('retry/obj.bin'))).toBe(sha256(body))
  })

  it('gives up after the retries, aborts the multipart upload and leaves nothing', async () => {
    const { fetch: broken, calls } = faultyFetch((url) =>
      url.searchParams.get('partNumber') === '2'
        ? new Response('<Error><Code>InternalError</Code></Error>', { status: 500 })
        : undefined,
    )
    const error = await upload({
      file: new Blob([randomBytes(MIN_PART_SIZE + 5)]),
      key: 'giveup/obj.bin',
      credentials: root,
      partSize: MIN_PART_SIZE,
      retries: 2,
      fetch: broken,
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'InternalError', httpStatus: 500, retryable: true })
    expect(calls.filter((c) => c.url.searchParams.get('partNumber') === '2')).toHaveLength(3)
    expect(calls.at(-1)?.method).toBe('DELETE')
    expect(await openUploads('giveup/')).toBe(0)
    expect(await exists('giveup/obj.bin')).toBe(false)
  })

  it('cancels at about half: rejects with Aborted, aborts the upload, leaves no object', async () => {
    const controller = new AbortController()
    const size = 4 * MIN_PART_SIZE
    const events: UploadProgress[] = []
    const pending = upload({
      file: new Blob([randomBytes(size)]),
      key: 'cancel/obj.bin',
      credentials: root,
      partSize: MIN_PART_SIZE,
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        events.push(p)
        if (p.loaded >= size / 2) controller.abort()
      },
    })
    await expect(pending).rejects.toMatchObject({ name: 'StorageError', code: 'Aborted' })
    expect(events.at(-1)!.loaded).toBe(size / 2)
    expect(await openUploads('cancel/')).toBe(0)
    expect(await exists('cancel/obj.bin')).toBe(false)
  })

  it('rejects at once when the signal is already aborted', async () => {
    const { fetch: spy, calls } = faultyFetch(() => undefined)
    await expect(
      upload({
        file: new Blob(['x']),
        key: 'k',
        credentials: root,
        fetch: spy,
        signal: AbortSignal.abort(),
      }),
    ).rejects.toMatchObject({ code: 'Aborted' })
    expect(calls).toHaveLength(0)
  })

  it('fails with CorsExposeHeaders when part ETags are hidden, and aborts', async () => {
    const { fetch: hiding } = faultyFetch(() => undefined)
    const corsFetch: typeof fetch = async (input, init) => {
      const response = await hiding(input, init)
      if (!new URL(String(input)).searchParams.has('partNumber')) return response
      const headers = new Headers(response.headers)
      headers.delete('etag')
      return new Response(response.body, { status: response.status, headers })
    }
    const error = await upload({
      file: new Blob([randomBytes(MIN_PART_SIZE + 1)]),
      key: 'cors/obj.bin',
      credentials: root,
      partSize: MIN_PART_SIZE,
      fetch: corsFetch,
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CorsExposeHeaders' })
    expect(String((error as Error).message)).toMatch(/ExposeHeaders/)
    expect(await openUploads('cors/')).toBe(0)
  })

  it('says "outside the allowed prefix" on AccessDenied and leaks no secret', async () => {
    const sts = new STSClient({
      endpoint: minio.endpoint,
      region: minio.region,
      credentials: { accessKeyId: minio.rootUser, secretAccessKey: minio.rootPassword },
    })
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
          Resource: [`arn:aws:s3:::${BUCKET}/user/12/*`],
        },
      ],
    }
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/uploader',
        RoleSessionName: 'uploader-test',
        DurationSeconds: 900,
        Policy: JSON.stringify(policy),
      }),
    )
    sts.destroy()
    const scoped: UploadCredentials = {
      ...root,
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
      expiration: out.Credentials!.Expiration!.toISOString(),
    }
    const inside = await upload({
      file: new Blob(['ok']),
      key: 'user/12/a.txt',
      credentials: scoped,
    })
    expect(inside.size).toBe(2)
    const big = new Blob([randomBytes(MIN_PART_SIZE + 1)])
    await expect(
      upload({ file: big, key: 'user/12/big.bin', credentials: scoped, partSize: MIN_PART_SIZE }),
    ).resolves.toMatchObject({ parts: 2 })

    const error = await upload({
      file: new Blob(['no']),
      key: 'user/123/a.txt',
      credentials: scoped,
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'StorageBackendError',
      code: 'AccessDenied',
      httpStatus: 403,
    })
    expect((error as Error).message).toMatch(/outside the allowed prefix/)
    for (const view of [
      String(error),
      (error as Error).message,
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
    ]) {
      expect(view).not.toContain(scoped.secretAccessKey)
      expect(view).not.toContain(scoped.sessionToken)
    }
    expect(await exists('user/123/a.txt')).toBe(false)
  })

  it('reports a wrong secret as a signature error', async () => {
    await expect(
      upload({
        file: new Blob(['x']),
        key: 'sig/x',
        credentials: { ...root, secretAccessKey: 'wrong-secret-value' },
        retries: 0,
      }),
    ).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 403, retryable: false })
  })

  it('uploads through a presigned PUT with its signed headers', async () => {
    const body = randomBytes(2048)
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: BUCKET, Key: 'presigned/put.bin', ContentType: 'text/csv' }),
      { expiresIn: 300 },
    )
    const events: UploadProgress[] = []
    const result = await upload({
      file: new Blob([body]),
      key: 'presigned/put.bin',
      presignedPut: { method: 'PUT', url, headers: { 'content-type': 'text/csv' } },
      onProgress: (p) => events.push(p),
    })
    expect(result.location).toBe(`${minio.endpoint}/${BUCKET}/presigned/put.bin`)
    expect(result.etag).toBe(createHash('md5').update(body).digest('hex'))
    expect(sha256(await readObject('presigned/put.bin'))).toBe(sha256(body))
    checkProgress(events, 2048)

    // a presigned URL for another key is refused with a readable error
    await expect(
      upload({
        file: new Blob([body]),
        key: 'presigned/other.bin',
        presignedPut: { url: `${url}x` },
      }),
    ).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 403 })
  })

  it('uploads through a presigned POST policy', async () => {
    const { hostname, port } = new URL(minio.endpoint)
    const client = new MinioClient({
      endPoint: hostname,
      port: Number(port),
      useSSL: false,
      accessKey: minio.rootUser,
      secretKey: minio.rootPassword,
      region: minio.region,
      pathStyle: true,
    })
    const policy = client.newPostPolicy()
    policy.setBucket(BUCKET)
    policy.setKey('presigned/post.bin')
    policy.setExpires(new Date(Date.now() + 300_000))
    policy.setContentLengthRange(1, 10_000)
    const { postURL, formData } = await client.presignedPostPolicy(policy)
    const body = randomBytes(5000)
    const result = await upload({
      file: new Blob([body]),
      key: 'presigned/post.bin',
      presignedPost: { url: postURL, fields: formData },
    })
    expect(result.key).toBe('presigned/post.bin')
    expect(sha256(await readObject('presigned/post.bin'))).toBe(sha256(body))
    // the policy's size limit is enforced by the server and reported
    await expect(
      upload({
        file: new Blob([randomBytes(20_000)]),
        key: 'presigned/post.bin',
        presignedPost: { url: postURL, fields: formData },
      }),
    ).rejects.toMatchObject({ httpStatus: 400 })
  })
})

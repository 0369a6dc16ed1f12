import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { StorageFactory } from '@aury/storage-core'
import { vectorsDir } from '@aury/testkit'
import { afterEach, describe, expect, it } from 'vitest'
import { backendProfile } from './backend-profile'
import { checkEndpoint } from './endpoint'
import { backendForCredentials, fromSTSCredentials } from './from-sts-credentials'
import './index'
import { S3Storage } from './s3-storage'
import type { S3StorageConfig } from './s3-storage-config'

// biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal ${filename} placeholder
const FILENAME = '${filename}'

const made: S3Storage[] = []
const create = (config: S3StorageConfig) => {
  const s = new S3Storage(config)
  made.push(s)
  return s
}
afterEach(() => {
  for (const s of made.splice(0)) s.destroy()
})

const keys = { accessKeyId: 'AKIDEXAMPLE', accessKeySecret: 'secret-value-1234567890' }

async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run()
    return 'resolved'
  } catch (error) {
    return String((error as { code?: string }).code)
  }
}

describe('backend profiles', () => {
  it('COS: default endpoint, virtual-host only, 1 MiB parts, checksums when required', async () => {
    const cos = create({
      backend: 'cos',
      bucketName: 'my-bucket-1250000000',
      region: 'ap-guangzhou',
      ...keys,
    })
    expect(cos.endpoint).toBe('https://cos.ap-guangzhou.myqcloud.com')
    expect(cos.pathStyle).toBe(false)
    expect(cos.objectUrl('a b/中.jpg')).toBe(
      'https://my-bucket-1250000000.cos.ap-guangzhou.myqcloud.com/a%20b/%E4%B8%AD.jpg',
    )
    expect(cos.profile.minPartSize).toBe(1024 * 1024)
    expect(await cos.client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED')
    expect(await cos.client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED')
    expect(cos.capabilities).toMatchObject({ presignedPost: true, maxKeyBytes: 850 })
    expect(
      await codeOf(() =>
        create({
          backend: 'cos',
          bucketName: 'b-1250000000',
          region: 'ap-guangzhou',
          forcePathStyle: true,
        }),
      ),
    ).toBe('InvalidConfig')
    expect(await codeOf(() => create({ backend: 'cos', bucketName: 'b-1250000000' }))).toBe(
      'InvalidRegion',
    )
    expect(
      await codeOf(() =>
        create({ backend: 'cos', bucketName: 'no-appid', region: 'ap-guangzhou' }),
      ),
    ).toBe('InvalidBucketName')
  })

  it('OSS: S3-compatible regional endpoint, virtual-host only', () => {
    const oss = create({ backend: 'oss', bucketName: 'photos', region: 'cn-hangzhou', ...keys })
    expect(oss.endpoint).toBe('https://oss-cn-hangzhou.aliyuncs.com')
    expect(oss.bucketUrl()).toBe('https://photos.oss-cn-hangzhou.aliyuncs.com')
    expect(oss.profile).toMatchObject({ minPartSize: 100 * 1024, deleteObjectsMd5: true })
  })

  it('R2: account endpoint, region auto, no presigned POST', async () => {
    const r2 = create({ backend: 'r2', bucketName: 'assets', accountId: 'abc123', ...keys })
    expect(r2.endpoint).toBe('https://abc123.r2.cloudflarestorage.com')
    expect(r2.region).toBe('auto')
    expect(r2.capabilities.presignedPost).toBe(false)
    expect(await codeOf(() => r2.createPresignedPost('a.txt'))).toBe('Unsupported')
    expect(await codeOf(() => r2.createPresignedPost('../a.txt'))).toBe('InvalidObjectKey')
    expect(await codeOf(() => create({ backend: 'r2', bucketName: 'assets' }))).toBe(
      'InvalidConfig',
    )
  })

  it('MinIO: path-style by default and needs an endpoint; AWS: SDK checksums and virtual hosts', async () => {
    const minio = create({
      backend: 'minio',
      bucketName: 'media',
      endpoint: 'http://127.0.0.1:9000',
      allowHttp: true,
      ...keys,
    })
    expect(minio.pathStyle).toBe(true)
    expect(minio.objectUrl('x/y.txt')).toBe('http://127.0.0.1:9000/media/x/y.txt')
    expect(await codeOf(() => create({ backend: 'minio', bucketName: 'media' }))).toBe(
      'InvalidConfig',
    )
    const aws = create({ backend: 's3', bucketName: 'media', region: 'eu-west-1', ...keys })
    expect(aws.bucketUrl()).toBe('https://media.s3.eu-west-1.amazonaws.com')
    expect(await aws.client.config.requestChecksumCalculation()).toBe('WHEN_SUPPORTED')
    expect(backendProfile('s3').deleteObjectsMd5).toBe(false)
    expect(await codeOf(() => backendProfile('local'))).toBe('UnknownBackend')
  })

  it('rejects unsafe endpoints and too-small parts before any request', async () => {
    expect(await codeOf(() => checkEndpoint('http://minio.internal:9000'))).toBe('InvalidConfig')
    expect(checkEndpoint('http://minio.internal:9000/', { allowHttp: true })).toBe(
      'http://minio.internal:9000',
    )
    for (const bad of [
      'https://user:pw@s3.example.com',
      'https://169.254.169.254',
      'https://s3.example.com/prefix',
      'ftp://s3.example.com',
      'not a url',
    ]) {
      expect(await codeOf(() => checkEndpoint(bad)), bad).toBe('InvalidConfig')
    }
    expect(
      await codeOf(() =>
        create({ backend: 's3', bucketName: 'media', partSize: 1024 * 1024, ...keys }),
      ),
    ).toBe('InvalidArgument')
    expect(
      await codeOf(() => create({ backend: 's3', bucketName: 'media', region: 'us-east-1.evil' })),
    ).toBe('InvalidRegion')
  })
})

describe('presigning (offline)', () => {
  it('reproduces the S3 documentation presigned GET vector', async () => {
    const doc = JSON.parse(readFileSync(join(vectorsDir(), 's3-doc-examples.json'), 'utf8'))
    const vector = doc.cases.find((c: { name: string }) => c.name === 'presigned-get-object')
    const storage = create({
      backend: 's3',
      bucketName: 'examplebucket',
      region: vector.region,
      endpoint: 'https://s3.amazonaws.com',
      accessKeyId: doc.credentials.accessKeyId,
      accessKeySecret: doc.credentials.secretAccessKey,
      now: () => Date.UTC(2013, 4, 24),
    })
    const url = new URL(await storage.getFileUrl('test.txt', { expiresIn: vector.expiresSeconds }))
    expect(`${url.origin}${url.pathname}`).toBe(`https://${vector.host}${vector.path}`)
    expect(url.search.slice(1).replace(/&X-Amz-Signature=.*$/, '')).toBe(vector.canonicalQuery)
    expect(url.searchParams.get('X-Amz-Signature')).toBe(vector.signature)
  })

  it('caps the lifetime at 7 days and at the credentials expiry; refuses after it', async () => {
    let now = Date.UTC(2026, 0, 1)
    const storage = create({
      backend: 'minio',
      bucketName: 'media',
      endpoint: 'https://minio.example.com',
      ...keys,
      sessionToken: 'session-token-abcdef',
      credentialsExpiration: new Date(now + 900_000),
      now: () => now,
    })
    const url = new URL(await storage.getFileUrl('a.txt', { expiresIn: 3600 }))
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900')
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session-token-abcdef')
    expect(await codeOf(() => storage.getFileUrl('a.txt', { expiresIn: 604_801 }))).toBe(
      'InvalidArgument',
    )
    now += 900_000
    expect(await codeOf(() => storage.getFileUrl('a.txt'))).toBe('ExpiredToken')
    expect(await codeOf(() => storage.getUploadUrl('a.txt'))).toBe('ExpiredToken')
  })

  it('upload URLs sign the content type and carry no checksum parameters', async () => {
    const storage = create({ backend: 's3', bucketName: 'media', ...keys })
    const req = await storage.getUploadUrl('up/file.png', { contentType: 'image/png' })
    const url = new URL(req.url)
    expect(req).toMatchObject({ method: 'PUT', headers: { 'content-type': 'image/png' } })
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host')
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([])
    const get = new URL(
      await storage.getFileUrl('up/file.png', {
        responseContentDisposition: 'attachment; filename="x y.png"',
        responseContentType: 'image/png',
      }),
    )
    expect(get.searchParams.get('response-content-disposition')).toBe(
      'attachment; filename="x y.png"',
    )
    expect(get.search).not.toContain('+')
  })

  it('presigned POST carries the size, type and key-prefix conditions', async () => {
    const storage = create({
      backend: 's3',
      bucketName: 'media',
      ...keys,
      now: () => Date.UTC(2026, 0, 1),
    })
    const post = await storage.createPresignedPost(`user/42/${FILENAME}`, {
      maxSize: 5_000_000,
      contentTypePrefix: 'image/',
      expiresIn: 600,
    })
    expect(post.url).toBe('https://media.s3.us-east-1.amazonaws.com/')
    const policy = JSON.parse(
      Buffer.from(post.fields.Policy ?? post.fields.policy ?? '', 'base64').toString(),
    )
    expect(policy.expiration).toBe('2026-01-01T00:10:00.000Z')
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 0, 5_000_000],
        ['starts-with', '$key', 'user/42/'],
        ['starts-with', '$Content-Type', 'image/'],
      ]),
    )
  })
})

describe('STS credentials', () => {
  const base = {
    accessKeyId: 'ASIATEMP',
    secretAccessKey: 'tmp-secret-value-987654',
    sessionToken: 'tmp-session-token-value-123456',
    expiration: new Date(Date.now() + 900_000),
  }

  it('maps each provider to its backend', () => {
    expect(backendForCredentials({ provider: 'tencent', endpoint: '' })).toBe('cos')
    expect(backendForCredentials({ provider: 'aliyun', endpoint: '' })).toBe('oss')
    expect(
      backendForCredentials({ provider: 'aws', endpoint: 'https://s3.us-west-2.amazonaws.com' }),
    ).toBe('s3')
    expect(backendForCredentials({ provider: 'aws', endpoint: 'http://127.0.0.1:9000' })).toBe(
      'minio',
    )
    expect(() => backendForCredentials({ provider: 'gcp', endpoint: '' })).toThrow(
      expect.objectContaining({ code: 'UnknownProvider' }),
    )
  })

  it('builds a COS storage from Tencent credentials, also through StorageFactory', () => {
    const creds = {
      ...base,
      region: 'ap-guangzhou',
      endpoint: 'cos.ap-guangzhou.myqcloud.com',
      bucket: 'my-bucket-1250000000',
      provider: 'tencent',
    }
    const direct = fromSTSCredentials(creds)
    made.push(direct)
    expect(direct).toMatchObject({
      backend: 'cos',
      endpoint: 'https://cos.ap-guangzhou.myqcloud.com',
    })
    const viaFactory = StorageFactory.fromSTSCredentials(creds) as S3Storage
    made.push(viaFactory)
    expect(viaFactory).toBeInstanceOf(S3Storage)
    expect(viaFactory.bucket).toBe('my-bucket-1250000000')
    const aws = fromSTSCredentials({
      ...base,
      region: 'us-west-2',
      endpoint: 'https://s3.us-west-2.amazonaws.com',
      bucket: 'photos',
      provider: 'aws',
    })
    made.push(aws)
    expect(aws.backend).toBe('s3')
    expect(aws.bucketUrl()).toBe('https://photos.s3.us-west-2.amazonaws.com')
    expect(StorageFactory.has('minio') && StorageFactory.has('r2')).toBe(true)
    const created = StorageFactory.create('cos', {
      bucketName: 'my-bucket-1250000000',
      region: 'ap-guangzhou',
      accessKeyId: 'AKIDEXAMPLE',
      accessKeySecret: 'secret-value-1234567890',
    }) as S3Storage
    made.push(created)
    expect(created).toBeInstanceOf(S3Storage)
    expect(created.endpoint).toBe('https://cos.ap-guangzhou.myqcloud.com')
  })

  it('never shows the secret or the session token', () => {
    const storage = fromSTSCredentials({
      ...base,
      region: 'cn-hangzhou',
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
      bucket: 'photos',
      provider: 'aliyun',
    })
    made.push(storage)
    const views = [
      inspect(storage, { depth: 10 }),
      JSON.stringify(storage),
      String(storage),
      JSON.stringify(storage.config),
    ]
    for (const view of views) {
      expect(view).not.toContain(base.secretAccessKey)
      expect(view).not.toContain(base.sessionToken)
    }
    expect(storage.config).toMatchObject({ backend: 'oss', accessKeyId: 'ASIATEMP' })
  })
})

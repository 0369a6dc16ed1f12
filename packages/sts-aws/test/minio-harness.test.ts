import { existsSync } from 'node:fs'
import {
  describeMinio,
  MINIO_VERSION,
  type MinioServer,
  minioBinary,
  s3Client,
  startMinio,
} from '@aury/testkit/minio'
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

describeMinio('MinIO harness (testkit/minio)', () => {
  let minio: MinioServer
  beforeAll(async () => {
    minio = await startMinio({
      buckets: ['harness-a', 'harness-b'],
      users: [
        {
          accessKey: 'uploader',
          secretKey: 'uploader-secret-1',
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['s3:PutObject', 's3:GetObject'],
                Resource: ['arn:aws:s3:::harness-a/*'],
              },
            ],
          },
        },
      ],
    })
  })
  afterAll(async () => {
    await minio?.stop()
  })

  it('listens on 127.0.0.1 and creates the buckets', async () => {
    expect(minio.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const s3 = s3Client(minio)
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'harness-a' }))).resolves.toBeDefined()
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'harness-b' }))).resolves.toBeDefined()
    s3.destroy()
  })

  it('creates a regular user whose identity policy is enforced', async () => {
    const s3 = s3Client(minio, { accessKeyId: 'uploader', secretAccessKey: 'uploader-secret-1' })
    await s3.send(new PutObjectCommand({ Bucket: 'harness-a', Key: 'x.txt', Body: 'x' }))
    const got = await s3.send(new GetObjectCommand({ Bucket: 'harness-a', Key: 'x.txt' }))
    expect(await got.Body?.transformToString()).toBe('x')
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'harness-b', Key: 'x.txt', Body: 'x' })),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })
    s3.destroy()
  })

  it('rejects a wrong secret (real signature checks)', async () => {
    const s3 = s3Client(minio, { accessKeyId: 'uploader', secretAccessKey: 'wrong-secret-1' })
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'harness-a', Key: 'y.txt', Body: 'y' })),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' })
    s3.destroy()
  })

  it('answers CORS preflights for any origin without configuration', async () => {
    const res = await fetch(`${minio.endpoint}/harness-a/some/key.txt`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://example.test:5173',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type,x-amz-date',
      },
    })
    expect(res.status).toBeLessThan(300)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://example.test:5173')
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT')
  })

  it('stop() kills the server and removes its data directory', async () => {
    const other = await startMinio({})
    expect(existsSync(other.dataDir)).toBe(true)
    await other.stop()
    expect(existsSync(other.dataDir)).toBe(false)
    await expect(fetch(`${other.endpoint}/minio/health/live`)).rejects.toThrow()
  })
})

describe('minioBinary()', () => {
  it('honours AURY_MINIO_BIN (missing file: unavailable) and pins the version', () => {
    const saved = process.env.AURY_MINIO_BIN
    try {
      process.env.AURY_MINIO_BIN = '/nonexistent/minio'
      expect(minioBinary()).toBeUndefined()
      process.env.AURY_MINIO_BIN = process.execPath
      expect(minioBinary()).toBe(process.execPath)
    } finally {
      if (saved === undefined) delete process.env.AURY_MINIO_BIN
      else process.env.AURY_MINIO_BIN = saved
    }
    expect(MINIO_VERSION).toBe('v0.0.0-20260212201848-7aac2a2c5b7c')
  })
})

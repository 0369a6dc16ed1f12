import { StorageFactory } from '@aury/storage-core'
import { AwsSTSProvider } from '@aury/sts-aws'
import { describeMinio, type MinioServer, startMinio } from '@aury/testkit/minio'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { fromSTSCredentials, S3Storage } from '../src/index'
import { bytes, MiB, sha256 } from './helpers/data'

const BUCKET = 'uploads'
const CALLER = { accessKey: 'sts-caller', secretKey: 'sts-caller-secret-1' }

describeMinio('STS round trip: AwsSTSProvider (MinIO AssumeRole) -> fromSTSCredentials', () => {
  let minio: MinioServer
  let provider: AwsSTSProvider
  const made: S3Storage[] = []

  beforeAll(async () => {
    minio = await startMinio({
      buckets: [BUCKET],
      users: [
        {
          ...CALLER,
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['s3:*'],
                Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
              },
            ],
          },
        },
      ],
    })
    provider = new AwsSTSProvider({
      accessKeyId: CALLER.accessKey,
      secretAccessKey: CALLER.secretKey,
      region: minio.region,
      endpoint: minio.endpoint,
      flavor: 'minio',
    })
  })
  afterAll(async () => {
    for (const s of made) s.destroy()
    await minio?.stop()
  })

  it('ALL on user/12/: writes and reads inside, typed 403 outside', async () => {
    const creds = await provider.getCredentials({
      bucket: BUCKET,
      region: minio.region,
      allowPath: 'user/12/',
      actionType: 'all',
    })
    const storage = fromSTSCredentials(creds, { allowHttp: true, partSize: 5 * MiB })
    made.push(storage)
    expect(storage).toBeInstanceOf(S3Storage)
    expect(storage.backend).toBe('minio')
    expect(storage.pathStyle).toBe(true)

    const small = bytes(1000)
    await storage.uploadFile({ objectName: 'user/12/a.bin', data: small, metadata: { user: '12' } })
    expect(sha256(await storage.downloadFile('user/12/a.bin'))).toBe(sha256(small))
    expect((await storage.stat('user/12/a.bin')).metadata).toEqual({ user: '12' })
    const large = bytes(11 * MiB)
    const result = await storage.uploadFile({ objectName: 'user/12/large.bin', data: large })
    expect(result.size).toBe(large.length)
    expect(sha256(await storage.downloadFile('user/12/large.bin'))).toBe(sha256(large))

    for (const key of ['user/123/a.bin', 'user/1/a.bin', 'other/a.bin', 'a.bin']) {
      const error = await storage.uploadFile({ objectName: key, data: 'x' }).catch((e) => e)
      expect(error, key).toMatchObject({
        name: 'StorageBackendError',
        code: 'AccessDenied',
        httpStatus: 403,
        provider: 'minio',
      })
      expect(JSON.stringify(error)).not.toContain(creds.secretAccessKey)
      expect(JSON.stringify(error)).not.toContain(creds.sessionToken)
    }
    const big = await storage
      .uploadFile({ objectName: 'user/123/big.bin', data: bytes(11 * MiB) })
      .catch((e) => e)
    expect(big).toMatchObject({ code: 'AccessDenied', httpStatus: 403 })

    // Presigned URLs carry the session token and die with the session.
    const url = await storage.getFileUrl('user/12/a.bin', { expiresIn: 604_800 })
    const parsed = new URL(url)
    expect(parsed.searchParams.get('X-Amz-Security-Token')).toBe(creds.sessionToken)
    const expires = Number(parsed.searchParams.get('X-Amz-Expires'))
    expect(expires).toBeLessThanOrEqual(Math.ceil((creds.expiration.getTime() - Date.now()) / 1000))
    expect(expires).toBeGreaterThan(0)
    const ok = await fetch(url)
    expect(ok.status).toBe(200)
    expect(sha256(new Uint8Array(await ok.arrayBuffer()))).toBe(sha256(small))
  })

  it('WRITE-only credentials through StorageFactory: upload works, reading is AccessDenied', async () => {
    const creds = await provider.getCredentials({
      bucket: BUCKET,
      region: minio.region,
      allowPath: 'user/77/',
      actionType: 'write',
    })
    const storage = StorageFactory.fromSTSCredentials(creds, { allowHttp: true }) as S3Storage
    made.push(storage)
    const up = await storage.getUploadUrl('user/77/put.txt', { contentType: 'text/plain' })
    const put = await fetch(up.url, { method: 'PUT', headers: up.headers, body: 'presigned' })
    expect(put.status).toBe(200)
    await storage.uploadFile({ objectName: 'user/77/a.txt', data: 'written' })
    expect(await storage.downloadFile('user/77/a.txt').catch((e) => e.code)).toBe('AccessDenied')
    expect(
      await storage.uploadFile({ objectName: 'user/78/a.txt', data: 'x' }).catch((e) => e.code),
    ).toBe('AccessDenied')
  })
})

import type { STSError } from '@aury/errors'
import type { STSCredentials } from '@aury/sts-core'
import { describeMinio, type MinioServer, s3Client, startMinio } from '@aury/testkit/minio'
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AwsSTSProvider } from '../src/index'

const BUCKET = 'uploads'
const OTHER_BUCKET = 'private-bucket'
const CALLER = { accessKey: 'sts-caller', secretKey: 'sts-caller-secret-1' }

type Outcome = 'ok' | 403 | number | string

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run()
    return 'ok'
  } catch (error) {
    const e = error as { $metadata?: { httpStatusCode?: number }; name?: string }
    return e.$metadata?.httpStatusCode ?? e.name ?? 'error'
  }
}

describeMinio('AwsSTSProvider against MinIO AssumeRole (session policies enforced)', () => {
  let minio: MinioServer
  let provider: AwsSTSProvider
  const clients: S3Client[] = []
  const clientFor = (c: STSCredentials, extra: { systemClockOffset?: number } = {}) => {
    const client = s3Client(minio, {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
    })
    if (extra.systemClockOffset) client.config.systemClockOffset = extra.systemClockOffset
    clients.push(client)
    return client
  }
  const put = (s3: S3Client, key: string, bucket = BUCKET) =>
    outcome(() =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `body of ${key}` })),
    )
  const get = (s3: S3Client, key: string) =>
    outcome(async () => {
      const res = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
      expect(await res.Body?.transformToString()).toBe(`body of ${key}`)
    })
  const list = (s3: S3Client, prefix?: string) =>
    outcome(() => s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix })))

  beforeAll(async () => {
    minio = await startMinio({
      buckets: [BUCKET, OTHER_BUCKET],
      users: [
        {
          ...CALLER,
          // The caller may do anything in `uploads` but nothing in `private-bucket`: session
          // credentials get the intersection with the session policy.
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
    const root = s3Client(minio)
    clients.push(root)
    for (const key of ['user/12/seed.txt', 'user/123/a.txt', 'user/1/a.txt', 'other/a.txt']) {
      expect(await put(root, key)).toBe('ok')
    }
    provider = new AwsSTSProvider({
      accessKeyId: CALLER.accessKey,
      secretAccessKey: CALLER.secretKey,
      region: minio.region,
      endpoint: minio.endpoint,
      flavor: 'minio',
    })
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await minio?.stop()
  })

  it('WRITE on user/12/: writes inside only; no read, no list, no bucket root', async () => {
    const creds = await provider.getCredentials({
      bucket: BUCKET,
      region: minio.region,
      allowPath: 'user/12/',
      actionType: 'write',
    })
    expect(creds.endpoint).toBe(minio.endpoint)
    const s3 = clientFor(creds)
    const row = {
      'put user/12/a.txt': await put(s3, 'user/12/a.txt'),
      'put user/12/deep/b.txt': await put(s3, 'user/12/deep/b.txt'),
      'put user/123/a.txt': await put(s3, 'user/123/a.txt'),
      'put user/1/a.txt': await put(s3, 'user/1/a.txt'),
      'put other/a.txt': await put(s3, 'other/a.txt'),
      'put a.txt (bucket root)': await put(s3, 'a.txt'),
      'get user/12/seed.txt': await get(s3, 'user/12/seed.txt'),
      'list bucket root': await list(s3),
      'list user/12/': await list(s3, 'user/12/'),
    }
    expect(row).toEqual({
      'put user/12/a.txt': 'ok',
      'put user/12/deep/b.txt': 'ok',
      'put user/123/a.txt': 403,
      'put user/1/a.txt': 403,
      'put other/a.txt': 403,
      'put a.txt (bucket root)': 403,
      'get user/12/seed.txt': 403,
      'list bucket root': 403,
      'list user/12/': 403,
    })
  })

  it('WRITE covers multipart upload inside the prefix (initiate, part, complete, abort)', async () => {
    const creds = await provider.getCredentials({
      bucket: BUCKET,
      region: minio.region,
      allowPath: 'user/12/',
    })
    const s3 = clientFor(creds)
    const key = 'user/12/multi.bin'
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }),
    )
    const part = await s3.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: 'part-1' }),
    )
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    )
    const second = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }))
    await s3.send(
      new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: second.UploadId }),
    )
    expect(
      await outcome(() =>
        s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'user/123/multi.bin' })),
      ),
    ).toBe(403)
  })

  it('READ on user/12/: reads inside only, cannot write anywhere', async () => {
    const creds = await provider.getCredentials({
      bucket: BUCKET,
      region: minio.region,
      allowPath: 'user/12/',
      actionType: 'read',
    })
    const s3 = clientFor(creds)
    expect({
      'get user/12/seed.txt': await get(s3, 'user/12/seed.txt'),
      'get user/123/a.txt': await get(s3, 'user/123/a.txt'),
      'get user/1/a.txt': await get(s3, 'user/1/a.txt'),
      'get other/a.txt': await get(s3, 'other/a.txt'),
      'put user/12/c.txt': await put(s3, 'user/12/c.txt'),
      'put other/c.txt': await put(s3, 'other/c.txt'),
    }).toEqual({
      'get user/12/seed.txt': 'ok',
      'get user/123/a.txt': 403,
      'get user/1/a.txt': 403,
      'get other/a.txt': 403,
      'put user/12/c.txt': 403,
      'put other/c.txt': 403,
    })
  })

  it('ALL on user/12/: reads and writes inside only', async () => {
    const creds = await provider.getCredentials({
      bucket: BUCKET,
      region: minio.region,
      allowPath: 'user/12/',
      actionType: 'all',
    })
    const s3 = clientFor(creds)
    expect({
      'put user/12/d.txt': await put(s3, 'user/12/d.txt'),
      'get user/12/d.txt': await get(s3, 'user/12/d.txt'),
      'put user/123/d.txt': await put(s3, 'user/123/d.txt'),
      'get user/123/a.txt': await get(s3, 'user/123/a.txt'),
      'put other/d.txt': await put(s3, 'other/d.txt'),
      'get other/a.txt': await get(s3, 'other/a.txt'),
      'put d.txt (bucket root)': await put(s3, 'd.txt'),
    }).toEqual({
      'put user/12/d.txt': 'ok',
      'get user/12/d.txt': 'ok',
      'put user/123/d.txt': 403,
      'get user/123/a.txt': 403,
      'put other/d.txt': 403,
      'get other/a.txt': 403,
      'put d.txt (bucket root)': 403,
    })
  })

  it('the session policy only narrows: the whole of a bucket the caller cannot use stays closed', async () => {
    const creds = await provider.getCredentials({
      bucket: OTHER_BUCKET,
      region: minio.region,
      actionType: 'all',
    })
    expect(await put(clientFor(creds), 'x.txt', OTHER_BUCKET)).toBe(403)
  })

  it('MinIO accepts durations up to 604800 s and the expiration matches its token', async () => {
    const before = Date.now()
    const creds = await provider.getCredentials({
      bucket: BUCKET,
      region: minio.region,
      allowPath: 'user/12/',
      durationSeconds: 604_800,
    })
    const after = Date.now()
    expect(creds.expiration.getTime()).toBeGreaterThan(before + 604_800_000 - 1000)
    expect(creds.expiration.getTime()).toBeLessThanOrEqual(after + 604_800_000)
    // MinIO's session token is a JWT whose `exp` claim is the server-side expiry.
    const claims = JSON.parse(
      Buffer.from(creds.sessionToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { exp: number }
    expect(claims.exp * 1000).toBe(creds.expiration.getTime())
    expect(await put(clientFor(creds), 'user/12/long.txt')).toBe('ok')
  })

  it('credentials that cannot be current are refused: tampered token, request dated 16 min ahead', async () => {
    const creds = await provider.getCredentials({
      bucket: BUCKET,
      region: minio.region,
      allowPath: 'user/12/',
    })
    const tampered = { ...creds, sessionToken: `${creds.sessionToken.slice(0, -4)}AAAA` }
    expect(await put(clientFor(tampered as STSCredentials), 'user/12/t.txt')).toBe(403)
    const future = clientFor(creds, { systemClockOffset: 16 * 60_000 })
    expect(await put(future, 'user/12/t.txt')).toBe(403)
    expect(await put(clientFor(creds), 'user/12/t.txt')).toBe('ok')
  })

  it('a wrong caller secret is refused by MinIO STS (AccessDenied 403), nothing issued', async () => {
    const bad = new AwsSTSProvider({
      accessKeyId: CALLER.accessKey,
      secretAccessKey: 'not-the-secret',
      region: minio.region,
      endpoint: minio.endpoint,
      flavor: 'minio',
    })
    const error = (await bad
      .getCredentials({ bucket: BUCKET, region: minio.region })
      .catch((e: unknown) => e)) as STSError
    // MinIO's STS API answers a bad signature with AccessDenied (AWS says SignatureDoesNotMatch).
    expect(error.code).toBe('AccessDenied')
    expect(error.httpStatus).toBe(403)
    expect(error.requestId).toBeTruthy()
  })
})

const waitForExpiry = process.env.AURY_MINIO_EXPIRY_WAIT === '1'
describe.skipIf(!waitForExpiry)(
  'MinIO refuses credentials after their real expiry (15+ min wait' +
    (waitForExpiry
      ? ')'
      : '; skipped here: npm test runs it in the background with AURY_MINIO_EXPIRY_WAIT=1)'),
  () => {
    it('works before expiration, 403 after', { timeout: 1_000_000 }, async () => {
      const minio = await startMinio({ buckets: [BUCKET] })
      try {
        const provider = new AwsSTSProvider({
          accessKeyId: minio.rootUser,
          secretAccessKey: minio.rootPassword,
          region: minio.region,
          endpoint: minio.endpoint,
          flavor: 'minio',
        })
        const creds = await provider.getCredentials({
          bucket: BUCKET,
          region: minio.region,
          allowPath: 'user/12/',
          durationSeconds: 900,
        })
        const s3 = s3Client(minio, creds)
        const put = (key: string) =>
          outcome(() => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x' })))
        expect(await put('user/12/before.txt')).toBe('ok')
        const wait = creds.expiration.getTime() - Date.now() + 5_000
        await new Promise((r) => setTimeout(r, wait))
        expect(await put('user/12/after.txt')).toBe(403)
        s3.destroy()
      } finally {
        await minio.stop()
      }
    })
  },
)

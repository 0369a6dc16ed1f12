import { createHash, randomBytes } from 'node:crypto'
import { type S3rverHandle, startS3rver } from '@aury/testkit/s3rver'
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Regression tests for patches/s3rver@3.7.1.patch (toolchain.md §5, plus atomic object writes).
describe('patched s3rver 3.7.1', () => {
  let server: S3rverHandle
  let client: S3Client
  const Bucket = 'patch-bucket'

  beforeAll(async () => {
    server = await startS3rver({ buckets: [Bucket] })
    client = new S3Client({
      endpoint: server.endpoint,
      region: server.region,
      forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  })
  afterAll(async () => {
    client?.destroy()
    await server?.stop()
  })

  it('paginates ListObjectsV2: 12 keys with MaxKeys 5 give 3 pages (AES tokens)', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `page/k${String(i).padStart(2, '0')}`)
    for (const Key of keys) {
      await client.send(new PutObjectCommand({ Bucket, Key, Body: Key }))
    }
    const pages: string[][] = []
    let ContinuationToken: string | undefined
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket, Prefix: 'page/', MaxKeys: 5, ContinuationToken }),
      )
      pages.push((page.Contents ?? []).map((o) => o.Key ?? ''))
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (ContinuationToken)
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2])
    expect(pages.flat()).toEqual(keys)
  })

  it('answers a suffix range with the last N bytes', async () => {
    await client.send(new PutObjectCommand({ Bucket, Key: 'range.txt', Body: 'abcdef' }))
    const res = await client.send(
      new GetObjectCommand({ Bucket, Key: 'range.txt', Range: 'bytes=-2' }),
    )
    expect(res.ContentRange).toBe('bytes 4-5/6')
    expect(await res.Body?.transformToString()).toBe('ef')
  })

  it('clamps a suffix longer than the object to the whole object', async () => {
    const res = await client.send(
      new GetObjectCommand({ Bucket, Key: 'range.txt', Range: 'bytes=-100' }),
    )
    expect(res.ContentRange).toBe('bytes 0-5/6')
    expect(await res.Body?.transformToString()).toBe('abcdef')
  })

  it('still serves bounded ranges', async () => {
    const res = await client.send(
      new GetObjectCommand({ Bucket, Key: 'range.txt', Range: 'bytes=1-3' }),
    )
    expect(res.ContentRange).toBe('bytes 1-3/6')
    expect(await res.Body?.transformToString()).toBe('bcd')
  })

  it('answers a PUT once the object is whole on disk; concurrent PUTs leave one version', async () => {
    const Key = 'race/one.bin'
    const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
    for (let round = 0; round < 8; round++) {
      const bodies = Array.from({ length: 6 }, () => randomBytes(512 * 1024))
      await Promise.all(
        bodies.map((Body) => client.send(new PutObjectCommand({ Bucket, Key, Body }))),
      )
      const res = await client.send(new GetObjectCommand({ Bucket, Key }))
      const got = await res.Body!.transformToByteArray()
      expect(got.byteLength).toBe(512 * 1024)
      expect(bodies.map(hash)).toContain(hash(got))
    }
    const listed = await client.send(new ListObjectsV2Command({ Bucket, Prefix: 'race/' }))
    expect(listed.Contents?.map((c) => c.Key)).toEqual([Key])
  })
})

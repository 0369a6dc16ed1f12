import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { vectorsDir } from '@aury/testkit'
import { describe, expect, it } from 'vitest'
import { minimalPresign } from '../src/floor/minimal-presign'
import { minimalTC3 } from '../src/floor/minimal-tc3'

// The floors are what every ratio is measured against, so they must be correct signers: each is
// checked against the clouds' published examples.
describe('benchmark floors', () => {
  it('minimal presign reproduces the S3 documentation presigned GET', () => {
    const doc = JSON.parse(readFileSync(join(vectorsDir(), 's3-doc-examples.json'), 'utf8'))
    const c = doc.cases.find((x: { name: string }) => x.name === 'presigned-get-object')
    const url = minimalPresign({
      host: c.host,
      key: c.path.slice(1),
      ...doc.credentials,
      region: c.region,
      service: c.service,
      expiresIn: c.expiresSeconds,
      date: new Date('2013-05-24T00:00:00Z'),
    })
    const [, query] = url.split('?') as [string, string]
    expect(query).toBe(`${c.canonicalQuery}&X-Amz-Signature=${c.signature}`)
    expect(url.startsWith(`https://${c.host}${c.path}?`)).toBe(true)
  })

  it('minimal presign keeps its signing-key cache per day', () => {
    const base = {
      host: 'b.s3.amazonaws.com',
      key: 'k',
      accessKeyId: 'AKID',
      secretAccessKey: 'secret',
      region: 'us-east-1',
      expiresIn: 60,
    }
    const day1 = minimalPresign({ ...base, date: new Date('2026-01-01T23:59:59Z') })
    const day2 = minimalPresign({ ...base, date: new Date('2026-01-02T00:00:00Z') })
    const again = minimalPresign({ ...base, date: new Date('2026-01-01T23:59:59Z') })
    expect(again).toBe(day1)
    expect(new URL(day2).searchParams.get('X-Amz-Credential')).toBe(
      'AKID/20260102/us-east-1/s3/aws4_request',
    )
  })

  it('minimal TC3 reproduces the Tencent documentation example', () => {
    const doc = JSON.parse(readFileSync(join(vectorsDir(), 'tencent-tc3.json'), 'utf8'))
    const c = doc.cases[0]
    expect(
      minimalTC3({
        host: c.host,
        service: c.service,
        secretId: c.secretId,
        secretKey: c.secretKey,
        timestamp: c.timestamp,
        contentType: c.contentType,
        body: c.payload,
      }),
    ).toBe(c.authorization)
  })
})

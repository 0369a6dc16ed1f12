import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { acs3Sign } from '@aury/testkit/fake-aliyun-sts'
import { vectorsDir } from '@aury/testkit/vectors'
import { describe, expect, it } from 'vitest'

interface Acs3Case {
  name: string
  algorithm: string
  method: string
  path: string
  accessKeySecret: string
  query: Record<string, string>
  headers: Record<string, string>
  hashedCanonicalRequest: string
  signature: string
}

describe("the fake Aliyun STS's own ACS3 verifier", () => {
  it('reproduces the documented V3 example byte for byte', () => {
    const file = JSON.parse(readFileSync(join(vectorsDir(), 'aliyun-signatures.json'), 'utf8')) as {
      cases: Acs3Case[]
    }
    const vector = file.cases.find((c) => c.algorithm === 'ACS3-HMAC-SHA256')
    expect(vector).toBeDefined()
    const v = vector as Acs3Case
    const computed = acs3Sign({
      method: v.method,
      path: v.path,
      query: v.query,
      headers: v.headers,
      signedHeaders: Object.keys(v.headers),
      payloadHash: v.headers['x-acs-content-sha256'] ?? '',
      secret: v.accessKeySecret,
    })
    expect(computed.hashedCanonicalRequest).toBe(v.hashedCanonicalRequest)
    expect(computed.signature).toBe(v.signature)
  })
})

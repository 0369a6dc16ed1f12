import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { vectorsDir } from '@aury/testkit/vectors'
import { describe, expect, it } from 'vitest'
import { implementations } from './implementations'

interface TC3Case {
  name: string
  secretId: string
  secretKey: string
  timestamp: number
  date: string
  service: string
  host: string
  method: string
  path: string
  query: string
  contentType: string
  signedHeaders: string
  payload: string
  hashedPayload: string
  canonicalRequest: string
  hashedCanonicalRequest: string
  credentialScope: string
  signature: string
  authorization: string
}

const file = JSON.parse(readFileSync(join(vectorsDir(), 'tencent-tc3.json'), 'utf8')) as {
  cases: TC3Case[]
}

describe.each(implementations)('TC3 published vector ($name)', ({ api }) => {
  it('has at least one case', () => {
    expect(file.cases.length).toBeGreaterThan(0)
  })

  for (const v of file.cases) {
    it(`${v.name}: every intermediate value`, async () => {
      const url = `https://${v.host}${v.path}${v.query ? `?${v.query}` : ''}`
      const r = await api.signTC3Detailed(
        { method: v.method, url, headers: { 'Content-Type': v.contentType }, body: v.payload },
        {
          secretId: v.secretId,
          secretKey: v.secretKey,
          service: v.service,
          timestamp: v.timestamp,
        },
      )
      expect(r.payloadHash).toBe(v.hashedPayload)
      expect(await api.sha256Hex(v.payload)).toBe(v.hashedPayload)
      expect(r.signedHeaders).toBe(v.signedHeaders)
      expect(r.canonicalRequest).toBe(v.canonicalRequest)
      expect(await api.sha256Hex(r.canonicalRequest)).toBe(v.hashedCanonicalRequest)
      expect(r.credentialScope).toBe(v.credentialScope)
      expect(api.tc3Date(v.timestamp)).toBe(v.date)
      expect(r.stringToSign).toBe(
        `TC3-HMAC-SHA256\n${v.timestamp}\n${v.credentialScope}\n${v.hashedCanonicalRequest}`,
      )
      expect(r.signature).toBe(v.signature)
      expect(r.headers.Authorization).toBe(v.authorization)
      expect(r.headers['X-TC-Timestamp']).toBe(String(v.timestamp))
      expect(r.headers.Host).toBe(v.host)
      expect(r.headers['Content-Type']).toBe(v.contentType)
      const headers = await api.signTC3(
        { method: v.method, url, headers: { 'Content-Type': v.contentType }, body: v.payload },
        {
          secretId: v.secretId,
          secretKey: v.secretKey,
          service: v.service,
          timestamp: v.timestamp,
        },
      )
      expect(headers).toEqual(r.headers)
    })
  }

  it('signs every given header, lower-casing values (x-tc-action variant)', async () => {
    const v = file.cases[0]!
    const r = await api.signTC3Detailed(
      {
        method: 'POST',
        url: `https://${v.host}/`,
        headers: { 'Content-Type': v.contentType, 'X-TC-Action': 'DescribeInstances' },
        body: v.payload,
      },
      { secretId: v.secretId, secretKey: v.secretKey, service: v.service, timestamp: v.timestamp },
    )
    expect(r.signedHeaders).toBe('content-type;host;x-tc-action')
    expect(r.canonicalRequest).toContain('\nx-tc-action:describeinstances\n')
    expect(r.signature).not.toBe(v.signature)
    expect(r.headers['X-TC-Action']).toBe('DescribeInstances')
  })

  it('uses the UTC date: 23:59:59 and 00:00:00 UTC fall on different days', async () => {
    const base = { method: 'POST', url: 'https://sts.tencentcloudapi.com/', body: '{}' }
    const opts = { secretId: 'id', secretKey: 'key', service: 'sts' }
    const before = await api.signTC3Detailed(base, { ...opts, timestamp: 1551139199 })
    const after = await api.signTC3Detailed(base, { ...opts, timestamp: 1551139200 })
    expect(before.credentialScope).toBe('2019-02-25/sts/tc3_request')
    expect(after.credentialScope).toBe('2019-02-26/sts/tc3_request')
  })

  it('adds X-TC-Token unsigned and keeps given X-TC-Timestamp', async () => {
    const r = await api.signTC3Detailed(
      {
        method: 'POST',
        url: 'https://sts.tencentcloudapi.com/',
        headers: { 'X-TC-Timestamp': '1551113065' },
        body: '{}',
      },
      {
        secretId: 'id',
        secretKey: 'key',
        service: 'sts',
        timestamp: 1551113065,
        sessionToken: 'tok',
      },
    )
    expect(r.headers['X-TC-Token']).toBe('tok')
    expect(r.signedHeaders).toBe('host;x-tc-timestamp')
    expect(r.canonicalRequest).not.toContain('tok')
  })
})

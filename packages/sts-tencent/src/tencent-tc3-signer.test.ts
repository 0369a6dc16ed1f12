import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { vectorsDir } from '@aury/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TencentTC3Signer } from './tencent-tc3-signer'

const require = createRequire(import.meta.url)
const { default: OfficialSign } =
  require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js') as {
    default: { sign3(args: Record<string, unknown>): string }
  }

interface Vector {
  secretId: string
  secretKey: string
  timestamp: number
  service: string
  host: string
  payload: string
  authorization: string
}
const vectors: Vector[] = JSON.parse(
  readFileSync(join(vectorsDir(), 'tencent-tc3.json'), 'utf8'),
).cases

describe('TencentTC3Signer', () => {
  it.each(vectors.map((v) => [v.timestamp, v] as const))(
    'reproduces the published vector (%s)',
    async (_t, v) => {
      const signer = new TencentTC3Signer({ secretId: v.secretId, secretKey: v.secretKey })
      const headers = await signer.sign({
        action: 'DescribeInstances',
        payload: v.payload,
        region: 'ap-guangzhou',
        timestamp: v.timestamp,
        host: v.host,
        version: '2017-03-12',
      })
      expect(headers.Authorization).toBe(v.authorization)
      expect(headers).toMatchObject({
        Host: 'cvm.tencentcloudapi.com',
        'Content-Type': 'application/json; charset=utf-8',
        'X-TC-Action': 'DescribeInstances',
        'X-TC-Timestamp': '1551113065',
        'X-TC-Version': '2017-03-12',
        'X-TC-Region': 'ap-guangzhou',
      })
    },
  )

  it('matches the official SDK signer on random inputs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string(), fc.integer())),
        fc.constantFrom('sts.tencentcloudapi.com', 'sts.intl.tencentcloudapi.com', '127.0.0.1'),
        async (secretId, secretKey, timestamp, body, host) => {
          const payload = JSON.stringify(body)
          const ours = await new TencentTC3Signer({ secretId, secretKey, service: 'sts' }).sign({
            action: 'GetFederationToken',
            payload,
            region: 'ap-guangzhou',
            timestamp,
            host,
          })
          const official = OfficialSign.sign3({
            method: 'POST',
            url: `https://${host}/`,
            payload: Buffer.from(payload),
            timestamp,
            service: 'sts',
            secretId,
            secretKey,
            multipart: false,
            boundary: '',
            headers: { 'Content-Type': 'application/json; charset=utf-8' },
          })
          expect(ours.Authorization).toBe(official)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('signs object payloads like their JSON string and adds X-TC-Token for temporary callers', async () => {
    const signer = new TencentTC3Signer({ secretId: 'AKID1', secretKey: 'k', sessionToken: 'tok' })
    const a = await signer.sign({ action: 'A', payload: { x: 1 }, timestamp: 1 })
    const b = await signer.sign({ action: 'A', payload: '{"x":1}', timestamp: 1 })
    expect(a.Authorization).toBe(b.Authorization)
    expect(a['X-TC-Token']).toBe('tok')
    expect(a['X-TC-Region']).toBeUndefined()
  })

  it('never shows the secret key', () => {
    const secretKey = 'very-secret-key-0123456789'
    const signer = new TencentTC3Signer({ secretId: 'AKIDpublic', secretKey })
    const shown = `${inspect(signer, { showHidden: true, depth: 9 })}${JSON.stringify(signer)}${String(signer)}`
    expect(shown).not.toContain(secretKey)
    expect(() => new TencentTC3Signer({ secretId: '', secretKey })).toThrow()
    expect(() => new TencentTC3Signer({ secretId: 'x', secretKey: '' })).toThrow()
  })
})

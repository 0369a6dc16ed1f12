import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as node from '../src/index'
import * as web from '../src/web/index'

// The two builds must be interchangeable: same outputs for the same inputs, bit for bit.
const RUNS = 300
const text = fc.string({ unit: 'grapheme', maxLength: 24 })
const arb = fc.record({
  method: fc.constantFrom('GET', 'PUT', 'POST'),
  path: fc.array(text, { maxLength: 3 }).map((s) => `/${s.map(encodeURIComponent).join('/')}`),
  query: fc.array(fc.tuple(text, text), { maxLength: 3 }),
  header: text,
  body: fc.option(text, { nil: undefined }),
  secret: fc.string({ minLength: 1, maxLength: 40 }),
  token: fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{1,40}$/), { nil: undefined }),
  time: fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2035, 0, 1) }),
  service: fc.constantFrom('s3', 'sts', 'cvm'),
})

describe('node:crypto and WebCrypto builds agree', () => {
  it(`on SigV4, presign, TC3, ACS3, RPC v1 and POST policy for ${RUNS} random inputs`, async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (r) => {
        const q = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        const request = {
          method: r.method,
          url: `https://example.com${r.path}${q.length ? `?${q.join('&')}` : ''}`,
          headers: { 'X-Test': r.header, 'Content-Type': 'application/json' },
          body: r.body,
        }
        const date = new Date(r.time)
        const v4 = {
          accessKeyId: 'AKID',
          secretAccessKey: r.secret,
          sessionToken: r.token,
          region: 'us-east-1',
          service: r.service,
          date,
        }
        expect(await web.signV4Detailed(request, v4)).toEqual(
          await node.signV4Detailed(request, v4),
        )
        const pre = { ...v4, expiresIn: 900 }
        expect(await web.presignV4Detailed(request, pre)).toEqual(
          await node.presignV4Detailed(request, pre),
        )
        const tc3 = {
          secretId: 'AKID',
          secretKey: r.secret,
          service: r.service,
          timestamp: Math.floor(r.time / 1000),
        }
        expect(await web.signTC3Detailed(request, tc3)).toEqual(
          await node.signTC3Detailed(request, tc3),
        )
        const acs3 = { accessKeyId: 'id', accessKeySecret: r.secret, date, nonce: 'n' }
        expect(await web.signACS3Detailed(request, acs3)).toEqual(
          await node.signACS3Detailed(request, acs3),
        )
        const params = Object.fromEntries(r.query)
        const rpc = {
          method: r.method,
          accessKeyId: 'id',
          accessKeySecret: r.secret,
          date,
          nonce: 'n',
        }
        expect(await web.signAliyunRpcV1(params, rpc)).toEqual(
          await node.signAliyunRpcV1(params, rpc),
        )
        const post = {
          url: 'https://b.s3.amazonaws.com/',
          bucket: 'b',
          key: `u/${r.header}`,
          expiresIn: 60,
          accessKeyId: 'AKID',
          secretAccessKey: r.secret,
          sessionToken: r.token,
          region: 'us-east-1',
          date,
        }
        expect(await web.presignPostV4(post)).toEqual(await node.presignPostV4(post))
        const data = r.body ?? ''
        expect(await web.sha256Hex(data)).toBe(await node.sha256Hex(data))
        expect(await web.hmacSha256Hex(r.secret, data)).toBe(
          await node.hmacSha256Hex(r.secret, data),
        )
        expect(await web.hmacSha256(r.secret, data)).toEqual(await node.hmacSha256(r.secret, data))
      }),
      { numRuns: RUNS },
    )
  })

  it('both export the same names', () => {
    expect(Object.keys(web).sort()).toEqual(Object.keys(node).sort())
  })
})

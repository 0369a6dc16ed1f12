import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { uriEncode } from '../src/uri-encode'
import { implementations } from './implementations'

// Differential test against @smithy/signature-v4 (the AWS SDK's signer) on random requests.
const RUNS = 1200

const RESERVED = [...` !"#$%&'()*+,/:;<=>?@[\\]^\`{|}~-._`]
const UNICODE = ['é', 'ü', '中', '文', '日本', '🙂', '😀', 'Ω', '\u00a0', 'ß', 'ﬁ']
const segmentChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcXYZ019'.split('')) },
  { weight: 3, arbitrary: fc.constantFrom(...RESERVED.filter((c) => c !== '/')) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
)
const segment = fc.oneof(
  { weight: 8, arbitrary: fc.array(segmentChar, { maxLength: 8 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('.', '..', '') },
)
const queryText = fc
  .array(fc.oneof(segmentChar, fc.constantFrom('/', '=', '&', '+', ' ')), { maxLength: 6 })
  .map((a) => a.join(''))
const queryKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a', 'A', 'b', 'list-type', 'prefix', 'x-id', '') },
  { weight: 2, arbitrary: queryText },
)
const headerValue = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...'abcXYZ019";,=/:'.split('')) },
      { weight: 3, arbitrary: fc.constantFrom(' ', '  ', '\t', ' \t ') },
    ),
    { maxLength: 12 },
  )
  .map((a) => a.join(''))
const headerName = fc
  .tuple(
    fc.constantFrom('x-test-', 'X-Custom-', 'x-amz-meta-', 'content-', 'if-', 'range'),
    fc.stringMatching(/^[a-z0-9]{0,6}$/),
  )
  .map(([p, s]) => p + s)
const headers = fc
  .uniqueArray(fc.tuple(headerName, headerValue), {
    maxLength: 4,
    selector: ([n]) => n.toLowerCase(),
  })
  .map((pairs) => Object.fromEntries(pairs))

const requestArb = fc.record({
  method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH'),
  host: fc.constantFrom(
    'bucket.s3.amazonaws.com',
    's3.us-west-2.amazonaws.com',
    '127.0.0.1:9000',
    'localhost:4566',
    'iam.amazonaws.com',
  ),
  segments: fc.array(segment, { maxLength: 5 }),
  trailingSlash: fc.boolean(),
  query: fc.array(fc.tuple(queryKey, queryText, fc.boolean()), { maxLength: 5 }),
  headers,
  body: fc.option(fc.string({ unit: 'grapheme', maxLength: 40 }), { nil: undefined }),
  token: fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{1,80}$/), { nil: undefined }),
  accessKeyId: fc.stringMatching(/^(AKIA|ASIA)[A-Z0-9]{16}$/),
  secretAccessKey: fc.stringMatching(/^[A-Za-z0-9+/]{40}$/),
  region: fc.constantFrom('us-east-1', 'eu-west-3', 'ap-southeast-2', 'cn-north-1', 'auto'),
  service: fc.constantFrom('s3', 's3', 'iam', 'sts', 'execute-api'),
  time: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }),
  unsigned: fc.boolean(),
  signBody: fc.boolean(),
  expiresIn: fc.integer({ min: 1, max: 604800 }),
})

type Req = typeof requestArb extends fc.Arbitrary<infer T> ? T : never

function build(r: Req) {
  const wirePath = `/${r.segments.map((s) => uriEncode(s)).join('/')}${r.trailingSlash && r.segments.length ? '/' : ''}`
  const query: Record<string, string | string[]> = {}
  const pieces: string[] = []
  for (const [k, v, bare] of r.query) {
    const prior = query[k]
    query[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v]
    pieces.push(bare && v === '' && k !== '' ? uriEncode(k) : `${uriEncode(k)}=${uriEncode(v)}`)
  }
  const url = `https://${r.host}${wirePath}${pieces.length ? `?${pieces.join('&')}` : ''}`
  return { wirePath, query, url }
}

function smithySigner(r: Req, applyChecksum: boolean) {
  return new SignatureV4({
    credentials: {
      accessKeyId: r.accessKeyId,
      secretAccessKey: r.secretAccessKey,
      sessionToken: r.token,
    },
    region: r.region,
    service: r.service,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: r.service !== 's3',
    applyChecksum,
  })
}

describe.each(implementations)('SigV4 differential vs @smithy/signature-v4 ($name)', ({ api }) => {
  it(`header signing agrees on ${RUNS} random requests`, async () => {
    let s3Count = 0
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const { wirePath, query, url } = build(r)
        const isS3 = r.service === 's3'
        if (isS3) s3Count++
        const unsigned = isS3 && r.unsigned
        const smithyHeaders: Record<string, string> = { ...r.headers, host: r.host }
        if (unsigned) smithyHeaders['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD'
        const theirs = await smithySigner(r, isS3 || r.signBody).sign(
          {
            method: r.method,
            protocol: 'https:',
            hostname: r.host,
            path: wirePath,
            query,
            headers: smithyHeaders,
            body: r.body,
          },
          { signingDate: new Date(r.time) },
        )
        const ours = await api.signV4(
          { method: r.method, url, headers: r.headers, body: r.body },
          {
            accessKeyId: r.accessKeyId,
            secretAccessKey: r.secretAccessKey,
            sessionToken: r.token,
            region: r.region,
            service: r.service,
            date: new Date(r.time),
            signBody: r.signBody,
            unsignedPayload: unsigned,
          },
        )
        expect(ours.authorization).toBe(theirs.headers.authorization)
        const lower = (h: Record<string, string>) =>
          Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]))
        expect(lower(ours)).toEqual(lower(theirs.headers as Record<string, string>))
      }),
      { numRuns: RUNS },
    )
    expect(s3Count).toBeGreaterThan(RUNS / 5)
  })

  it(`presigning agrees on ${RUNS} random requests`, async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const { wirePath, query, url } = build(r)
        const isS3 = r.service === 's3'
        const theirs = await smithySigner(r, false).presign(
          {
            method: r.method,
            protocol: 'https:',
            hostname: r.host,
            path: wirePath,
            query,
            headers: { ...r.headers, host: r.host },
            // smithy signs UNSIGNED-PAYLOAD for a body it cannot hash (a stream)
            body: isS3 ? {} : r.body,
          },
          {
            signingDate: new Date(r.time),
            expiresIn: r.expiresIn,
            unhoistableHeaders: new Set(Object.keys(r.headers).map((h) => h.toLowerCase())),
          },
        )
        const ours = await api.presignV4Detailed(
          { method: r.method, url, headers: r.headers, body: r.body },
          {
            accessKeyId: r.accessKeyId,
            secretAccessKey: r.secretAccessKey,
            sessionToken: r.token,
            region: r.region,
            service: r.service,
            date: new Date(r.time),
            expiresIn: r.expiresIn,
          },
        )
        expect(ours.signature).toBe(theirs.query!['X-Amz-Signature'])
        const [base, search] = ours.url.split('?')
        expect(base).toBe(`https://${r.host}${wirePath}`)
        const ourPairs = search!
          .split('&')
          .map((p) => p.split('=').map(decodeURIComponent) as [string, string])
        const theirPairs: Array<[string, string]> = []
        for (const [k, v] of Object.entries(theirs.query!)) {
          for (const value of Array.isArray(v) ? v : [v]) theirPairs.push([k, value as string])
        }
        const norm = (pairs: Array<[string, string]>) => pairs.map((p) => p.join('\u0000')).sort()
        expect(norm(ourPairs)).toEqual(norm(theirPairs))
      }),
      { numRuns: RUNS },
    )
  })
})

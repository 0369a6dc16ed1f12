import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { vectorsDir } from '@aury/testkit/vectors'
import { describe, expect, it } from 'vitest'
import { implementations } from './implementations'

interface Context {
  credentials: { access_key_id: string; secret_access_key: string; token?: string }
  expiration_in_seconds: number
  normalize: boolean
  region: string
  service: string
  sign_body: boolean
  timestamp: string
  omit_session_token?: boolean
}

interface RawRequest {
  method: string
  target: string
  headers: Array<[string, string]>
  body: string | undefined
}

/** Parses the suite's raw HTTP text: request line, `Name:value` lines, blank line, body. */
function parseRequest(text: string): RawRequest {
  const [head, ...rest] = text.split('\n\n')
  const lines = head!.split('\n')
  const [method, ...targetParts] = lines[0]!.split(' ')
  targetParts.pop() // HTTP/1.1
  const headers: Array<[string, string]> = []
  for (const line of lines.slice(1)) {
    if (line === '') continue
    const colon = line.indexOf(':')
    headers.push([line.slice(0, colon), line.slice(colon + 1)])
  }
  const body = rest.join('\n\n')
  return { method: method!, target: targetParts.join(' '), headers, body: body || undefined }
}

/** Header lines as a map: lower-case names, trimmed values, repeated names joined with `,`. */
function headerMap(pairs: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase()
    out[lower] = out[lower] === undefined ? value.trim() : `${out[lower]},${value.trim()}`
  }
  return out
}

function queryPairs(query: string): string[] {
  return query
    .split('&')
    .filter(Boolean)
    .map((p) =>
      p
        .split('=')
        .map((x) => decodeURIComponent(x))
        .join('='),
    )
    .sort()
}

const root = join(vectorsDir(), 'aws-sigv4')
const cases = readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory())
const read = (name: string, file: string) => readFileSync(join(root, name, file), 'utf8')

describe('AWS SigV4 test-suite reader', () => {
  it('finds all 28 published cases, each with every expected file', () => {
    expect(cases.length).toBe(28)
    for (const name of cases) {
      for (const mode of ['header', 'query']) {
        for (const part of ['canonical-request', 'string-to-sign', 'signature', 'signed-request']) {
          expect(read(name, `${mode}-${part}.txt`).length).toBeGreaterThan(0)
        }
      }
    }
  })
})

describe.each(implementations)('AWS SigV4 test suite ($name)', ({ api }) => {
  describe.each(cases)('%s', (name) => {
    const context = JSON.parse(read(name, 'context.json')) as Context
    const raw = parseRequest(read(name, 'request.txt'))
    const given = headerMap(raw.headers)
    // Keep the original spelling of names; repeated lines become one comma-joined value.
    const headers: Record<string, string> = {}
    for (const [n, v] of raw.headers) {
      const existing = Object.keys(headers).find((k) => k.toLowerCase() === n.toLowerCase())
      if (existing) headers[existing] = `${headers[existing]},${v.trim()}`
      else headers[n] = v
    }
    const request = {
      method: raw.method,
      url: `https://${given.host}${raw.target}`,
      headers,
      body: raw.body,
    }
    const options = {
      accessKeyId: context.credentials.access_key_id,
      secretAccessKey: context.credentials.secret_access_key,
      sessionToken: context.omit_session_token ? undefined : context.credentials.token,
      region: context.region,
      service: context.service,
      date: new Date(context.timestamp),
      normalizePath: context.normalize,
      signBody: context.sign_body,
    }

    it('header signing: canonical request, string to sign, signature, signed request', async () => {
      const r = await api.signV4Detailed(request, options)
      expect(r.canonicalRequest).toBe(read(name, 'header-canonical-request.txt'))
      expect(r.stringToSign).toBe(read(name, 'header-string-to-sign.txt'))
      expect(r.signature).toBe(read(name, 'header-signature.txt').trim())
      const expected = parseRequest(read(name, 'header-signed-request.txt'))
      expect(headerMap(Object.entries(r.headers))).toEqual(headerMap(expected.headers))
      expect(await api.signV4(request, options)).toEqual(r.headers)
    })

    it('query signing: canonical request, string to sign, signature, signed request', async () => {
      const presign = { ...options, expiresIn: context.expiration_in_seconds }
      const r = await api.presignV4Detailed(request, presign)
      expect(r.canonicalRequest).toBe(read(name, 'query-canonical-request.txt'))
      expect(r.stringToSign).toBe(read(name, 'query-string-to-sign.txt'))
      expect(r.signature).toBe(read(name, 'query-signature.txt').trim())
      const expected = parseRequest(read(name, 'query-signed-request.txt'))
      const [expectedPath, expectedQuery = ''] = expected.target.split('?')
      const url = r.url
      expect(url.startsWith(`https://${given.host}/`)).toBe(true)
      const rest = url.slice(`https://${given.host}`.length)
      const [path, query = ''] = rest.split('?')
      expect(decodeURIComponent(path!)).toBe(expectedPath)
      expect(queryPairs(query)).toEqual(queryPairs(expectedQuery))
      expect(await api.presignV4(request, presign)).toBe(url)
    })
  })
})

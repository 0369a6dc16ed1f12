import { describe, expect, it } from 'vitest'
import { implementations } from './implementations'

// The node build presigns through fast paths (host-only headers, no query, memoised encodes,
// one date text per second) that the web build compiles out (`__NODE__`). vitest runs this file
// with and without them (see vitest.config.ts): the expected values are the same for both.
const options = {
  accessKeyId: 'AKID',
  secretAccessKey: 'secret',
  region: 'us-east-1',
  service: 's3',
  expiresIn: 60,
  date: new Date('2026-01-02T03:04:05Z'),
}

describe.each(implementations)('presign paths ($name)', ({ api }) => {
  it('normalises whitespace in a host-only canonical header like any other header', async () => {
    const hosts: Array<[string, string]> = [
      ['https://a  b.example.com/x', 'host:a b.example.com'],
      ['https:// a.example.com/x', 'host:a.example.com'],
      ['https://a.example.com\t/x', 'host:a.example.com'],
      ['https://a.example.com/x', 'host:a.example.com'],
    ]
    for (const [url, line] of hosts) {
      const r = await api.presignV4Detailed({ method: 'GET', url }, options)
      expect(r.canonicalRequest.split('\n')[3]).toBe(line)
    }
  })

  it('builds the same query without a given query as with an empty one', async () => {
    const token = 'tok/en+='
    for (const sessionToken of [undefined, token, 'other token', token]) {
      const bare = await api.presignV4Detailed(
        { method: 'GET', url: 'https://b.example.com/k' },
        { ...options, sessionToken },
      )
      const empty = await api.presignV4Detailed(
        { method: 'GET', url: 'https://b.example.com/k?' },
        { ...options, sessionToken },
      )
      expect(bare).toEqual(empty)
      expect(bare.url).toBe(
        'https://b.example.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
          '&X-Amz-Credential=AKID%2F20260102%2Fus-east-1%2Fs3%2Faws4_request' +
          '&X-Amz-Date=20260102T030405Z&X-Amz-Expires=60' +
          (sessionToken ? `&X-Amz-Security-Token=${encodeURIComponent(sessionToken)}` : '') +
          `&X-Amz-SignedHeaders=host&X-Amz-Signature=${bare.signature}`,
      )
    }
  })

  it('formats each date afresh, also right after a repeated one', async () => {
    const dates = ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z', '1999-12-31T23:59:59.999Z']
    for (const iso of dates) {
      const r = await api.presignV4Detailed(
        { method: 'GET', url: 'https://b.example.com/k' },
        { ...options, date: new Date(iso) },
      )
      expect(r.url).toContain(`X-Amz-Date=${iso.replace(/[-:]|\.\d+/g, '')}&`)
    }
    await expect(
      api.presignV4(
        { method: 'GET', url: 'https://b.example.com/k' },
        { ...options, date: new Date(-1e14) },
      ),
    ).rejects.toMatchObject({ code: 'InvalidArgument', field: 'date' })
  })
})

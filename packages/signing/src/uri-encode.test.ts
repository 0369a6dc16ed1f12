import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { percentDecode, uriEncode } from './uri-encode'
import { wirePath, wireQuery } from './wire-encode'

describe('uriEncode', () => {
  it('keeps unreserved characters and encodes everything else in upper-case hex', () => {
    expect(uriEncode('-._~AZaz09')).toBe('-._~AZaz09')
    expect(uriEncode("a b+c*!'()")).toBe('a%20b%2Bc%2A%21%27%28%29')
    expect(uriEncode('a/b', true)).toBe('a%2Fb')
    expect(uriEncode('a/b', false)).toBe('a/b')
    expect(uriEncode('中')).toBe('%E4%B8%AD')
    expect(uriEncode('\uD800x')).toBe('%EF%BF%BDx')
  })

  it('round-trips through percentDecode for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(percentDecode(uriEncode(s))).toBe(s)
        expect(uriEncode(s)).toMatch(/^[A-Za-z0-9\-._~%]*$/)
      }),
    )
  })

  it('percentDecode keeps malformed sequences and decodes + only when asked', () => {
    expect(percentDecode('100%zz%41')).toBe('100%zzA')
    expect(percentDecode('a+b')).toBe('a+b')
    expect(percentDecode('a+b', true)).toBe('a b')
    expect(percentDecode('%E4%B8')).toBe('%E4%B8')
  })
})

describe('wireQuery and wirePath match the WHATWG URL serialiser', () => {
  // WHATWG parsing deletes tab/CR/LF and trims the ends: keep those out, end with a sentinel.
  const text = fc
    .string({ unit: 'grapheme', maxLength: 20 })
    .map((s) => `${s.replace(/[\t\r\n]/g, '')}x`)
  it('query', () => {
    fc.assert(
      fc.property(text, (s) => {
        const q = s.replace(/[#%]/g, '')
        expect(wireQuery(q)).toBe(new URL(`https://h/?${q}`).search.slice(1))
      }),
      { numRuns: 500 },
    )
  })
  it('path', () => {
    fc.assert(
      fc.property(text, (s) => {
        const p = `/${s.replace(/[#%?\\]/g, '')}`.replace(/\/\.{1,2}(?=\/|$)/g, '/x')
        fc.pre(!/(^|\/)\.{1,2}$|\/\.{1,2}\//.test(p) && !/%2e/i.test(p))
        expect(wirePath(p)).toBe(new URL(`https://h${p}`).pathname)
      }),
      { numRuns: 500 },
    )
  })
})

import { isStorageSDKError } from '@aury/errors'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compareKeys,
  objectKeyProblem,
  utf8ByteLength,
  validateObjectKey,
  validatePrefix,
} from './object-key'
import { HOSTILE_KEYS } from './testing/hostile-keys'

describe('validateObjectKey', () => {
  it('has at least 30 hostile keys and rejects each with InvalidObjectKey', () => {
    expect(HOSTILE_KEYS.length).toBeGreaterThanOrEqual(30)
    for (const key of HOSTILE_KEYS) {
      let caught: unknown
      try {
        validateObjectKey(key)
      } catch (error) {
        caught = error
      }
      expect(isStorageSDKError(caught), JSON.stringify(key)).toBe(true)
      expect((caught as { code: string }).code).toBe('InvalidObjectKey')
    }
  })

  it('accepts ordinary, nested, dotted and non-ASCII keys', () => {
    for (const key of [
      'docs/readme.txt',
      '用户/头像 照片.png',
      'émoji/😀.bin',
      '.hidden',
      'a/.b/..c/...',
      "name with spaces and !@#$^&()_+-=;',`[]{}",
      'x'.repeat(1024),
      '中'.repeat(341),
      'a%20b',
    ]) {
      expect(validateObjectKey(key)).toBe(key)
    }
  })

  it('measures UTF-8 bytes, not UTF-16 units', () => {
    expect(utf8ByteLength('中')).toBe(3)
    expect(utf8ByteLength('😀')).toBe(4)
    expect(objectKeyProblem('中'.repeat(342))).toMatch(/1024/)
    expect(validateObjectKey('中'.repeat(300), { maxBytes: 900 })).toHaveLength(300)
    expect(() => validateObjectKey('中'.repeat(300), { maxBytes: 850 })).toThrow(/850/)
  })

  it('never accepts a key that a WHATWG URL parser would move to another path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), (key) => {
        if (objectKeyProblem(key) !== undefined) return
        const encoded = key.split('/').map(encodeURIComponent).join('/')
        const url = new URL(`http://h/b/${encoded}`)
        const decoded = url.pathname.slice(3).split('/').map(decodeURIComponent).join('/')
        expect(decoded).toBe(key)
      }),
      { numRuns: 3000 },
    )
  })

  it('validates prefixes, allowing a trailing slash and the empty prefix', () => {
    expect(validatePrefix('')).toBe('')
    expect(validatePrefix(undefined)).toBe('')
    expect(validatePrefix('a/b/')).toBe('a/b/')
    expect(() => validatePrefix('../')).toThrow(/dot segment/)
    expect(() => validatePrefix('/a')).toThrow(/leading slash/)
  })
})

describe('compareKeys', () => {
  it('orders by code point (UTF-8 byte order)', () => {
    const keys = ['b', '😀', 'a', '\uffff', 'ab', 'a/', '中']
    const sorted = [...keys].sort(compareKeys)
    const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)))
    expect(sorted).toEqual(byBytes)
  })

  it('matches Buffer.compare on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareKeys(a, b))).toBe(
          Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))),
        )
      }),
      { numRuns: 2000 },
    )
  })
})

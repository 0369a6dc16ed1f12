import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodePath } from './canonical-uri'
import { encodePathFast } from './encode-path-fast'

const pathChar = fc.oneof(
  fc.constantFrom('/', '%', '%2F', '%20', '%2f', '%41', '%7e', '%zz', '%4', '%FF', '%C3%A9', '+'),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
)

describe('encodePathFast', () => {
  it('keeps unreserved text and slashes as they are', () => {
    expect(encodePathFast('/uploads/user-123/a_b.~c')).toBe('/uploads/user-123/a_b.~c')
  })

  it('re-encodes ASCII escapes in one pass', () => {
    expect(encodePathFast('/photo%202026%20%281%29.jpg')).toBe('/photo%202026%20%281%29.jpg')
    expect(encodePathFast('/a%2fb/%41%7e/100%/x%zz')).toBe('/a%2Fb/A~/100%25/x%25zz')
    expect(encodePathFast("/a b/it's(1)+*")).toBe('/a%20b/it%27s%281%29%2B%2A')
  })

  it('matches encodePath (decode, then encode each segment) on 2,000 random paths', () => {
    fc.assert(
      fc.property(fc.array(pathChar, { maxLength: 24 }), (parts) => {
        const path = `/${parts.join('')}`
        expect(encodePathFast(path)).toBe(encodePath(path))
      }),
      { numRuns: 2000 },
    )
  })
})

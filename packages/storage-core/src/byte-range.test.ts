import { describe, expect, it } from 'vitest'
import { resolveByteRange } from './byte-range'

describe('resolveByteRange', () => {
  it('resolves bounded, open and suffix ranges', () => {
    expect(resolveByteRange(undefined, 10)).toEqual({ start: 0, end: 10 })
    expect(resolveByteRange({ start: 2, end: 4 }, 10)).toEqual({ start: 2, end: 5 })
    expect(resolveByteRange({ start: 2 }, 10)).toEqual({ start: 2, end: 10 })
    expect(resolveByteRange({ start: 8, end: 100 }, 10)).toEqual({ start: 8, end: 10 })
    expect(resolveByteRange({ suffix: 3 }, 10)).toEqual({ start: 7, end: 10 })
    expect(resolveByteRange({ suffix: 30 }, 10)).toEqual({ start: 0, end: 10 })
    expect(resolveByteRange({ suffix: 0 }, 10)).toEqual({ start: 10, end: 10 })
  })

  it('rejects a start past the end with InvalidRange and bad input with InvalidArgument', () => {
    expect(() => resolveByteRange({ start: 10 }, 10)).toThrow(
      expect.objectContaining({ code: 'InvalidRange', httpStatus: 416 }),
    )
    for (const bad of [{ start: -1 }, { start: 1.5 }, { start: 5, end: 4 }, { suffix: -1 }]) {
      expect(() => resolveByteRange(bad, 10)).toThrow(
        expect.objectContaining({ code: 'InvalidArgument' }),
      )
    }
  })
})

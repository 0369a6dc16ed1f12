// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are literal text here
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { wildcardMatch } from './wildcard-match'

describe('wildcardMatch', () => {
  it('matches literals exactly and case-sensitively', () => {
    expect(wildcardMatch('abc', 'abc')).toBe(true)
    expect(wildcardMatch('abc', 'abcd')).toBe(false)
    expect(wildcardMatch('abc', 'ABC')).toBe(false)
    expect(wildcardMatch('', '')).toBe(true)
  })

  it('lets * match any run, including / and the empty run', () => {
    expect(wildcardMatch('user/12/*', 'user/12/a/b/c')).toBe(true)
    expect(wildcardMatch('user/12/*', 'user/12/')).toBe(true)
    expect(wildcardMatch('user/12/*', 'user/123/a')).toBe(false)
    expect(wildcardMatch('user/12*', 'user/123/a')).toBe(true)
    expect(wildcardMatch('a*b*c', 'a--b--b--c')).toBe(true)
    expect(wildcardMatch('a*b*c', 'a--b--b--')).toBe(false)
    expect(wildcardMatch('*', '')).toBe(true)
  })

  it('lets ? match exactly one character, counting code points', () => {
    expect(wildcardMatch('a?c', 'abc')).toBe(true)
    expect(wildcardMatch('a?c', 'ac')).toBe(false)
    expect(wildcardMatch('a?c', 'abbc')).toBe(false)
    expect(wildcardMatch('a?c', 'a😀c')).toBe(true)
    expect(wildcardMatch('a?c', 'a相c')).toBe(true)
  })

  it('treats ${*}, ${?} and ${$} as literals and substitutes variables', () => {
    expect(wildcardMatch('a${*}', 'a*')).toBe(true)
    expect(wildcardMatch('a${*}', 'ab')).toBe(false)
    expect(wildcardMatch('a${?}', 'a?')).toBe(true)
    expect(wildcardMatch('a${$}', 'a$')).toBe(true)
    const vars = new Map([['aws:username', 'bob']])
    expect(wildcardMatch('home/${aws:username}/*', 'home/bob/x', vars)).toBe(true)
    expect(wildcardMatch('home/${aws:username}/*', 'home/eve/x', vars)).toBe(false)
    expect(wildcardMatch('home/${aws:userid}/*', 'home/bob/x', vars)).toBeUndefined()
  })

  it('never lets the parts around * overlap', () => {
    expect(wildcardMatch('ab*ba', 'aba')).toBe(false)
    expect(wildcardMatch('ab*ba', 'abba')).toBe(true)
    expect(wildcardMatch('a*a*a', 'aa')).toBe(false)
    expect(wildcardMatch('a*a*a', 'aaa')).toBe(true)
  })

  it('agrees with a regular-expression oracle (property, 5k runs)', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', '*', '?', '相', '😀')
    const oracle = (pattern: string, text: string) => {
      const body = Array.from(pattern, (ch) =>
        ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[/\\^$+.()|[\]{}]/g, '\\$&'),
      ).join('')
      return new RegExp(`^${body}$`, 'su').test(text)
    }
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 8 }).map((a) => a.join('')),
        fc.array(alphabet, { maxLength: 10 }).map((a) => a.join('')),
        (pattern, text) => wildcardMatch(pattern, text) === oracle(pattern, text),
      ),
      { numRuns: 5000 },
    )
  })

  it('stays fast on hostile patterns', () => {
    const started = performance.now()
    expect(wildcardMatch('*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false)
    expect(performance.now() - started).toBeLessThan(500)
  })
})

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are literal text here
import { ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import { MAX_ALLOW_PATH_BYTES, normalizeAllowPath } from './normalize-allow-path'

function rejection(path: unknown): ValidationError {
  try {
    normalizeAllowPath(path as string)
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error(`accepted ${JSON.stringify(path)}`)
}

describe('normalizeAllowPath', () => {
  it('keeps the empty path as the whole bucket', () => {
    expect(normalizeAllowPath('')).toBe('')
  })

  it('adds the trailing slash so a prefix is a folder', () => {
    expect(normalizeAllowPath('user/12')).toBe('user/12/')
    expect(normalizeAllowPath('user/12/')).toBe('user/12/')
    expect(normalizeAllowPath('a')).toBe('a/')
  })

  it('accepts Unicode, spaces and ordinary punctuation', () => {
    expect(normalizeAllowPath('相册/2024年')).toBe('相册/2024年/')
    expect(normalizeAllowPath('my files/a-b_c.d/+=@,;')).toBe('my files/a-b_c.d/+=@,;/')
    expect(normalizeAllowPath('100%/done')).toBe('100%/done/')
    expect(normalizeAllowPath('..a/b..')).toBe('..a/b../')
    expect(normalizeAllowPath('emoji/😀')).toBe('emoji/😀/')
  })

  it.each([
    ['*'],
    ['user/*'],
    ['user/*/'],
    ['user?'],
    ['a/$/b'],
    ['${aws:username}/'],
    ['a\\b'],
    ['/user/1'],
    ['/'],
    ['//'],
    ['.'],
    ['..'],
    ['./a'],
    ['a/./b'],
    ['user/../admin'],
    ['user/..'],
    ['a//b'],
    ['a//'],
    ['a\u0000b'],
    ['a\nb'],
    ['a\tb'],
    ['a\u007fb'],
    ['a\u0085b'],
    ['a\u202eb'],
    ['a\u200bb'],
    ['a\ufeffb'],
    ['user/%2e%2e/admin'],
    ['user/%2E%2E/admin'],
    ['user%2fadmin'],
    ['user%2Fadmin'],
    ['user%5cadmin'],
    ['a/%252e%252e/'],
    ['a/%00/'],
    ['a/%c0%ae%c0%ae/'],
    ['bad\ud800surrogate'],
  ])('rejects %j with InvalidScope', (path) => {
    const error = rejection(path)
    expect(error.code).toBe('InvalidScope')
    expect(error.field).toBe('allowPath')
  })

  it('rejects non-strings with InvalidScope', () => {
    expect(rejection(undefined).code).toBe('InvalidScope')
    expect(rejection(12).code).toBe('InvalidScope')
  })

  it('limits the prefix to MAX_ALLOW_PATH_BYTES UTF-8 bytes, counting bytes not characters', () => {
    expect(normalizeAllowPath('a'.repeat(MAX_ALLOW_PATH_BYTES - 1))).toHaveLength(
      MAX_ALLOW_PATH_BYTES,
    )
    expect(rejection('a'.repeat(MAX_ALLOW_PATH_BYTES)).code).toBe('InvalidScope')
    // 342 CJK characters are 1026 bytes though only 342 UTF-16 units
    expect(rejection('相'.repeat(342)).code).toBe('InvalidScope')
    expect(normalizeAllowPath('相'.repeat(340))).toHaveLength(341)
  })

  it('names the rule in the message and escapes the value', () => {
    const error = rejection('a\nb/*')
    expect(error.message).toContain('"*"')
    expect(error.message).toContain('\\n')
    expect(error.message).not.toContain('\n')
  })
})

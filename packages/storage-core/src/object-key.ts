import { ErrorCode, ValidationError } from '@aury/errors'

/** The longest key any backend accepts, in UTF-8 bytes (the S3 limit). */
export const MAX_OBJECT_KEY_BYTES = 1024

/** Options of {@link validateObjectKey}. */
export interface ValidateObjectKeyOptions {
  /** A stricter byte limit (COS 850, OSS 1023). Defaults to {@link MAX_OBJECT_KEY_BYTES}. */
  maxBytes?: number
  /** The field named in the error. Defaults to `key`. */
  field?: string
}

const encoder = new TextEncoder()

/** UTF-8 length of a string without allocating the encoded bytes for short ASCII strings. */
export function utf8ByteLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII fast path
  if (/^[\x00-\x7f]*$/.test(text)) return text.length
  return encoder.encode(text).length
}

function reject(reason: string, key: unknown, field: string): never {
  const shown = typeof key === 'string' ? JSON.stringify(key.slice(0, 64)) : typeof key
  throw new ValidationError(`Invalid object key ${shown}: ${reason}`, {
    code: ErrorCode.InvalidObjectKey,
    field,
    details: { rule: reason },
  })
}

/**
 * Why a key is refused, or `undefined` when it is acceptable on every backend.
 *
 * Rules (shared by every backend, checked before any I/O): a non-empty string of at most
 * 1,024 UTF-8 bytes (or `maxBytes`); no leading `/`; no `.` or `..` segment, also not
 * percent-encoded (`%2e%2e`); no backslash; no NUL, C0/C1 control character or DEL; no lone
 * UTF-16 surrogate; no Windows drive prefix (`C:`). Empty segments (`a//b`) are refused because a
 * filesystem cannot represent them. Keys in any script (Chinese, emoji) are accepted.
 *
 * @example
 * ```ts
 * objectKeyProblem('docs/readme.txt') // undefined
 * objectKeyProblem('../etc/passwd') // 'dot segment'
 * ```
 */
export function objectKeyProblem(
  key: unknown,
  maxBytes = MAX_OBJECT_KEY_BYTES,
): string | undefined {
  if (typeof key !== 'string') return 'not a string'
  if (key.length === 0) return 'empty'
  if (utf8ByteLength(key) > maxBytes) return `longer than ${maxBytes} UTF-8 bytes`
  if (key.startsWith('/')) return 'leading slash'
  if (key.includes('\\')) return 'backslash'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(key)) return 'control character'
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(key)) {
    return 'lone surrogate'
  }
  if (/^[A-Za-z]:/.test(key)) return 'drive letter'
  const segments = key.split('/')
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string
    if (segment === '' && i < segments.length - 1) return 'empty segment'
    let decoded = segment
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      decoded = segment
    }
    if (segment === '.' || segment === '..' || decoded === '.' || decoded === '..') {
      return 'dot segment'
    }
    if (decoded.includes('/') || decoded.includes('\\')) {
      if (/^\.{1,2}[/\\]|[/\\]\.{1,2}$|[/\\]\.{1,2}[/\\]/.test(decoded)) return 'dot segment'
    }
  }
  return undefined
}

/**
 * Throw a `ValidationError` with code `InvalidObjectKey` unless {@link objectKeyProblem} accepts
 * the key. Returns the key, so it can be used inline.
 *
 * @example
 * ```ts
 * validateObjectKey('用户/头像.png') // '用户/头像.png'
 * validateObjectKey('a/../b') // throws ValidationError { code: 'InvalidObjectKey' }
 * ```
 */
export function validateObjectKey(key: unknown, options: ValidateObjectKeyOptions = {}): string {
  const problem = objectKeyProblem(key, options.maxBytes ?? MAX_OBJECT_KEY_BYTES)
  if (problem !== undefined) reject(problem, key, options.field ?? 'key')
  return key as string
}

/**
 * Validate a listing prefix: `''` (everything) or a string that would be a valid key once a
 * name is appended (a trailing `/` is allowed).
 *
 * @example
 * ```ts
 * validatePrefix('photos/') // 'photos/'
 * validatePrefix('../') // throws InvalidObjectKey
 * ```
 */
export function validatePrefix(prefix: unknown, options: ValidateObjectKeyOptions = {}): string {
  if (prefix === undefined || prefix === '') return ''
  if (typeof prefix !== 'string') reject('not a string', prefix, options.field ?? 'prefix')
  const probe = prefix.endsWith('/') ? `${prefix}x` : prefix
  const problem = objectKeyProblem(probe, (options.maxBytes ?? MAX_OBJECT_KEY_BYTES) + 1)
  if (problem !== undefined) reject(problem, prefix, options.field ?? 'prefix')
  return prefix
}

/**
 * Compare two keys in the order S3 lists them: by Unicode code point, which is the byte order
 * of their UTF-8 encodings (plain `<` on JS strings compares UTF-16 units and differs above
 * U+FFFF).
 *
 * @example
 * ```ts
 * ['b', 'a', '😀', '\uffff'].sort(compareKeys) // ['a', 'b', '\uffff', '😀']
 * ```
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    const xs = x >= 0xd800 && x <= 0xdfff
    const ys = y >= 0xd800 && y <= 0xdfff
    if (xs === ys) return x - y
    // a surrogate (code point >= 0x10000) sorts after any other BMP unit
    return xs ? 1 : -1
  }
  return a.length - b.length
}

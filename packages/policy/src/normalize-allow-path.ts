import { ErrorCode } from '@aury/errors'
import { invalid, quote } from './errors'

/** Longest accepted prefix in UTF-8 bytes: object keys stop at 1024 bytes on S3. */
export const MAX_ALLOW_PATH_BYTES = 1023

/** Percent-escapes that decode to `.`, `/`, `\`, `%`, a control byte or an overlong lead byte. */
const ENCODED_TRAVERSAL = /%(?:2e|2f|5c|25|[01][0-9a-f]|7f|c0|c1)/i
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function isForbiddenChar(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  )
}

function reason(path: string): string | undefined {
  if (path.startsWith('/')) return 'must not start with "/"'
  for (const meta of ['*', '?', '$', '\\']) {
    if (path.includes(meta)) return `must not contain "${meta}"`
  }
  for (let i = 0; i < path.length; i++) {
    if (isForbiddenChar(path.charCodeAt(i))) return 'must not contain control characters'
  }
  if (LONE_SURROGATE.test(path)) return 'must be valid Unicode'
  if (ENCODED_TRAVERSAL.test(path)) return 'must not contain percent-encoded separators or dots'
  const segments = (path.endsWith('/') ? path.slice(0, -1) : path).split('/')
  for (const segment of segments) {
    if (segment === '') return 'must not contain empty segments ("a//b")'
    if (segment === '.' || segment === '..') return 'must not contain "." or ".." segments'
  }
  if (new TextEncoder().encode(path).length > MAX_ALLOW_PATH_BYTES) {
    return `must be at most ${MAX_ALLOW_PATH_BYTES} UTF-8 bytes`
  }
  return undefined
}

/**
 * Validates a folder prefix and returns it in canonical form: `''` (the whole bucket) or a
 * prefix ending in `/`, so `user/12` can never match `user/123/`. Rejects, with a
 * `ValidationError` of code `InvalidScope`, anything a policy grammar or a URL parser could
 * widen: `*`, `?`, `$`, `\`, control and bidi characters, a leading `/`, `.`/`..` or empty
 * segments, and percent-encoded dots, slashes or backslashes. Unicode folder names are kept.
 *
 * @example
 * ```ts
 * normalizeAllowPath('user/12') // 'user/12/'
 * normalizeAllowPath('') // ''
 * normalizeAllowPath('相册/2024/') // '相册/2024/'
 * normalizeAllowPath('user/../admin/') // throws ValidationError, code 'InvalidScope'
 * ```
 */
export function normalizeAllowPath(allowPath: string): string {
  if (typeof allowPath !== 'string') {
    throw invalid(ErrorCode.InvalidScope, 'allowPath', 'allowPath must be a string')
  }
  if (allowPath === '') return ''
  const why = reason(allowPath)
  if (why !== undefined) {
    throw invalid(ErrorCode.InvalidScope, 'allowPath', `allowPath ${why} (got ${quote(allowPath)})`)
  }
  return allowPath.endsWith('/') ? allowPath : `${allowPath}/`
}

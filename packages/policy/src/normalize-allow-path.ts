import { invalid, quote } from './errors'

/**
 * Longest accepted prefix in UTF-8 bytes: object keys stop at 1024 bytes on S3.
 *
 * @example
 * ```ts
 * new TextEncoder().encode(normalizeAllowPath(path)).length <= MAX_ALLOW_PATH_BYTES // always
 * ```
 */
export const MAX_ALLOW_PATH_BYTES = 1023

/**
 * Each rule: a pattern that must not match the path (with one trailing `/` removed), and why.
 * Control characters include C0, DEL, C1, line/paragraph separators, zero-width and bidi marks.
 */
const RULES: readonly (readonly [RegExp, string])[] = [
  [/^\//, 'must not start with "/"'],
  [/[*?$\\]/, 'must not contain "*", "?", "$" or "\\"'],
  [
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
    /[\0-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/,
    'must not contain control characters',
  ],
  [
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    'must be valid Unicode',
  ],
  [/%(?:2e|2f|5c|25|[01][0-9a-f]|7f|c0|c1)/i, 'must not contain percent-encoded "." "/" "\\" "%"'],
  [/(?:^|\/)\.{0,2}(?:\/|$)/, 'must not contain empty, "." or ".." segments'],
]

/**
 * Validates a folder prefix and returns it in canonical form: `''` (the whole bucket) or a
 * prefix ending in `/`, so `user/12` can never match `user/123/`. Rejects, with a
 * `ValidationError` of code `InvalidScope`, anything a policy grammar or a URL parser could
 * widen: `*`, `?`, `$`, `\`, control and bidi characters, a leading `/`, `.`/`..` or empty
 * segments (`a//b`), percent-encoded dots, slashes or backslashes, and more than
 * {@link MAX_ALLOW_PATH_BYTES} UTF-8 bytes. Unicode folder names are kept as given.
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
    throw invalid('InvalidScope', 'allowPath', 'allowPath must be a string')
  }
  if (allowPath === '') return ''
  const path = allowPath.endsWith('/') ? allowPath : `${allowPath}/`
  let why = RULES.find(([rule]) => rule.test(path.slice(0, -1)))?.[1]
  if (why === undefined && new TextEncoder().encode(path).length > MAX_ALLOW_PATH_BYTES) {
    why = `must be at most ${MAX_ALLOW_PATH_BYTES} UTF-8 bytes`
  }
  if (why !== undefined) {
    throw invalid('InvalidScope', 'allowPath', `allowPath ${why} (got ${quote(allowPath)})`)
  }
  return path
}

import { reject } from './errors'

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
 * Control characters include C0, DEL, C1, line/paragraph separators, zero-width and bidi marks;
 * broken Unicode is a lone surrogate. A leading `/` is an empty first segment.
 */
const RULES: readonly (readonly [RegExp, string])[] = [
  [
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
    /[*?$\\\0-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    'must not contain "*", "?", "$", "\\", control characters or broken Unicode',
  ],
  [/%(?:2e|2f|5c|25|[01][0-9a-f]|7f|c0|c1)/i, 'must not contain percent-encoded "." "/" "\\" "%"'],
  [/(?:^|\/)\.{0,2}(?:\/|$)/, 'must not start with "/" nor have empty, "." or ".." segments'],
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
  if (allowPath === '') return ''
  if (typeof allowPath !== 'string')
    reject('InvalidScope', 'allowPath', 'must be a string', allowPath)
  const path = allowPath.replace(/\/?$/, '/')
  const why =
    RULES.find(([rule]) => rule.test(path.slice(0, -1)))?.[1] ??
    (new TextEncoder().encode(path).length > MAX_ALLOW_PATH_BYTES
      ? `must be at most ${MAX_ALLOW_PATH_BYTES} UTF-8 bytes`
      : undefined)
  if (why !== undefined) reject('InvalidScope', 'allowPath', why, allowPath)
  return path
}

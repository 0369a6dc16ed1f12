/** Matches strings made only of RFC 3986 unreserved characters (and `/`, `%` where noted). */
export const UNRESERVED = /^[\w.~-]*$/
const UNRESERVED_OR_SLASH = /^[\w.~/-]*$/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * RFC 3986 percent-encoding as SigV4, TC3 and ACS3 want it: every byte of the UTF-8 form except
 * `A-Z a-z 0-9 - . _ ~` becomes `%XX` (upper-case hex), a space is `%20` (never `+`), and `/`
 * is kept when `encodeSlash` is false. Lone surrogates are encoded as U+FFFD.
 *
 * @example
 * ```ts
 * uriEncode('a b/c*', true) // 'a%20b%2Fc%2A'
 * uriEncode('a b/c*', false) // 'a%20b/c%2A'
 * ```
 */
export function uriEncode(str: string, encodeSlash = true): string {
  if ((encodeSlash ? UNRESERVED : UNRESERVED_OR_SLASH).test(str)) return str
  const out = encodeURIComponent(str.replace(LONE_SURROGATE, '\uFFFD')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return encodeSlash ? out : out.replace(/%2F/g, '/')
}

/**
 * Percent-decoding that never throws: a malformed sequence is kept as literal text.
 * With `plusAsSpace` (query strings), `+` decodes to a space as in HTML forms and on S3.
 *
 * @example
 * ```ts
 * percentDecode('a%20b+c%zz', true) // 'a b c%zz'
 * ```
 */
export function percentDecode(str: string, plusAsSpace = false): string {
  if (plusAsSpace) str = str.replace(/\+/g, ' ')
  return str.replace(/(?:%[\dA-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

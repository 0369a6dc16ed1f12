const UNRESERVED = /^[A-Za-z0-9\-._~]*$/
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-._~/]*$/
const SUB_DELIMS = /[!'()*]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function escapeSubDelim(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`
}

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
  let out: string
  try {
    out = encodeURIComponent(str)
  } catch {
    out = encodeURIComponent(str.replace(LONE_SURROGATE, '\uFFFD'))
  }
  out = out.replace(SUB_DELIMS, escapeSubDelim)
  return encodeSlash ? out : out.replace(/%2F/g, '/')
}

/**
 * Percent-decoding that never throws: a malformed sequence is kept as literal text.
 * With `plusAsSpace` (query strings), `+` decodes to a space as in HTML forms and on S3.
 */
export function percentDecode(str: string, plusAsSpace = false): string {
  if (plusAsSpace && str.includes('+')) str = str.replace(/\+/g, ' ')
  if (!str.includes('%')) return str
  try {
    return decodeURIComponent(str)
  } catch {
    // Decode the well-formed runs one by one, keep the rest literally.
    return str.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run)
      } catch {
        return run
      }
    })
  }
}

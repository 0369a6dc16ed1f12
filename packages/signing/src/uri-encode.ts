/** Matches strings made only of RFC 3986 unreserved characters (and `/`, `%` where noted). */
export const UNRESERVED = /^[\w.~-]*$/
export const UNRESERVED_OR_SLASH = /^[\w.~/-]*$/
/** UTF-8 encoder shared by the web build's encoders. */
export const utf8 = new TextEncoder()

// `false` in the web build (tsup `define`): it encodes byte by byte, the node build natively.
declare const __NODE__: boolean

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
  const keep = encodeSlash ? UNRESERVED : UNRESERVED_OR_SLASH
  if (keep.test(str)) return str
  if (typeof __NODE__ !== 'boolean' || __NODE__) {
    const out = encodeURIComponent(
      str.replace(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
        '\uFFFD',
      ),
    ).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    return encodeSlash ? out : out.replace(/%2F/g, '/')
  }
  // Smaller than the native route: TextEncoder already writes a lone surrogate as U+FFFD.
  let out = ''
  for (const byte of utf8.encode(str)) {
    const c = String.fromCharCode(byte)
    out += keep.test(c) ? c : `%${(byte | 256).toString(16).slice(1).toUpperCase()}`
  }
  return out
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

// Characters a WHATWG URL serialiser (fetch, browsers, `new URL`) percent-encodes in a special
// URL's query and path; `%` is left alone, so text that is already encoded stays as it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: controls are exactly what gets encoded
const QUERY_UNSAFE = /[\x00-\x20"'<>\x7F]|[^\x00-\x7F]+/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: controls are exactly what gets encoded
const PATH_UNSAFE = /[\x00-\x20"<>`{}?\x7F]|[^\x00-\x7F]+/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function encodeRun(run: string): string {
  if (run.length === 1 && run.charCodeAt(0) < 0x80) {
    return `%${run.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  }
  return encodeURIComponent(run.replace(LONE_SURROGATE, '\uFFFD'))
}

/**
 * The query string as `fetch` puts it on the wire: space, `"`, `'`, `<`, `>`, controls and
 * non-ASCII percent-encoded (UTF-8), everything else (including `%XX`) unchanged.
 *
 * @example
 * ```ts
 * wireQuery("a=it's 中") // 'a=it%27s%20%E4%B8%AD'
 * ```
 */
export function wireQuery(query: string): string {
  return query.replace(QUERY_UNSAFE, encodeRun)
}

/**
 * The path as `fetch` puts it on the wire (without dot-segment resolution).
 *
 * @example
 * ```ts
 * wirePath('/a b/{c}') // '/a%20b/%7Bc%7D'
 * ```
 */
export function wirePath(path: string): string {
  return path.replace(PATH_UNSAFE, encodeRun)
}

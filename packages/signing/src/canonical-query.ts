import { percentDecode, uriEncode } from './uri-encode'

/** One query parameter, both parts already RFC 3986-encoded. */
export type EncodedParam = [key: string, value: string]

/**
 * Parses a raw query string into encoded `[key, value]` pairs: empty pieces are skipped, a key
 * without `=` gets an empty value, `+` means a space, and every part is decoded once and
 * re-encoded per RFC 3986.
 *
 * @example
 * ```ts
 * parseQuery('b=2&a&c=x+y') // [['b', '2'], ['a', ''], ['c', 'x%20y']]
 * ```
 */
export function parseQuery(query: string): EncodedParam[] {
  const out: EncodedParam[] = []
  for (const piece of query.split('&')) {
    if (!piece) continue
    const eq = `${piece}=`.indexOf('=')
    out.push([
      uriEncode(percentDecode(piece.slice(0, eq), true)),
      uriEncode(percentDecode(piece.slice(eq + 1), true)),
    ])
  }
  return out
}

function compareParams(a: EncodedParam, b: EncodedParam): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0
}

/**
 * The canonical query string: encoded pairs sorted by key, then by value, joined as
 * `key=value` with `&` (an empty value still yields `key=`).
 *
 * @example
 * ```ts
 * canonicalQuery(parseQuery('b=2&a=1&a=0')) // 'a=0&a=1&b=2'
 * ```
 */
export function canonicalQuery(params: EncodedParam[]): string {
  return params
    .sort(compareParams)
    .map((p) => `${p[0]}=${p[1]}`)
    .join('&')
}

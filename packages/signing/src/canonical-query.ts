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
  if (query === '') return out
  for (const piece of query.split('&')) {
    if (piece === '') continue
    const eq = piece.indexOf('=')
    const key = eq === -1 ? piece : piece.slice(0, eq)
    const value = eq === -1 ? '' : piece.slice(eq + 1)
    out.push([uriEncode(percentDecode(key, true)), uriEncode(percentDecode(value, true))])
  }
  return out
}

function compareParams(a: EncodedParam, b: EncodedParam): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1
  return 0
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
  if (params.length === 0) return ''
  if (params.length > 1) params.sort(compareParams)
  let out = ''
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!
    out += i === 0 ? `${p[0]}=${p[1]}` : `&${p[0]}=${p[1]}`
  }
  return out
}

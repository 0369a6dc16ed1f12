import { buildSigV4CanonicalRequest, type CanonicalRequestParts } from './sigv4-canonical'

/**
 * Builds a TC3-HMAC-SHA256 canonical request: method, URI, query, headers block (lower-case
 * names and values), signed headers and hashed payload, joined with `\n`.
 *
 * @example
 * ```ts
 * buildTC3CanonicalRequest({
 *   method: 'POST', canonicalUri: '/', canonicalQuery: '',
 *   canonicalHeaders:
 *     'content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n',
 *   signedHeaders: 'content-type;host', payloadHash: '35e9c5b0...',
 * })
 * ```
 */
export function buildTC3CanonicalRequest(parts: CanonicalRequestParts): string {
  return buildSigV4CanonicalRequest(parts)
}

/**
 * The TC3 credential scope `<YYYY-MM-DD>/<service>/tc3_request`.
 *
 * @example
 * ```ts
 * tc3Scope('2019-02-25', 'cvm') // '2019-02-25/cvm/tc3_request'
 * ```
 */
export function tc3Scope(date: string, service: string): string {
  return `${date}/${service}/tc3_request`
}

let lastDay: number | undefined
let lastDate = ''

/**
 * The UTC date (`YYYY-MM-DD`) of a Unix timestamp in seconds: never the local or Beijing date.
 *
 * @example
 * ```ts
 * tc3Date(1551113065) // '2019-02-25'
 * ```
 */
export function tc3Date(timestamp: number): string {
  // One UTC day per 86,400 s: format once per day, not per call.
  const day = Math.floor(timestamp / 86400)
  if (day !== lastDay) {
    lastDate = new Date(timestamp * 1000).toISOString().slice(0, 10)
    lastDay = day
  }
  return lastDate
}

/**
 * The TC3 string to sign: `TC3-HMAC-SHA256`, the timestamp, the scope and the hex SHA-256 of
 * the canonical request, joined with `\n`.
 *
 * @example
 * ```ts
 * buildTC3StringToSign(1551113065, '2019-02-25/cvm/tc3_request', hash)
 * ```
 */
export function buildTC3StringToSign(
  timestamp: number,
  scope: string,
  canonicalRequestHash: string,
): string {
  return `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${canonicalRequestHash}`
}

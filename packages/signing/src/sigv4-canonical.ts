/** The six parts of a canonical request (SigV4, TC3 and ACS3 share the layout). */
export interface CanonicalRequestParts {
  /** Upper-case HTTP method. */
  method: string
  /** The encoded path (see `sigV4CanonicalUri`). */
  canonicalUri: string
  /** The canonical query string, `''` when none. */
  canonicalQuery: string
  /** `name:value\n` lines sorted by name, every line ending in `\n`. */
  canonicalHeaders: string
  /** Lower-case header names joined with `;`. */
  signedHeaders: string
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string
}

/**
 * Joins the six parts of a SigV4 canonical request with `\n`. The headers block already ends
 * in `\n`, which yields the empty-looking line before the signed headers.
 *
 * @example
 * ```ts
 * buildSigV4CanonicalRequest({
 *   method: 'GET', canonicalUri: '/', canonicalQuery: '',
 *   canonicalHeaders: 'host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n',
 *   signedHeaders: 'host;x-amz-date', payloadHash: EMPTY_SHA256,
 * })
 * ```
 */
export function buildSigV4CanonicalRequest(parts: CanonicalRequestParts): string {
  return `${parts.method}\n${parts.canonicalUri}\n${parts.canonicalQuery}\n${parts.canonicalHeaders}\n${parts.signedHeaders}\n${parts.payloadHash}`
}

/**
 * The SigV4 credential scope `<YYYYMMDD>/<region>/<service>/aws4_request`.
 *
 * @example
 * ```ts
 * sigV4Scope('20150830', 'us-east-1', 'iam') // '20150830/us-east-1/iam/aws4_request'
 * ```
 */
export function sigV4Scope(shortDate: string, region: string, service: string): string {
  return `${shortDate}/${region}/${service}/aws4_request`
}

/**
 * The SigV4 string to sign: algorithm, `x-amz-date`, scope and the hex SHA-256 of the canonical
 * request, joined with `\n`.
 *
 * @example
 * ```ts
 * buildSigV4StringToSign('20150830T123600Z', '20150830/us-east-1/iam/aws4_request', hash)
 * ```
 */
export function buildSigV4StringToSign(
  amzDate: string,
  scope: string,
  canonicalRequestHash: string,
): string {
  return `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${canonicalRequestHash}`
}

/** Hex SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** The payload hash S3 accepts instead of hashing the body (the default for presigned URLs). */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'

import { ValidationError } from '@aury/errors'
import { formatIsoSeconds } from './amz-date'
import { buildCanonicalHeaders } from './canonical-headers'
import { canonicalQuery, parseQuery } from './canonical-query'
import { encodePath } from './canonical-uri'
import type { SecretEngine } from './crypto-engine'
import { buildSigV4CanonicalRequest, EMPTY_SHA256 } from './sigv4-canonical'
import { splitUrl } from './split-url'
import type { ACS3Options, SignableRequest, SigningSteps } from './types'
import { requireMethod, requireString } from './validate'

/** What `signACS3Detailed` returns: the headers to send and every intermediate value. */
export interface SignedACS3 extends SigningSteps {
  headers: Record<string, string>
}

/**
 * The ACS3 string to sign: `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request (no date
 * and no scope line).
 *
 * @example
 * ```ts
 * buildACS3StringToSign('7ea06492...') // 'ACS3-HMAC-SHA256\n7ea06492...'
 * ```
 */
export function buildACS3StringToSign(canonicalRequestHash: string): string {
  return `ACS3-HMAC-SHA256\n${canonicalRequestHash}`
}

/**
 * ACS3-HMAC-SHA256 signing on a crypto engine.
 * @internal
 */
export async function signACS3With(
  engine: SecretEngine,
  request: SignableRequest,
  options: ACS3Options,
): Promise<SignedACS3> {
  if (request === null || typeof request !== 'object') {
    throw new ValidationError('request is required', { code: 'InvalidArgument', field: 'request' })
  }
  if (options === null || typeof options !== 'object') {
    throw new ValidationError('signing options are required', { code: 'InvalidConfig' })
  }
  requireString(options.accessKeyId, 'accessKeyId')
  requireString(options.accessKeySecret, 'accessKeySecret')
  const method = requireMethod(request.method)
  const url = splitUrl(request.url)
  const headers: Record<string, string> = {}
  const seen = new Set<string>()
  const given = request.headers
  if (given) {
    for (const name in given) {
      const value = given[name]
      if (value === undefined || value === null) continue
      const lower = name.toLowerCase()
      if (lower === 'authorization') continue
      seen.add(lower)
      headers[name] = String(value)
    }
  }
  if (!seen.has('host')) headers.host = url.host
  if (!seen.has('x-acs-date')) headers['x-acs-date'] = formatIsoSeconds(options.date ?? new Date())
  if (!seen.has('x-acs-signature-nonce')) {
    headers['x-acs-signature-nonce'] = options.nonce ?? engine.randomHex(16)
  }
  if (!seen.has('x-acs-content-sha256')) {
    const body = request.body
    headers['x-acs-content-sha256'] =
      body === undefined || body === null || body.length === 0
        ? EMPTY_SHA256
        : await engine.sha256Hex(body)
  }
  if (options.securityToken && !seen.has('x-acs-security-token')) {
    headers['x-acs-security-token'] = options.securityToken
  }
  const payloadHash = headers['x-acs-content-sha256'] ?? findHeader(headers, 'x-acs-content-sha256')
  const { block, signedHeaders } = buildCanonicalHeaders(headers, (v) => v.trim())
  const canonicalRequest = buildSigV4CanonicalRequest({
    method,
    canonicalUri: encodePath(url.path),
    canonicalQuery: canonicalQuery(parseQuery(url.query)),
    canonicalHeaders: block,
    signedHeaders,
    payloadHash: payloadHash ?? EMPTY_SHA256,
  })
  const stringToSign = buildACS3StringToSign(await engine.sha256Hex(canonicalRequest))
  const signature = await engine.hmacHexWithSecret(options.accessKeySecret, stringToSign)
  headers.Authorization = `ACS3-HMAC-SHA256 Credential=${options.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`
  return { headers, canonicalRequest, stringToSign, signature, signedHeaders }
}

function findHeader(headers: Record<string, string>, lower: string): string | undefined {
  for (const name in headers) if (name.toLowerCase() === lower) return headers[name]
  return undefined
}

import { buildCanonicalHeaders } from './canonical-headers'
import type { KeyedEngine } from './crypto-engine'
import { EMPTY_SHA256 } from './sigv4-canonical'
import { splitUrl } from './split-url'
import { buildTC3CanonicalRequest, buildTC3StringToSign, tc3Date, tc3Scope } from './tc3-canonical'
import type { SignableRequest, SigningSteps, TC3Options } from './types'
import { fail, requireMethod, requireObject, requireScopePart, requireString } from './validate'
import { wirePath, wireQuery } from './wire-encode'

/** What `signTC3Detailed` returns: the headers to send and every intermediate value. */
export interface SignedTC3 extends SigningSteps {
  headers: Record<string, string>
  /** Hex SHA-256 of the body. */
  payloadHash: string
  /** `<date>/<service>/tc3_request` */
  credentialScope: string
}

function tc3Value(value: string): string {
  return value.trim().toLowerCase()
}

/**
 * TC3-HMAC-SHA256 signing on a crypto engine.
 * @internal
 */
export async function signTC3With<K>(
  engine: KeyedEngine<K>,
  request: SignableRequest,
  options: TC3Options,
): Promise<SignedTC3> {
  requireObject(request, 'request', 'InvalidArgument')
  requireObject(options, 'options', 'InvalidConfig')
  requireString(options.secretId, 'secretId')
  requireString(options.secretKey, 'secretKey')
  const service = requireScopePart(options.service, 'service')
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000)
  if (!Number.isSafeInteger(timestamp) || timestamp < 0 || timestamp > 253402300799) {
    fail('timestamp', 'whole Unix seconds', 'InvalidArgument')
  }
  const method = requireMethod(request.method)
  const url = splitUrl(request.url)

  const signed: Record<string, string> = {}
  const out: Record<string, string> = {}
  let hasHost = false
  let hasTimestamp = false
  let hasToken = false
  const given = request.headers
  if (given) {
    for (const name in given) {
      const value = given[name]
      if (value == null) continue
      const lower = name.toLowerCase()
      if (lower === 'authorization') continue
      if (lower === 'host') hasHost = true
      else if (lower === 'x-tc-timestamp') hasTimestamp = true
      else if (lower === 'x-tc-token') hasToken = true
      signed[name] = String(value)
      out[name] = String(value)
    }
  }
  if (!hasHost) {
    signed.host = url.host
    out.Host = url.host
  }
  const { block, signedHeaders } = buildCanonicalHeaders(signed, tc3Value)
  const body = request.body
  const payloadHash = !body?.length ? EMPTY_SHA256 : await engine.sha256Hex(body)
  const canonicalRequest = buildTC3CanonicalRequest({
    method,
    canonicalUri: wirePath(url.path),
    canonicalQuery: wireQuery(url.query),
    canonicalHeaders: block,
    signedHeaders,
    payloadHash,
  })
  const date = tc3Date(timestamp)
  const credentialScope = tc3Scope(date, service)
  const stringToSign = buildTC3StringToSign(
    timestamp,
    credentialScope,
    await engine.sha256Hex(canonicalRequest),
  )
  const key = await engine.derivedKey(`TC3${options.secretKey}`, [date, service, 'tc3_request'])
  const signature = await engine.hmacHexWithKey(key, stringToSign)
  if (!hasTimestamp) out['X-TC-Timestamp'] = String(timestamp)
  if (options.sessionToken && !hasToken) out['X-TC-Token'] = options.sessionToken
  out.Authorization = `TC3-HMAC-SHA256 Credential=${options.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  return {
    headers: out,
    canonicalRequest,
    stringToSign,
    signature,
    signedHeaders,
    payloadHash,
    credentialScope,
  }
}

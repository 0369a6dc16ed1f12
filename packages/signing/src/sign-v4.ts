import { ValidationError } from '@aury/errors'
import { formatAmzDate } from './amz-date'
import { buildCanonicalHeaders, normalizeHeaderValue } from './canonical-headers'
import { canonicalQuery, type EncodedParam, parseQuery } from './canonical-query'
import { encodePath, sigV4CanonicalUri } from './canonical-uri'
import type { CryptoEngine } from './crypto-engine'
import {
  buildSigV4CanonicalRequest,
  buildSigV4StringToSign,
  EMPTY_SHA256,
  sigV4Scope,
  UNSIGNED_PAYLOAD,
} from './sigv4-canonical'
import { splitUrl } from './split-url'
import type { PresignV4Options, SignableRequest, SigningSteps, SigV4Options } from './types'
import { uriEncode } from './uri-encode'
import { requireExpiresIn, requireMethod, requireScopePart, requireString } from './validate'

/** What `signV4Detailed` returns: the headers to send and every intermediate value. */
export interface SignedV4 extends SigningSteps {
  headers: Record<string, string>
}

/** What `presignV4Detailed` returns: the URL and every intermediate value. */
export interface PresignedV4 extends SigningSteps {
  url: string
}

const QUERY_AUTH_PARAMS = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-Security-Token',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
])

function checkOptions(options: SigV4Options): string | undefined {
  if (options === null || typeof options !== 'object') {
    throw new ValidationError('signing options are required', { code: 'InvalidConfig' })
  }
  requireString(options.accessKeyId, 'accessKeyId')
  requireString(options.secretAccessKey, 'secretAccessKey')
  requireScopePart(options.region, 'region', 'InvalidRegion')
  requireScopePart(options.service, 'service')
  const token = options.sessionToken
  if (token !== undefined && token !== null && typeof token !== 'string') {
    throw new ValidationError('sessionToken must be a string', {
      code: 'InvalidConfig',
      field: 'sessionToken',
    })
  }
  return token || undefined
}

function checkRequest(request: SignableRequest): void {
  if (request === null || typeof request !== 'object') {
    throw new ValidationError('request is required', { code: 'InvalidArgument', field: 'request' })
  }
}

function bodyHash<K>(engine: CryptoEngine<K>, body: SignableRequest['body']) {
  if (body === undefined || body === null || body.length === 0) return EMPTY_SHA256
  return engine.sha256Hex(body)
}

async function sign<K>(
  engine: CryptoEngine<K>,
  options: SigV4Options,
  amzDate: string,
  scope: string,
  canonicalRequest: string,
): Promise<[stringToSign: string, signature: string]> {
  const stringToSign = buildSigV4StringToSign(
    amzDate,
    scope,
    await engine.sha256Hex(canonicalRequest),
  )
  const key = await engine.derivedKey(`AWS4${options.secretAccessKey}`, [
    amzDate.slice(0, 8),
    options.region,
    options.service,
    'aws4_request',
  ])
  return [stringToSign, await engine.hmacHexWithKey(key, stringToSign)]
}

/**
 * SigV4 header signing on a crypto engine; returns the headers and the intermediate values.
 * @internal
 */
export async function signV4With<K>(
  engine: CryptoEngine<K>,
  request: SignableRequest,
  options: SigV4Options,
): Promise<SignedV4> {
  checkRequest(request)
  const token = checkOptions(options)
  const method = requireMethod(request.method)
  const url = splitUrl(request.url)
  const isS3 = options.service === 's3'
  const amzDate = formatAmzDate(options.date ?? new Date())
  const headers: Record<string, string> = {}
  let hasHost = false
  let givenHash: string | undefined
  const given = request.headers
  if (given) {
    for (const name in given) {
      const value = given[name]
      if (value === undefined || value === null) continue
      const lower = name.toLowerCase()
      if (lower === 'authorization' || lower === 'x-amz-date') continue
      if (lower === 'x-amz-security-token' && token !== undefined) continue
      if (lower === 'host') hasHost = true
      else if (lower === 'x-amz-content-sha256') givenHash = String(value)
      headers[name] = String(value)
    }
  }
  if (!hasHost) headers.host = url.host
  headers['x-amz-date'] = amzDate
  if (token !== undefined) headers['x-amz-security-token'] = token
  const payloadHash =
    givenHash ?? (options.unsignedPayload ? UNSIGNED_PAYLOAD : await bodyHash(engine, request.body))
  if (givenHash === undefined && (isS3 || options.signBody || options.unsignedPayload)) {
    headers['x-amz-content-sha256'] = payloadHash
  }
  const { block, signedHeaders } = buildCanonicalHeaders(headers, normalizeHeaderValue)
  const canonicalRequest = buildSigV4CanonicalRequest({
    method,
    canonicalUri: sigV4CanonicalUri(url.path, options.normalizePath ?? !isS3),
    canonicalQuery: canonicalQuery(parseQuery(url.query)),
    canonicalHeaders: block,
    signedHeaders,
    payloadHash,
  })
  const scope = sigV4Scope(amzDate.slice(0, 8), options.region, options.service)
  const [stringToSign, signature] = await sign(engine, options, amzDate, scope, canonicalRequest)
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${options.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  return { headers, canonicalRequest, stringToSign, signature, signedHeaders }
}

/**
 * SigV4 query signing (presigning) on a crypto engine; returns the URL and intermediate values.
 * @internal
 */
export async function presignV4With<K>(
  engine: CryptoEngine<K>,
  request: SignableRequest,
  options: PresignV4Options,
): Promise<PresignedV4> {
  checkRequest(request)
  const token = checkOptions(options)
  const expiresIn = requireExpiresIn(options.expiresIn)
  const method = requireMethod(request.method)
  const url = splitUrl(request.url)
  const isS3 = options.service === 's3'
  const amzDate = formatAmzDate(options.date ?? new Date())
  const scope = sigV4Scope(amzDate.slice(0, 8), options.region, options.service)

  let canonicalHeaders: string
  let signedHeaders: string
  let givenHash: string | undefined
  const given = request.headers
  let hasOther = false
  if (given) {
    for (const name in given) {
      if (given[name] !== undefined && given[name] !== null) {
        hasOther = true
        break
      }
    }
  }
  if (!hasOther) {
    canonicalHeaders = `host:${url.host}\n`
    signedHeaders = 'host'
  } else {
    const headers: Record<string, string> = {}
    let hasHost = false
    for (const name in given) {
      const value = given![name]
      if (value === undefined || value === null) continue
      const lower = name.toLowerCase()
      if (lower === 'authorization' || lower === 'x-amz-date') continue
      if (lower === 'host') hasHost = true
      else if (lower === 'x-amz-content-sha256') givenHash = String(value)
      headers[name] = String(value)
    }
    if (!hasHost) headers.host = url.host
    const built = buildCanonicalHeaders(headers, normalizeHeaderValue)
    canonicalHeaders = built.block
    signedHeaders = built.signedHeaders
  }

  const unsigned = options.unsignedPayload ?? isS3
  const payloadHash = unsigned
    ? UNSIGNED_PAYLOAD
    : (givenHash ?? (await bodyHash(engine, request.body)))

  const credential = `${uriEncode(options.accessKeyId)}%2F${scope.replace(/\//g, '%2F')}`
  const encodedSignedHeaders = signedHeaders === 'host' ? 'host' : uriEncode(signedHeaders)
  let query: string
  if (url.query === '') {
    query = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}&X-Amz-Date=${amzDate}&X-Amz-Expires=${expiresIn}`
    if (token !== undefined) query += `&X-Amz-Security-Token=${uriEncode(token)}`
    query += `&X-Amz-SignedHeaders=${encodedSignedHeaders}`
  } else {
    const params: EncodedParam[] = parseQuery(url.query).filter((p) => !QUERY_AUTH_PARAMS.has(p[0]))
    params.push(
      ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
      ['X-Amz-Credential', credential],
      ['X-Amz-Date', amzDate],
      ['X-Amz-Expires', String(expiresIn)],
      ['X-Amz-SignedHeaders', encodedSignedHeaders],
    )
    if (token !== undefined) params.push(['X-Amz-Security-Token', uriEncode(token)])
    query = canonicalQuery(params)
  }
  const canonicalRequest = buildSigV4CanonicalRequest({
    method,
    canonicalUri: sigV4CanonicalUri(url.path, options.normalizePath ?? !isS3),
    canonicalQuery: query,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  })
  const [stringToSign, signature] = await sign(engine, options, amzDate, scope, canonicalRequest)
  return {
    url: `${url.protocol}//${url.host}${encodePath(url.path)}?${query}&X-Amz-Signature=${signature}`,
    canonicalRequest,
    stringToSign,
    signature,
    signedHeaders,
  }
}

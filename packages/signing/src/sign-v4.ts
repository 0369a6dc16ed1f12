import { formatAmzDate } from './amz-date'
import { buildCanonicalHeaders, normalizeHeaderValue } from './canonical-headers'
import { canonicalQuery, parseQuery } from './canonical-query'
import { encodePath, normalizePathSegments, sigV4CanonicalUri } from './canonical-uri'
import type { KeyedEngine, SyncEngine } from './crypto-engine'
import { buildSigV4CanonicalRequest, UNSIGNED_PAYLOAD } from './sigv4-canonical'
import { splitUrl } from './split-url'
import type { PresignV4Options, SignableRequest, SigningSteps, SigV4Options } from './types'
import { uriEncode } from './uri-encode'
import {
  fail,
  requireExpiresIn,
  requireMethod,
  requireObject,
  requireScopePart,
  requireString,
} from './validate'

/** What `signV4Detailed` returns: the headers to send and every intermediate value. */
export interface SignedV4 extends SigningSteps {
  headers: Record<string, string>
}

/** What `presignV4Detailed` returns: the URL and every intermediate value. */
export interface PresignedV4 extends SigningSteps {
  url: string
}

// `false` in the web build (tsup `define`), where esbuild drops the node-only fast paths below;
// sources run as they are (vitest, tsx) have no define and keep them.
declare const __NODE__: boolean

/** Query parameters presigning sets itself; given ones are dropped. */
const QUERY_AUTH_PARAM =
  /^X-Amz-(?:Algorithm|Credential|Date|Expires|Security-Token|SignedHeaders|Signature)$/

function checkOptions(request: SignableRequest, options: SigV4Options): string | undefined {
  requireObject(request, 'request', 'InvalidArgument')
  requireObject(options, 'options', 'InvalidConfig')
  requireString(options.accessKeyId, 'accessKeyId')
  requireString(options.secretAccessKey, 'secretAccessKey')
  requireScopePart(options.region, 'region', 'InvalidRegion')
  requireScopePart(options.service, 'service')
  const token = options.sessionToken
  if (token != null && typeof token !== 'string') fail('sessionToken', 'a string', 'InvalidConfig')
  return token || undefined
}

/**
 * The given headers to sign: every one except `authorization`, `x-amz-date` and (when `skip`
 * is set) that header; `host` from the URL when not given.
 */
function collectHeaders(
  given: Record<string, string> | undefined,
  host: string,
  skip?: string,
): [headers: Record<string, string>, contentSha256: string | undefined] {
  const headers: Record<string, string> = {}
  let hash: string | undefined
  let hasHost = false
  for (const name in given) {
    const value = given[name]
    if (value == null) continue
    const lower = name.toLowerCase()
    if (lower === 'authorization' || lower === 'x-amz-date' || lower === skip) continue
    if (lower === 'host') hasHost = true
    if (lower === 'x-amz-content-sha256') hash = String(value)
    headers[name] = String(value)
  }
  if (!hasHost) headers.host = host
  return [headers, hash]
}

// The credential and the session token repeat call after call: remember the last encodings.
const memo = new Map<string, string>()
function memoEncode(text: string): string {
  let out = memo.get(text)
  if (out === undefined) {
    if (memo.size >= 8) memo.clear()
    out = uriEncode(text)
    memo.set(text, out)
  }
  return out
}

async function sign<K>(
  engine: KeyedEngine<K>,
  options: SigV4Options,
  amzDate: string,
  scope: string,
  canonicalRequest: string,
): Promise<[stringToSign: string, signature: string]> {
  // The string to sign here and the credential scope in the callers are written inline, not with
  // buildSigV4StringToSign and sigV4Scope: fewer bytes in a browser bundle.
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${await engine.sha256Hex(canonicalRequest)}`
  // The scope's four parts (day, region, service, aws4_request): none of them holds a `/`.
  const key = await engine.derivedKey(`AWS4${options.secretAccessKey}`, scope.split('/'))
  return [stringToSign, await engine.hmacHexWithKey(key, stringToSign)]
}

/** {@link sign} on a synchronous engine: the same steps without three `await`s. */
function signSync<K>(
  engine: SyncEngine<KeyedEngine<K>>,
  options: SigV4Options,
  amzDate: string,
  scope: string,
  canonicalRequest: string,
): [stringToSign: string, signature: string] {
  const hash = engine.sha256Hex(canonicalRequest)
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${hash}`
  const key = engine.derivedKey(`AWS4${options.secretAccessKey}`, scope.split('/'))
  return [stringToSign, engine.hmacHexWithKey(key, stringToSign)]
}

/**
 * SigV4 header signing on a crypto engine; returns the headers and the intermediate values.
 * @internal
 */
export async function signV4With<K>(
  engine: KeyedEngine<K>,
  request: SignableRequest,
  options: SigV4Options,
): Promise<SignedV4> {
  const token = checkOptions(request, options)
  const method = requireMethod(request.method)
  const url = splitUrl(request.url)
  const isS3 = options.service === 's3'
  const amzDate = formatAmzDate(options.date ?? new Date())
  const [headers, givenHash] = collectHeaders(
    request.headers,
    url.host,
    token === undefined ? undefined : 'x-amz-security-token',
  )
  headers['x-amz-date'] = amzDate
  if (token !== undefined) headers['x-amz-security-token'] = token
  const payloadHash =
    givenHash ??
    (options.unsignedPayload ? UNSIGNED_PAYLOAD : await engine.sha256Hex(request.body ?? ''))
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
  const scope = `${amzDate.slice(0, 8)}/${options.region}/${options.service}/aws4_request`
  // A synchronous engine (node build only; the web build compiles this branch away) signs
  // without three awaits.
  const [stringToSign, signature] =
    (typeof __NODE__ !== 'boolean' || __NODE__) && engine.sync
      ? signSync(engine as SyncEngine<KeyedEngine<K>>, options, amzDate, scope, canonicalRequest)
      : await sign(engine, options, amzDate, scope, canonicalRequest)
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${options.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  return { headers, canonicalRequest, stringToSign, signature, signedHeaders }
}

/**
 * SigV4 query signing (presigning) on a crypto engine; returns the URL and intermediate values.
 * @internal
 */
export async function presignV4With<K>(
  engine: KeyedEngine<K>,
  request: SignableRequest,
  options: PresignV4Options,
): Promise<PresignedV4> {
  const token = checkOptions(request, options)
  const expiresIn = requireExpiresIn(options.expiresIn)
  const method = requireMethod(request.method)
  const url = splitUrl(request.url)
  const isS3 = options.service === 's3'
  const amzDate = formatAmzDate(options.date ?? new Date())
  const scope = `${amzDate.slice(0, 8)}/${options.region}/${options.service}/aws4_request`
  const [headers, givenHash] = collectHeaders(request.headers, url.host)
  // Fast path (node build): only the host header (the usual presigned GET/PUT), and no
  // whitespace in it that normalizeHeaderValue would change, so both builds agree.
  const { block: canonicalHeaders, signedHeaders } =
    (typeof __NODE__ !== 'boolean' || __NODE__) &&
    headers.host === url.host &&
    Object.keys(headers).length === 1 &&
    !/[\t\n\r ]/.test(url.host)
      ? { block: `host:${url.host}\n`, signedHeaders: 'host' }
      : buildCanonicalHeaders(headers, normalizeHeaderValue)
  const unsigned = options.unsignedPayload ?? isS3
  const payloadHash = unsigned
    ? UNSIGNED_PAYLOAD
    : (givenHash ?? (await engine.sha256Hex(request.body ?? '')))

  const encode = typeof __NODE__ !== 'boolean' || __NODE__ ? memoEncode : uriEncode
  const credential = encode(`${options.accessKeyId}/${scope}`)
  const encodedHeaders = uriEncode(signedHeaders)
  let query: string
  if ((typeof __NODE__ !== 'boolean' || __NODE__) && url.query === '') {
    // Already in canonical order: Algorithm < Credential < Date < Expires < Security-Token <
    // SignedHeaders.
    query = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}&X-Amz-Date=${amzDate}&X-Amz-Expires=${expiresIn}${token === undefined ? '' : `&X-Amz-Security-Token=${encode(token)}`}&X-Amz-SignedHeaders=${encodedHeaders}`
  } else {
    // Given auth parameters are replaced; the token travels inside the signature.
    const params = parseQuery(url.query).filter((p) => !QUERY_AUTH_PARAM.test(p[0]))
    params.push(
      ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
      ['X-Amz-Credential', credential],
      ['X-Amz-Date', amzDate],
      ['X-Amz-Expires', String(expiresIn)],
      ['X-Amz-SignedHeaders', encodedHeaders],
    )
    if (token !== undefined) params.push(['X-Amz-Security-Token', encode(token)])
    query = canonicalQuery(params)
  }
  // The wire path, encoded once: it is the canonical URI too unless the path is normalised.
  const wire = (((typeof __NODE__ !== 'boolean' || __NODE__) && engine.encodePath) || encodePath)(
    url.path,
  )
  const canonicalUri =
    (options.normalizePath ?? !isS3) ? uriEncode(normalizePathSegments(wire), false) : wire
  // The six parts of the canonical request (see buildSigV4CanonicalRequest), joined inline.
  const canonicalRequest = `${method}\n${canonicalUri}\n${query}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`
  // A synchronous engine (node build only; the web build compiles this branch away) signs
  // without three awaits.
  const [stringToSign, signature] =
    (typeof __NODE__ !== 'boolean' || __NODE__) && engine.sync
      ? signSync(engine as SyncEngine<KeyedEngine<K>>, options, amzDate, scope, canonicalRequest)
      : await sign(engine, options, amzDate, scope, canonicalRequest)
  return {
    url: `${url.protocol}//${url.host}${wire}?${query}&X-Amz-Signature=${signature}`,
    canonicalRequest,
    stringToSign,
    signature,
    signedHeaders,
  }
}

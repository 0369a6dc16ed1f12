import type { KeyedEngine, SyncEngine } from './crypto-engine'
import { EMPTY_SHA256 } from './sigv4-canonical'
import { splitUrl, type UrlParts } from './split-url'
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

/** Inserts a canonical header in name order; a repeated name gets its value appended. */
function insertHeader(names: string[], values: string[], name: string, value: string): void {
  let i = names.length
  while (i > 0 && names[i - 1]! > name) i--
  if (i > 0 && names[i - 1] === name) values[i - 1] += `,${value}`
  else {
    names.splice(i, 0, name)
    values.splice(i, 0, value)
  }
}

function tc3Value(value: string): string {
  return value.trim().toLowerCase()
}

/** Everything about a TC3 request that needs no crypto, checked and laid out. */
interface TC3Plan {
  headers: Record<string, string>
  block: string
  signedHeaders: string
  method: string
  url: TC3Url
  body: SignableRequest['body']
  timestamp: number
  service: string
  date: string
  credentialScope: string
  hasTimestamp: boolean
  hasToken: boolean
}

interface TC3Url extends UrlParts {
  canonicalUri: string
  canonicalQuery: string
}

let lastUrl: string | undefined
let lastParts: TC3Url | undefined

/** The URL split and encoded, remembered for the next call: a client signs one endpoint. */
function tc3Url(url: string | URL): TC3Url {
  if (url === lastUrl && lastParts !== undefined) return lastParts
  const parts = splitUrl(url)
  const out = {
    ...parts,
    canonicalUri: wirePath(parts.path),
    canonicalQuery: wireQuery(parts.query),
  }
  if (typeof url === 'string') {
    lastUrl = url
    lastParts = out
  }
  return out
}

function planTC3(request: SignableRequest, options: TC3Options): TC3Plan {
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
  const url = tc3Url(request.url)

  // Canonical headers built in the same pass as the headers to send: lower-case names, values
  // trimmed and lower-cased, repeated names joined with ",", kept sorted by name as they come.
  // Requests carry a handful of headers, so two parallel arrays beat a map here.
  const headers: Record<string, string> = {}
  const names: string[] = []
  const values: string[] = []
  let hasTimestamp = false
  let hasToken = false
  const given = request.headers
  if (given) {
    for (const name in given) {
      const value = given[name]
      if (value == null) continue
      const lower = name.toLowerCase()
      if (lower === 'authorization') continue
      if (lower === 'x-tc-timestamp') hasTimestamp = true
      else if (lower === 'x-tc-token') hasToken = true
      const text = String(value)
      headers[name] = text
      insertHeader(names, values, lower, tc3Value(text))
    }
  }
  if (!names.includes('host')) {
    headers.Host = url.host
    insertHeader(names, values, 'host', url.host)
  }
  let block = ''
  for (let i = 0; i < names.length; i++) block += `${names[i]}:${values[i]}\n`
  const signedHeaders = names.join(';')
  const date = tc3Date(timestamp)
  return {
    headers,
    block,
    signedHeaders,
    method,
    url,
    body: request.body,
    timestamp,
    service,
    date,
    credentialScope: tc3Scope(date, service),
    hasTimestamp,
    hasToken,
  }
}

function canonicalTC3(plan: TC3Plan, payloadHash: string): string {
  return buildTC3CanonicalRequest({
    method: plan.method,
    canonicalUri: plan.url.canonicalUri,
    canonicalQuery: plan.url.canonicalQuery,
    canonicalHeaders: plan.block,
    signedHeaders: plan.signedHeaders,
    payloadHash,
  })
}

function finishTC3(
  plan: TC3Plan,
  options: TC3Options,
  steps: { payloadHash: string; canonicalRequest: string; stringToSign: string; signature: string },
): SignedTC3 {
  const { headers: out, credentialScope, signedHeaders } = plan
  if (!plan.hasTimestamp) out['X-TC-Timestamp'] = String(plan.timestamp)
  if (options.sessionToken && !plan.hasToken) out['X-TC-Token'] = options.sessionToken
  out.Authorization = `TC3-HMAC-SHA256 Credential=${options.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${steps.signature}`
  return {
    headers: out,
    canonicalRequest: steps.canonicalRequest,
    stringToSign: steps.stringToSign,
    signature: steps.signature,
    signedHeaders,
    payloadHash: steps.payloadHash,
    credentialScope,
  }
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
  const plan = planTC3(request, options)
  const payloadHash = plan.body?.length ? await engine.sha256Hex(plan.body) : EMPTY_SHA256
  const canonicalRequest = canonicalTC3(plan, payloadHash)
  const hash = await engine.sha256Hex(canonicalRequest)
  const stringToSign = buildTC3StringToSign(plan.timestamp, plan.credentialScope, hash)
  const parts = [plan.date, plan.service, 'tc3_request']
  const key = await engine.derivedKey(`TC3${options.secretKey}`, parts)
  const signature = await engine.hmacHexWithKey(key, stringToSign)
  return finishTC3(plan, options, { payloadHash, canonicalRequest, stringToSign, signature })
}

/**
 * {@link signTC3With} on an engine that answers synchronously (node:crypto): the same steps
 * without a promise per step, which is a fifth of the cost of a signature.
 * @internal
 */
export function signTC3Sync<K>(
  engine: SyncEngine<KeyedEngine<K>>,
  request: SignableRequest,
  options: TC3Options,
): SignedTC3 {
  const plan = planTC3(request, options)
  const payloadHash = plan.body?.length ? engine.sha256Hex(plan.body) : EMPTY_SHA256
  const canonicalRequest = canonicalTC3(plan, payloadHash)
  const hash = engine.sha256Hex(canonicalRequest)
  const stringToSign = buildTC3StringToSign(plan.timestamp, plan.credentialScope, hash)
  const parts = [plan.date, plan.service, 'tc3_request']
  const key = engine.derivedKey(`TC3${options.secretKey}`, parts)
  const signature = engine.hmacHexWithKey(key, stringToSign)
  return finishTC3(plan, options, { payloadHash, canonicalRequest, stringToSign, signature })
}

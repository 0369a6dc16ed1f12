/**
 * A fake Aliyun STS endpoint (API 2015-04-01, AssumeRole) on 127.0.0.1 for provider tests.
 * It verifies the ACS3-HMAC-SHA256 signature with its own implementation, written from the
 * "V3 request structure and signature" documentation (and checked against the documented
 * example in the sts-aliyun tests), rejects replayed nonces and skewed clocks, answers with the
 * documented JSON shapes and supports the same fault injection as the AWS fake.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import {
  applyFault,
  type FakeFault,
  type FakeSTSRequest,
  flatHeaders,
  readBody,
} from './fake-aws-sts'

/** RFC 3986 percent-encoding: encodeURIComponent plus `! ' ( ) *`. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** The pieces of an ACS3 signature computation, for checking against documented vectors. */
export interface Acs3Computation {
  canonicalRequest: string
  hashedCanonicalRequest: string
  signature: string
}

/**
 * Computes an ACS3-HMAC-SHA256 signature: canonical request (method, URI, sorted RFC 3986
 * query, canonical headers, signed header names, hashed payload), string to sign
 * `ACS3-HMAC-SHA256\n<hex sha256>`, hex HMAC-SHA256 keyed with the raw secret.
 */
export function acs3Sign(input: {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  signedHeaders: readonly string[]
  payloadHash: string
  secret: string
}): Acs3Computation {
  const canonicalQuery = Object.entries(input.query)
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const names = [...input.signedHeaders].sort()
  const canonicalHeaders = names
    .map((n) => `${n}:${(input.headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('')
  const canonicalPath = input.path
    .split('/')
    .map((segment) => percentEncode(decodeURIComponent(segment)))
    .join('/')
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalPath || '/',
    canonicalQuery,
    canonicalHeaders,
    names.join(';'),
    input.payloadHash,
  ].join('\n')
  const hashedCanonicalRequest = createHash('sha256').update(canonicalRequest).digest('hex')
  const signature = createHmac('sha256', input.secret)
    .update(`ACS3-HMAC-SHA256\n${hashedCanonicalRequest}`)
    .digest('hex')
  return { canonicalRequest, hashedCanonicalRequest, signature }
}

export interface FakeAliyunSTSOptions {
  /** Known RAM-user keys: access key id → secret. */
  keys: Record<string, string>
  /** The fake's clock (ms); requests more than 15 minutes off are refused. */
  now?: () => number
  /** The role's MaxSessionDuration; 3600 by default. */
  maxSessionDuration?: number
}

export interface FakeAliyunSTS {
  endpoint: string
  requests: FakeSTSRequest[]
  inject(...faults: FakeFault[]): void
  lastIssued?: { accessKeyId: string; accessKeySecret: string; securityToken: string }
  close(): Promise<void>
}

const REQUIRED_SIGNED = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
]
const AUTH_PATTERN =
  /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/

function aliyunError(code: string, message: string, requestId: string) {
  return {
    type: 'application/json;charset=utf-8',
    body: JSON.stringify({
      RequestId: requestId,
      HostId: 'sts.aliyuncs.com',
      Code: code,
      Message: message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}`,
    }),
  }
}

/**
 * Starts the fake Aliyun STS endpoint on 127.0.0.1 with a free port.
 *
 * @example
 * ```ts
 * const sts = await startFakeAliyunSTS({ keys: { LTAIexample: 'secret' } })
 * sts.inject({ status: 400, code: 'Throttling.User' })
 * ```
 */
export async function startFakeAliyunSTS(options: FakeAliyunSTSOptions): Promise<FakeAliyunSTS> {
  const now = options.now ?? Date.now
  const maxDuration = options.maxSessionDuration ?? 3600
  const faults: FakeFault[] = []
  const sockets = new Set<Socket>()
  const nonces = new Set<string>()
  const fake: FakeAliyunSTS = {
    endpoint: '',
    requests: [],
    inject: (...more) => faults.push(...more),
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }

  const verify = (
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string,
  ): { code?: string; status?: number; problem?: string; accessKeyId?: string } => {
    const auth = headers.authorization
    if (!auth) return { code: 'MissingAuthorization', status: 400, problem: 'no Authorization' }
    const m = AUTH_PATTERN.exec(auth)
    if (!m) return { code: 'IncompleteSignature', status: 400, problem: 'malformed Authorization' }
    const [, accessKeyId, signedList, signature] = m
    const secret = options.keys[accessKeyId!]
    if (secret === undefined) {
      return { code: 'InvalidAccessKeyId.NotFound', status: 404, problem: 'unknown key' }
    }
    const signed = signedList!.split(';')
    for (const name of REQUIRED_SIGNED) {
      if (!signed.includes(name) || headers[name] === undefined) {
        return {
          code: 'IncompleteSignature',
          status: 400,
          problem: `${name} not signed`,
          accessKeyId,
        }
      }
    }
    const payloadHash = createHash('sha256').update(body).digest('hex')
    if (headers['x-acs-content-sha256'] !== payloadHash) {
      return {
        code: 'IncompleteSignature',
        status: 400,
        problem: 'body hash mismatch',
        accessKeyId,
      }
    }
    const date = Date.parse(headers['x-acs-date']!)
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(headers['x-acs-date']!) || Number.isNaN(date)) {
      return {
        code: 'InvalidTimeStamp.Format',
        status: 400,
        problem: 'bad x-acs-date',
        accessKeyId,
      }
    }
    if (Math.abs(date - now()) > 15 * 60_000) {
      return { code: 'InvalidTimeStamp.Expired', status: 400, problem: 'clock skew', accessKeyId }
    }
    const query = Object.fromEntries(url.searchParams)
    const computed = acs3Sign({
      method,
      path: url.pathname,
      query,
      headers,
      signedHeaders: signed,
      payloadHash,
      secret,
    })
    if (computed.signature !== signature) {
      return {
        code: 'SignatureDoesNotMatch',
        status: 400,
        problem: 'signature mismatch',
        accessKeyId,
      }
    }
    const nonce = headers['x-acs-signature-nonce']!
    if (nonces.has(nonce)) {
      return { code: 'SignatureNonceUsed', status: 400, problem: 'nonce replayed', accessKeyId }
    }
    nonces.add(nonce)
    return { accessKeyId }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // The fake's clock, so clients can learn a skew from it.
    res.setHeader('date', new Date(now()).toUTCString())
    const body = await readBody(req)
    const headers = flatHeaders(req)
    const url = new URL(req.url ?? '/', `http://${headers.host ?? '127.0.0.1'}`)
    const form = headers['content-type']?.startsWith('application/x-www-form-urlencoded')
      ? Object.fromEntries(new URLSearchParams(body))
      : {}
    const params = { ...Object.fromEntries(url.searchParams), ...form }
    const verdict = verify(req.method ?? 'GET', url, headers, body)
    const record: FakeSTSRequest = {
      method: req.method ?? '',
      path: url.pathname,
      headers: Object.fromEntries(
        Object.entries(headers).filter(
          ([k]) => !['authorization', 'x-acs-security-token'].includes(k),
        ),
      ),
      params,
      ...(verdict.accessKeyId ? { accessKeyId: verdict.accessKeyId } : {}),
      signatureValid: verdict.problem === undefined,
      ...(verdict.problem ? { signatureProblem: verdict.problem } : {}),
      faulted: false,
    }
    fake.requests.push(record)
    const fault = faults.shift()
    if (fault) {
      record.faulted = !('delayMs' in fault)
      if (await applyFault(fault, res, aliyunError)) return
    }
    const fail = (status: number, code: string, message: string) => {
      const { type, body: json } = aliyunError(code, message, randomUUID())
      res.writeHead(status, { 'content-type': type })
      res.end(json)
    }
    if (verdict.problem) return fail(verdict.status ?? 400, verdict.code!, verdict.problem)
    if (headers['x-acs-action'] !== 'AssumeRole')
      return fail(404, 'InvalidAction.NotFound', 'action')
    if (headers['x-acs-version'] !== '2015-04-01') return fail(400, 'InvalidVersion', 'version')
    if (!params.RoleArn || !/^acs:ram::\d+:role\/.+$/i.test(params.RoleArn)) {
      return fail(400, 'InvalidParameter.RoleArn', 'The parameter RoleArn is wrongly formed.')
    }
    if (!params.RoleSessionName || !/^[\w.@-]{2,64}$/.test(params.RoleSessionName)) {
      return fail(
        400,
        'InvalidParameter.RoleSessionName',
        'The parameter RoleSessionName is wrongly formed.',
      )
    }
    const duration = Number(params.DurationSeconds ?? 3600)
    if (!Number.isInteger(duration) || duration < 900 || duration > maxDuration) {
      return fail(
        400,
        'InvalidParameter.DurationSeconds',
        'The Min/Max value of DurationSeconds is 15min/1hr.',
      )
    }
    if (params.Policy !== undefined) {
      if (params.Policy.length > 2048)
        return fail(400, 'InvalidParameter.PolicyGrammar', 'too long')
      try {
        const policy = JSON.parse(params.Policy) as { Version?: unknown }
        if (policy.Version !== '1') throw new Error('version')
      } catch {
        return fail(
          400,
          'InvalidParameter.PolicyGrammar',
          'The parameter Policy has not passed grammar check.',
        )
      }
    }
    const issued = {
      accessKeyId: `STS.${randomBytes(12).toString('hex')}`,
      accessKeySecret: randomBytes(30).toString('base64'),
      securityToken: `CAIS${randomBytes(400).toString('base64')}`,
    }
    fake.lastIssued = issued
    const requestId = randomUUID().toUpperCase()
    const account = /^acs:ram::(\d+):/.exec(params.RoleArn)?.[1] ?? '0'
    const roleName = params.RoleArn.split('/').pop() ?? ''
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' })
    res.end(
      JSON.stringify({
        RequestId: requestId,
        AssumedRoleUser: {
          Arn: `acs:ram::${account}:role/${roleName}/${params.RoleSessionName}`,
          AssumedRoleId: `34458433936495****:${params.RoleSessionName}`,
        },
        Credentials: {
          AccessKeyId: issued.accessKeyId,
          AccessKeySecret: issued.accessKeySecret,
          SecurityToken: issued.securityToken,
          Expiration: new Date(Math.floor(now() / 1000) * 1000 + duration * 1000)
            .toISOString()
            .replace(/\.\d{3}Z$/, 'Z'),
        },
      }),
    )
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return fake
}

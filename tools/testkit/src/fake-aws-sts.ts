/**
 * A fake AWS STS endpoint on 127.0.0.1 for provider tests. It verifies every request's SigV4
 * signature independently of our signer (by re-signing with `@smithy/signature-v4`, the AWS
 * SDK's signer), answers AssumeRole and GetFederationToken with the documented XML, answers
 * errors with the `<ErrorResponse>` shape, and supports fault injection (status codes, garbage,
 * delays, hangs, connection resets) for retry, timeout and abort tests.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'

/** One injected answer, used for the next request instead of the normal handling. */
export type FakeFault =
  /** A cloud error: `<ErrorResponse>` for AWS, the JSON error body for Aliyun. */
  | { status: number; code: string; message?: string; headers?: Record<string, string> }
  /** A raw answer (garbage, truncated XML, HTML from a proxy...). */
  | { status: number; body: string; contentType?: string; headers?: Record<string, string> }
  /** Never answer (until the server closes). */
  | { hang: true }
  /** Destroy the connection without an answer. */
  | { reset: true }
  /** Wait, then handle the request normally. */
  | { delayMs: number }

/** What the fake saw, for assertions. Signatures and secrets are not recorded. */
export interface FakeSTSRequest {
  method: string
  path: string
  headers: Record<string, string>
  /** Form parameters (AWS) or query + form parameters (Aliyun). */
  params: Record<string, string>
  /** The access key id from the Authorization header, if any. */
  accessKeyId?: string
  /** Whether the signature verified. */
  signatureValid: boolean
  /** Why verification failed, when it did. */
  signatureProblem?: string
  /** Whether an injected fault answered it. */
  faulted: boolean
}

export interface FakeAwsSTSOptions {
  /** Known long-term keys: access key id → secret. */
  keys: Record<string, string>
  /** The signing region the fake expects; `us-east-1` by default. */
  region?: string
  /** The fake's clock (ms); requests more than 15 minutes off are refused. */
  now?: () => number
}

export interface FakeAwsSTS {
  /** `http://127.0.0.1:<port>` */
  endpoint: string
  /** Every request received, in order. */
  requests: FakeSTSRequest[]
  /** Queue faults; each answers one request, in order. */
  inject(...faults: FakeFault[]): void
  /** The credentials issued by the last successful call. */
  lastIssued?: { accessKeyId: string; secretAccessKey: string; sessionToken: string }
  close(): Promise<void>
}

/** Reads a request body (capped at 1 MiB). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > 1024 * 1024) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Header map with lower-case names and single string values. */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value
  }
  return out
}

/**
 * Applies a fault. Returns `true` when the fault answered (or swallowed) the request, `false`
 * for `delayMs` (after the delay), meaning "continue normally".
 */
export async function applyFault(
  fault: FakeFault,
  res: ServerResponse,
  errorBody: (code: string, message: string, requestId: string) => { type: string; body: string },
): Promise<boolean> {
  if ('delayMs' in fault) {
    await new Promise((r) => setTimeout(r, fault.delayMs))
    return false
  }
  if ('hang' in fault) return true
  if ('reset' in fault) {
    res.socket?.destroy()
    return true
  }
  const requestId = randomUUID()
  if ('body' in fault) {
    res.writeHead(fault.status, {
      'content-type': fault.contentType ?? 'text/plain',
      ...fault.headers,
    })
    res.end(fault.body)
    return true
  }
  const { type, body } = errorBody(
    fault.code,
    fault.message ?? `${fault.code} (injected)`,
    requestId,
  )
  res.writeHead(fault.status, {
    'content-type': type,
    'x-amzn-requestid': requestId,
    ...fault.headers,
  })
  res.end(body)
  return true
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

function awsError(code: string, message: string, requestId: string) {
  const sender = code === 'InternalFailure' || code === 'ServiceUnavailable' ? 'Receiver' : 'Sender'
  return {
    type: 'text/xml',
    body:
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${sender}</Type>` +
      `<Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  }
}

function amzDateToDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!m) return undefined
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!))
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,]+)\/(\d{8})\/([^/,]+)\/([^/,]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/

/**
 * Verifies a SigV4-signed request by re-signing it with `@smithy/signature-v4` using the signed
 * headers the client declared. Returns the problem, or `undefined` when valid.
 */
export async function verifySigV4(input: {
  method: string
  url: URL
  headers: Record<string, string>
  body: string
  keys: Record<string, string>
  region: string
  service: string
  now: number
}): Promise<{ problem?: string; code?: string; accessKeyId?: string }> {
  const auth = input.headers.authorization
  if (!auth) return { problem: 'no Authorization header', code: 'MissingAuthenticationToken' }
  const m = AUTH_PATTERN.exec(auth)
  if (!m) return { problem: 'malformed Authorization', code: 'IncompleteSignature' }
  const [, accessKeyId, day, region, service, signedHeaderList, signature] = m
  const secret = input.keys[accessKeyId!]
  if (secret === undefined) {
    return { problem: 'unknown key', code: 'InvalidClientTokenId', accessKeyId }
  }
  if (region !== input.region || service !== input.service) {
    return {
      problem: `wrong scope ${region}/${service}`,
      code: 'SignatureDoesNotMatch',
      accessKeyId,
    }
  }
  const amzDate = input.headers['x-amz-date']
  const date = amzDate ? amzDateToDate(amzDate) : undefined
  if (!date || amzDate!.slice(0, 8) !== day) {
    return { problem: 'bad x-amz-date', code: 'IncompleteSignature', accessKeyId }
  }
  if (Math.abs(date.getTime() - input.now) > 15 * 60_000) {
    return { problem: 'signature expired (clock skew)', code: 'SignatureDoesNotMatch', accessKeyId }
  }
  const signedNames = signedHeaderList!.split(';')
  if (!signedNames.includes('host') || !signedNames.includes('x-amz-date')) {
    return {
      problem: 'host and x-amz-date must be signed',
      code: 'IncompleteSignature',
      accessKeyId,
    }
  }
  const headers: Record<string, string> = {}
  for (const name of signedNames) {
    const value = input.headers[name]
    if (value === undefined) {
      return { problem: `signed header ${name} missing`, code: 'IncompleteSignature', accessKeyId }
    }
    headers[name] = value
  }
  const query: Record<string, string | string[]> = {}
  for (const [k, v] of input.url.searchParams) {
    const prev = query[k]
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
  }
  const signer = new SignatureV4({
    service: service!,
    region: region!,
    credentials: {
      accessKeyId: accessKeyId!,
      secretAccessKey: secret,
      ...(headers['x-amz-security-token'] ? { sessionToken: headers['x-amz-security-token'] } : {}),
    },
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  })
  const signed = await signer.sign(
    {
      method: input.method,
      protocol: 'http:',
      hostname: input.url.hostname,
      path: input.url.pathname,
      query,
      headers,
      body: input.body,
    },
    { signingDate: date },
  )
  const expected = AUTH_PATTERN.exec(String(signed.headers.authorization ?? ''))
  if (!expected || expected[5] !== signedHeaderList) {
    return { problem: 'signed header sets differ', code: 'SignatureDoesNotMatch', accessKeyId }
  }
  if (expected[6] !== signature) {
    return { problem: 'signature mismatch', code: 'SignatureDoesNotMatch', accessKeyId }
  }
  return { accessKeyId }
}

function randomKey(prefix: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const bytes = randomBytes(length)
  let out = prefix
  for (const b of bytes) out += alphabet[b % alphabet.length]
  return out
}

/**
 * Starts the fake AWS STS endpoint on 127.0.0.1 with a free port.
 *
 * @example
 * ```ts
 * const sts = await startFakeAwsSTS({ keys: { AKIDEXAMPLE: 'secret' } })
 * sts.inject({ status: 400, code: 'Throttling' })
 * ```
 */
export async function startFakeAwsSTS(options: FakeAwsSTSOptions): Promise<FakeAwsSTS> {
  const region = options.region ?? 'us-east-1'
  const now = options.now ?? Date.now
  const faults: FakeFault[] = []
  const sockets = new Set<Socket>()
  const fake: FakeAwsSTS = {
    endpoint: '',
    requests: [],
    inject: (...more) => faults.push(...more),
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // The fake's clock, so clients can learn a skew from it.
    res.setHeader('date', new Date(now()).toUTCString())
    const body = await readBody(req)
    const headers = flatHeaders(req)
    const url = new URL(req.url ?? '/', `http://${headers.host ?? '127.0.0.1'}`)
    const params = Object.fromEntries(new URLSearchParams(body))
    const verdict = await verifySigV4({
      method: req.method ?? 'GET',
      url,
      headers,
      body,
      keys: options.keys,
      region,
      service: 'sts',
      now: now(),
    })
    const record: FakeSTSRequest = {
      method: req.method ?? '',
      path: url.pathname,
      headers: Object.fromEntries(
        Object.entries(headers).filter(
          ([k]) => !['authorization', 'x-amz-security-token'].includes(k),
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
      if (await applyFault(fault, res, awsError)) return
    }
    const fail = (status: number, code: string, message: string) => {
      const { type, body: xml } = awsError(code, message, randomUUID())
      res.writeHead(status, { 'content-type': type })
      res.end(xml)
    }
    if (req.method !== 'POST' || url.pathname !== '/')
      return fail(400, 'InvalidAction', 'POST / only')
    if (verdict.problem) {
      const status = verdict.code === 'IncompleteSignature' ? 400 : 403
      return fail(status, verdict.code ?? 'SignatureDoesNotMatch', verdict.problem)
    }
    if (!headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return fail(400, 'InvalidParameterValue', 'form body expected')
    }
    if (params.Version !== '2011-06-15') return fail(400, 'InvalidAction', 'bad Version')
    const action = params.Action
    if (action !== 'AssumeRole' && action !== 'GetFederationToken') {
      return fail(400, 'InvalidAction', `unknown action ${action}`)
    }
    const duration = Number(params.DurationSeconds ?? (action === 'AssumeRole' ? 3600 : 43200))
    const max = action === 'AssumeRole' ? 43200 : 129600
    if (!Number.isInteger(duration) || duration < 900 || duration > max) {
      return fail(400, 'ValidationError', 'DurationSeconds out of range')
    }
    if (params.Policy !== undefined && params.Policy.length > 2048) {
      return fail(400, 'PackedPolicyTooLarge', 'policy too large')
    }
    if (action === 'AssumeRole' && (!params.RoleArn || !params.RoleSessionName)) {
      return fail(400, 'ValidationError', 'RoleArn and RoleSessionName are required')
    }
    if (action === 'GetFederationToken' && !params.Name) {
      return fail(400, 'ValidationError', 'Name is required')
    }
    const issued = {
      accessKeyId: randomKey('ASIA', 16),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(300).toString('base64'),
    }
    fake.lastIssued = issued
    const expiration = new Date(Math.floor(now() / 1000) * 1000 + duration * 1000).toISOString()
    const user =
      action === 'AssumeRole'
        ? `<AssumedRoleUser><Arn>${xmlEscape(params.RoleArn ?? '')}/${xmlEscape(params.RoleSessionName ?? '')}</Arn><AssumedRoleId>AROAFAKE:${xmlEscape(params.RoleSessionName ?? '')}</AssumedRoleId></AssumedRoleUser>`
        : `<FederatedUser><Arn>arn:aws:sts::123456789012:federated-user/${xmlEscape(params.Name ?? '')}</Arn><FederatedUserId>123456789012:${xmlEscape(params.Name ?? '')}</FederatedUserId></FederatedUser>`
    const requestId = randomUUID()
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId })
    res.end(
      `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>${user}` +
        `<Credentials><AccessKeyId>${issued.accessKeyId}</AccessKeyId>` +
        `<SecretAccessKey>${issued.secretAccessKey}</SecretAccessKey>` +
        `<SessionToken>${issued.sessionToken}</SessionToken>` +
        `<Expiration>${expiration}</Expiration></Credentials>` +
        `<PackedPolicySize>6</PackedPolicySize></${action}Result>` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
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

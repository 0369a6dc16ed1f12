import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { isDeepStrictEqual } from 'node:util'

// The OFFICIAL TC3 signer of tencentcloud-sdk-nodejs-common, so our signer is checked by code
// we did not write. It signs `content-type;host` with the host name taken from the URL.
const require = createRequire(import.meta.url)
const { default: OfficialSign } =
  require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js') as {
    default: { sign3(args: Record<string, unknown>): string }
  }

/** A fault the fake applies to the next request(s), in order. */
export type FakeTencentFault =
  | { kind: 'http'; status: number; body?: string }
  | { kind: 'error'; code: string; message?: string; status?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'reset' }

/** One request as the fake saw it (no Authorization header, no secrets). */
export interface FakeTencentRecord {
  action: string | undefined
  region: string | undefined
  version: string | undefined
  timestamp: number
  /** The JSON body, with `Policy` decoded back to an object when it was valid. */
  params: Record<string, unknown>
  signatureValid: boolean
  /** The error code answered, or undefined on success. */
  errorCode: string | undefined
  receivedAt: number
}

/** Options of {@link startFakeTencentSTS}. */
export interface FakeTencentSTSOptions {
  /** Permanent keys the fake accepts: SecretId -> SecretKey. */
  keys: Record<string, string>
  /** Server clock offset from the real clock, in ms (skew tests). Default 0. */
  clockOffsetMs?: number
  /** Expected decoded CAM policy; a mismatch answers `InvalidParameter.StrategyInvalid`. */
  expectedPolicy?: unknown
}

/** A running fake of `sts.tencentcloudapi.com` on 127.0.0.1. */
export interface FakeTencentSTS {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** Every request received, in order. */
  readonly records: FakeTencentRecord[]
  /** Credentials issued so far (successful answers). */
  readonly issued: number
  /** Server clock offset in ms; change it between calls. */
  clockOffsetMs: number
  /** Expected decoded policy (undefined: not checked). */
  expectedPolicy: unknown
  /** Queues `count` copies of a fault for the next requests. */
  inject(fault: FakeTencentFault, count?: number): void
  /** Forgets records, faults and counters. */
  reset(): void
  close(): Promise<void>
}

const TC3_PREFIX = 'TC3-HMAC-SHA256 '
const JSON_TYPE = 'application/json; charset=utf-8'
const MAX_SKEW_SECONDS = 300

function utcDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10)
}

function parseAuthorization(value: string | undefined) {
  if (!value?.startsWith(TC3_PREFIX)) return undefined
  const parts: Record<string, string> = {}
  for (const part of value.slice(TC3_PREFIX.length).split(', ')) {
    const eq = part.indexOf('=')
    if (eq > 0) parts[part.slice(0, eq)] = part.slice(eq + 1)
  }
  const [secretId, date, service, terminator] = (parts.Credential ?? '').split('/')
  if (!secretId || !date || !service || terminator !== 'tc3_request') return undefined
  if (!parts.SignedHeaders || !parts.Signature) return undefined
  return { secretId, date, service, signedHeaders: parts.SignedHeaders, signature: parts.Signature }
}

function randomText(bytes: number): string {
  return randomBytes(bytes).toString('base64url')
}

/**
 * Starts a fake Tencent Cloud STS endpoint (API 3.0, version 2018-08-13) on 127.0.0.1, port 0.
 * It verifies every TC3 signature with the official SDK's signer, rejects timestamps more than
 * 5 minutes from its clock with `AuthFailure.SignatureExpire` (and a `Date` header with its
 * time), checks the decoded `Policy` against `expectedPolicy`, and answers GetFederationToken
 * and AssumeRole with the documented response and error shapes. Faults are injected with
 * `inject()`.
 */
export async function startFakeTencentSTS(options: FakeTencentSTSOptions): Promise<FakeTencentSTS> {
  const faults: FakeTencentFault[] = []
  const records: FakeTencentRecord[] = []
  const timers = new Set<ReturnType<typeof setTimeout>>()
  let issued = 0

  const state = {
    clockOffsetMs: options.clockOffsetMs ?? 0,
    expectedPolicy: options.expectedPolicy as unknown,
  }
  const serverNow = () => Date.now() + state.clockOffsetMs

  const send = (res: ServerResponse, status: number, payload: unknown) => {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload)
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      Date: new Date(serverNow()).toUTCString(),
    })
    res.end(body)
  }
  const sendError = (res: ServerResponse, code: string, message: string, status = 200) =>
    send(res, status, {
      Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() },
    })

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const headers = req.headers
    const timestamp = Number(headers['x-tc-timestamp'])
    const record: FakeTencentRecord = {
      action: headers['x-tc-action'] as string | undefined,
      region: headers['x-tc-region'] as string | undefined,
      version: headers['x-tc-version'] as string | undefined,
      timestamp,
      params: {},
      signatureValid: false,
      errorCode: undefined,
      receivedAt: serverNow(),
    }
    records.push(record)
    const fail = (code: string, message: string, status = 200) => {
      record.errorCode = code
      sendError(res, code, message, status)
    }

    const fault = faults.shift()
    if (fault?.kind === 'delay') {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t)
          resolve()
        }, fault.ms)
        timers.add(t)
      })
    }
    // A client that gave up during the delay gets nothing, and nothing is issued or counted.
    if (res.destroyed || req.socket.destroyed) return
    if (fault?.kind === 'hang') return
    if (fault?.kind === 'reset') {
      req.socket.destroy()
      return
    }

    // Signature and clock checks come first, as on the real service.
    const auth = parseAuthorization(headers.authorization)
    if (req.method !== 'POST' || !auth) {
      return fail(
        'AuthFailure.InvalidAuthorization',
        'Authorization header is missing or malformed',
      )
    }
    const secretKey = options.keys[auth.secretId]
    if (secretKey === undefined) {
      return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found')
    }
    if (!Number.isInteger(timestamp)) {
      return fail('MissingParameter', 'The request is missing a required parameter `Timestamp`.')
    }
    if (Math.abs(serverNow() / 1000 - timestamp) > MAX_SKEW_SECONDS) {
      return fail(
        'AuthFailure.SignatureExpire',
        'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.',
      )
    }
    if (headers['content-type'] !== JSON_TYPE) {
      return fail(
        'AuthFailure.SignatureFailure',
        'Content-Type must be application/json; charset=utf-8',
      )
    }
    const host = headers.host ?? ''
    const expected = OfficialSign.sign3({
      method: 'POST',
      url: `http://${host}/`,
      payload: raw,
      timestamp,
      service: 'sts',
      secretId: auth.secretId,
      secretKey,
      multipart: false,
      boundary: '',
      headers: { 'Content-Type': headers['content-type'] },
    })
    if (
      auth.date !== utcDate(timestamp) ||
      auth.service !== 'sts' ||
      headers.authorization !== expected
    ) {
      return fail(
        'AuthFailure.SignatureFailure',
        'The provided credentials could not be validated. Please check your signature is correct.',
      )
    }
    record.signatureValid = true

    let params: Record<string, unknown>
    try {
      params = JSON.parse(raw.toString('utf8'))
    } catch {
      return fail('InvalidParameter', 'The request body is not valid JSON.')
    }
    record.params = { ...params }
    if (record.version !== '2018-08-13') {
      return fail('InvalidParameter', 'The Version is not supported.')
    }
    if (!record.region) return fail('MissingParameter', 'The Region parameter is missing.')

    if (fault?.kind === 'http') {
      record.errorCode = `HTTP${fault.status}`
      res.writeHead(fault.status, {
        'Content-Type': 'text/html',
        Date: new Date(serverNow()).toUTCString(),
      })
      res.end(fault.body ?? '<html><body>upstream error</body></html>')
      return
    }
    if (fault?.kind === 'error') {
      return fail(fault.code, fault.message ?? `Injected ${fault.code}`, fault.status ?? 200)
    }

    const action = record.action
    let defaultDuration: number
    let maxDuration: number
    if (action === 'GetFederationToken') {
      if (typeof params.Name !== 'string' || params.Name.length === 0) {
        return fail('MissingParameter', 'The request is missing a required parameter `Name`.')
      }
      if (typeof params.Policy !== 'string') {
        return fail('MissingParameter', 'The request is missing a required parameter `Policy`.')
      }
      defaultDuration = 1800
      maxDuration = 129_600
    } else if (action === 'AssumeRole') {
      if (
        typeof params.RoleArn !== 'string' ||
        !/^qcs::cam::uin\/\d+:role(Name)?\//.test(params.RoleArn)
      ) {
        return fail('InvalidParameter.ParamError', 'RoleArn is invalid.')
      }
      if (
        typeof params.RoleSessionName !== 'string' ||
        !/^[\w+=,.@-]{2,128}$/.test(params.RoleSessionName)
      ) {
        return fail('InvalidParameter.ParamError', 'RoleSessionName is invalid.')
      }
      defaultDuration = 7200
      maxDuration = 43_200
    } else {
      return fail('InvalidAction', `The action ${String(action)} is not supported.`)
    }

    if (params.Policy !== undefined) {
      let policy: unknown
      try {
        policy = JSON.parse(decodeURIComponent(String(params.Policy)))
      } catch {
        return fail('InvalidParameter.StrategyFormatError', 'The policy is not URL-encoded JSON.')
      }
      record.params.Policy = policy
      if (JSON.stringify(policy).includes('"principal"')) {
        return fail('InvalidParameter.StrategyInvalid', 'principal is not allowed in the policy.')
      }
      if (state.expectedPolicy !== undefined && !isDeepStrictEqual(policy, state.expectedPolicy)) {
        return fail('InvalidParameter.StrategyInvalid', 'The policy differs from the expected one.')
      }
    }
    const duration = params.DurationSeconds === undefined ? defaultDuration : params.DurationSeconds
    if (
      typeof duration !== 'number' ||
      !Number.isInteger(duration) ||
      duration < 1 ||
      duration > maxDuration
    ) {
      return fail('InvalidParameter.OverTimeError', 'DurationSeconds is out of range.')
    }

    issued++
    const expiredTime = Math.floor(serverNow() / 1000) + duration
    send(res, 200, {
      Response: {
        Credentials: {
          Token: randomText(600),
          TmpSecretId: `AKID${randomText(24)}`,
          TmpSecretKey: randomText(32),
        },
        ExpiredTime: expiredTime,
        Expiration: new Date(expiredTime * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        RequestId: randomUUID(),
      },
    })
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 'InternalError', String(error), 500)
      })
    })
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    records,
    get issued() {
      return issued
    },
    get clockOffsetMs() {
      return state.clockOffsetMs
    },
    set clockOffsetMs(value: number) {
      state.clockOffsetMs = value
    },
    get expectedPolicy() {
      return state.expectedPolicy
    },
    set expectedPolicy(value: unknown) {
      state.expectedPolicy = value
    },
    inject(fault, count = 1) {
      for (let i = 0; i < count; i++) faults.push(fault)
    },
    reset() {
      faults.length = 0
      records.length = 0
      issued = 0
    },
    close() {
      for (const t of timers) clearTimeout(t)
      timers.clear()
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

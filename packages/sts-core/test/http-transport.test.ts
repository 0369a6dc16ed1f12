import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { STSError, STSRequestError, STSSignatureError } from '@aury/errors'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { HttpTransport, type TransportCall, type TransportResponse } from '../src/index'

/** A scripted server: each request takes the next step; the default step answers 200. */
type Step = (req: IncomingMessage, res: ServerResponse) => void
let server: Server
let url: string
let steps: Step[] = []
let seen: { at: number; signedAt: number }[] = []

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Step => {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
}
const ok = json(200, { Response: { Value: 'ok' } })
const cloudError = (code: string, headers: Record<string, string> = {}, status = 200) =>
  json(
    status,
    { Response: { Error: { Code: code, Message: `msg ${code}` }, RequestId: 'rid-1' } },
    headers,
  )

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      seen.push({ at: Date.now(), signedAt: Number(req.headers['x-signed-at']) })
      const step = steps.shift() ?? ok
      step(req, res)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})
beforeEach(() => {
  steps = []
  seen = []
})

function interpret(res: TransportResponse) {
  let body: {
    Response?: { Value?: string; Error?: { Code: string; Message: string }; RequestId?: string }
  }
  try {
    body = JSON.parse(res.body)
  } catch {
    return { failure: { code: 'InvalidResponse', message: `HTTP ${res.status}` } }
  }
  const error = body.Response?.Error
  if (error) {
    return {
      failure: {
        code: error.Code,
        message: error.Message,
        requestId: body.Response?.RequestId,
        signature: error.Code === 'AuthFailure.SignatureFailure',
      },
    }
  }
  if (res.status >= 300)
    return { failure: { code: 'InvalidResponse', message: `HTTP ${res.status}` } }
  return { value: body.Response?.Value ?? '' }
}

function call(signal?: AbortSignal): TransportCall<string> {
  return {
    operation: 'Test',
    sign: (now) => ({
      url,
      method: 'POST',
      headers: { 'x-signed-at': String(now.getTime()) },
      body: '{}',
    }),
    interpret,
    signal,
  }
}

function transport(extra: Partial<ConstructorParameters<typeof HttpTransport>[0]> = {}) {
  const delays: number[] = []
  const t = new HttpTransport({
    provider: 'test',
    random: () => 1,
    sleep: async (ms) => {
      delays.push(ms)
    },
    ...extra,
  })
  return { t, delays }
}

async function failure(p: Promise<unknown>): Promise<STSError> {
  try {
    await p
  } catch (error) {
    expect(error).toBeInstanceOf(STSError)
    return error as STSError
  }
  throw new Error('expected a rejection')
}

describe('HttpTransport retries', () => {
  it('500 then 200 succeeds on attempt 2', async () => {
    steps = [json(500, { x: 1 })]
    const { t, delays } = transport()
    const result = await t.send(call())
    expect(result).toMatchObject({ value: 'ok', attempts: 2, status: 200 })
    expect(seen).toHaveLength(2)
    expect(delays).toEqual([100])
  })

  it('gives up after 3 attempts on repeated 503, with exponential full-jitter ceilings', async () => {
    steps = [json(503, {}), json(503, {}), json(503, {}), json(503, {})]
    const { t, delays } = transport()
    const e = await failure(t.send(call()))
    expect(seen).toHaveLength(3)
    expect(e.code).toBe('InvalidResponse')
    expect(e.httpStatus).toBe(503)
    expect(e.retryable).toBe(true)
    expect(e.details?.attempts).toBe(3)
    expect(delays).toEqual([100, 200])
  })

  it('draws the delay uniformly below the ceiling (full jitter)', async () => {
    steps = [json(502, {}), json(502, {})]
    const { t, delays } = transport({ random: () => 0.25 })
    await t.send(call())
    expect(delays).toEqual([25, 50])
  })

  it.each([
    'RequestLimitExceeded',
    'RequestLimitExceeded.UinLimitExceeded',
    'Throttling',
    'ThrottlingException',
  ])('retries throttling code %s with the throttling base', async (code) => {
    steps = [cloudError(code), cloudError(code)]
    const { t, delays } = transport()
    const result = await t.send(call())
    expect(result.attempts).toBe(3)
    expect(delays).toEqual([500, 1000])
  })

  it('honours Retry-After up to maxDelayMs', async () => {
    steps = [json(429, {}, { 'Retry-After': '2' }), json(429, {}, { 'Retry-After': '60' })]
    const { t, delays } = transport({ random: () => 0, maxDelayMs: 5000 })
    await t.send(call())
    expect(delays).toEqual([2000, 5000])
  })

  it.each([
    [400, 'InvalidParameter'],
    [403, 'AuthFailure.UnauthorizedOperation'],
    [404, 'ResourceNotFound.RoleNotFound'],
    [501, 'NotImplemented'],
    [200, 'InvalidParameter.PolicyTooLong'],
  ])('does not retry HTTP %i / %s', async (status, code) => {
    steps = [cloudError(code, {}, status)]
    const { t } = transport()
    const e = await failure(t.send(call()))
    expect(seen).toHaveLength(1)
    expect(e).toBeInstanceOf(STSRequestError)
    expect(e).toMatchObject({ code, requestId: 'rid-1', httpStatus: status, retryable: false })
    expect((e as STSRequestError).cloudMessage).toBe(`msg ${code}`)
  })

  it('maps signature refusals to STSSignatureError', async () => {
    steps = [cloudError('AuthFailure.SignatureFailure')]
    const e = await failure(transport().t.send(call()))
    expect(e).toBeInstanceOf(STSSignatureError)
    expect(seen).toHaveLength(1)
  })

  it('retries a refused connection as a network error', async () => {
    const dead = createServer()
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r))
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/`
    await new Promise((r) => dead.close(r))
    const { t, delays } = transport()
    const e = await failure(
      t.send({ ...call(), sign: () => ({ url: deadUrl, method: 'GET', headers: {} }) }),
    )
    expect(e.code).toBe('NetworkError')
    expect(e.retryable).toBe(true)
    expect(delays).toHaveLength(2)
  })

  it('retries a connection reset before any response byte', async () => {
    steps = [(req) => req.socket.destroy()]
    const result = await transport().t.send(call())
    expect(result.attempts).toBe(2)
  })

  it('maxAttempts 1 disables retries', async () => {
    steps = [json(500, {})]
    await failure(transport({ maxAttempts: 1 }).t.send(call()))
    expect(seen).toHaveLength(1)
  })
})

describe('HttpTransport clock skew', () => {
  it('re-signs once with the server clock from Date and keeps the offset', async () => {
    const serverTime = Date.now() + 3600_000
    const date = new Date(serverTime).toUTCString()
    steps = [cloudError('AuthFailure.SignatureExpire', { Date: date })]
    const { t, delays } = transport()
    const result = await t.send(call())
    expect(result.attempts).toBe(2)
    expect(delays).toEqual([])
    expect(Math.abs(seen[1]!.signedAt - serverTime)).toBeLessThan(5000)
    expect(Math.abs(t.clockOffsetMs - 3600_000)).toBeLessThan(5000)
    await t.send(call())
    expect(Math.abs(seen[2]!.signedAt - serverTime)).toBeLessThan(5000)
  })

  it('does not retry when the Date shows no real skew', async () => {
    steps = [
      cloudError('RequestTimeTooSkewed', { Date: new Date(Date.now() + 30_000).toUTCString() }),
    ]
    const e = await failure(transport().t.send(call()))
    expect(e.code).toBe('RequestTimeTooSkewed')
    expect(seen).toHaveLength(1)
  })

  it('corrects only once per call', async () => {
    steps = [
      cloudError('AuthFailure.SignatureExpire', {
        Date: new Date(Date.now() + 3600_000).toUTCString(),
      }),
      cloudError('AuthFailure.SignatureExpire', {
        Date: new Date(Date.now() + 7200_000).toUTCString(),
      }),
    ]
    const e = await failure(transport().t.send(call()))
    expect(e.code).toBe('AuthFailure.SignatureExpire')
    expect(seen).toHaveLength(2)
  })

  it('uses the injected clock to sign', async () => {
    const { t } = transport({ now: () => Date.UTC(2030, 0, 1) })
    await t.send(call())
    expect(seen[0]!.signedAt).toBe(Date.UTC(2030, 0, 1))
  })
})

describe('HttpTransport timeout and abort', () => {
  it('times out a hanging server with code Timeout, retried, then surfaced', async () => {
    steps = [() => {}, () => {}]
    const { t } = transport({ timeoutMs: 300, maxAttempts: 2 })
    const started = Date.now()
    const e = await failure(t.send(call()))
    expect(e.code).toBe('Timeout')
    expect(e.retryable).toBe(true)
    expect(e.details?.attempts).toBe(2)
    expect(Date.now() - started).toBeLessThan(2000)
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 2000, interval: 5 })
  })

  it('aborts before the call without any request', async () => {
    const controller = new AbortController()
    controller.abort()
    const e = await failure(transport().t.send(call(controller.signal)))
    expect(e.code).toBe('Aborted')
    expect(seen).toHaveLength(0)
  })

  it('aborts during the call, distinguishable from a timeout', async () => {
    steps = [() => {}]
    const controller = new AbortController()
    const { t } = transport({ timeoutMs: 5000 })
    const pending = t.send(call(controller.signal))
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 5000, interval: 5 })
    controller.abort()
    const started = Date.now()
    const e = await failure(pending)
    expect(e.code).toBe('Aborted')
    expect(Date.now() - started).toBeLessThan(1000)
    expect(seen).toHaveLength(1)
  })

  it('aborts during backoff within 50 ms and sends nothing more', async () => {
    steps = [json(503, {})]
    const controller = new AbortController()
    const t = new HttpTransport({
      provider: 'test',
      random: () => 1,
      baseDelayMs: 10_000,
      maxDelayMs: 10_000,
    })
    const pending = t.send(call(controller.signal))
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 5000, interval: 5 })
    await new Promise((r) => setTimeout(r, 50))
    const abortedAt = Date.now()
    controller.abort()
    const e = await failure(pending)
    expect(e.code).toBe('Aborted')
    expect(Date.now() - abortedAt).toBeLessThan(50)
    expect(seen).toHaveLength(1)
  })

  it('rejects an oversized response', async () => {
    steps = [json(200, { big: 'x'.repeat(5000) })]
    const e = await failure(transport({ maxResponseBytes: 1000 }).t.send(call()))
    expect(e.code).toBe('InvalidResponse')
  })

  it('rejects bad options', () => {
    expect(() => new HttpTransport({ provider: 'x', timeoutMs: 0 })).toThrow(STSError)
    expect(() => new HttpTransport({ provider: 'x', maxAttempts: Number.NaN })).toThrow(STSError)
  })
})

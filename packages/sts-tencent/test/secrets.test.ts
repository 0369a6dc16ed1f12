import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { inspect } from 'node:util'
import { StorageSDKError } from '@aury/errors'
import { type FakeTencentSTS, startFakeTencentSTS } from '@aury/testkit/fake-tencent-sts'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type TencentSTSConfig, TencentSTSProvider } from '../src/index'

// >= 1,000 generated failures across every error path of the provider and the transport, each
// with a random secret key (and, where a token travels, a random token): none may show up in
// the message, stack, toString, JSON or util.inspect of the error, its cause, or the provider.

const keys: Record<string, string> = {}
let fake: FakeTencentSTS
let failures = 0
beforeAll(async () => {
  fake = await startFakeTencentSTS({ keys })
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => fake.reset())

const secret = fc.stringMatching(/^[A-Za-z0-9+/]{16,48}$/)
const secretId = fc.stringMatching(/^AKID[A-Za-z0-9]{16,32}$/)
const request = { bucket: 'my-bucket-1250000000', region: 'ap-guangzhou', allowPath: 'user/1/' }

function make(id: string, key: string, extra: Partial<TencentSTSConfig> = {}) {
  return new TencentSTSProvider({
    secretId: id,
    secretKey: key,
    endpoint: fake.url,
    sleep: async () => {},
    maxAttempts: 2,
    ...extra,
  })
}

function surfaces(value: unknown): string {
  const parts = [
    inspect(value, { depth: 10, showHidden: true }),
    inspect(value, { depth: 10 }),
    JSON.stringify(value),
    String(value),
  ]
  if (value instanceof Error) {
    parts.push(value.message, value.stack ?? '')
    const cause = (value as { cause?: unknown }).cause
    if (cause !== undefined) parts.push(surfaces(cause))
  }
  return parts.join('\n')
}

async function expectClean(
  action: () => Promise<unknown>,
  secrets: string[],
  code?: string | RegExp,
  provider?: TencentSTSProvider,
) {
  let caught: unknown
  try {
    await action()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(StorageSDKError)
  if (code !== undefined) expect((caught as StorageSDKError).code).toMatch(code)
  failures++
  const text = surfaces(caught) + (provider ? surfaces(provider) : '')
  for (const s of secrets) expect(text).not.toContain(s)
}

const RUNS = 130

describe('no secret in any error output', () => {
  it('cloud refusals that echo the secret key', async () => {
    await fc.assert(
      fc.asyncProperty(secretId, secret, async (id, key) => {
        keys[id] = key
        fake.reset()
        fake.inject({
          kind: 'error',
          code: 'InvalidParameter.ParamError',
          message: `bad ${key} (${key})`,
        })
        const p = make(id, key)
        await expectClean(() => p.getCredentials(request), [key], 'InvalidParameter.ParamError', p)
      }),
      { numRuns: RUNS },
    )
  })

  it('signature failures (the server knows another key)', async () => {
    await fc.assert(
      fc.asyncProperty(secretId, secret, secret, async (id, key, wrong) => {
        fc.pre(key !== wrong)
        keys[id] = key
        const p = make(id, wrong)
        await expectClean(
          () => p.getCredentials(request),
          [wrong, key],
          'AuthFailure.SignatureFailure',
          p,
        )
      }),
      { numRuns: RUNS },
    )
  })

  it('5xx until the attempts run out', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretId,
        secret,
        fc.constantFrom(500, 502, 503, 504),
        async (id, key, status) => {
          keys[id] = key
          fake.reset()
          fake.inject({ kind: 'http', status, body: `<html>${key}</html>` }, 2)
          const p = make(id, key)
          await expectClean(() => p.getCredentials(request), [key], 'InvalidResponse', p)
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('throttling until the attempts run out', async () => {
    await fc.assert(
      fc.asyncProperty(secretId, secret, async (id, key) => {
        keys[id] = key
        fake.reset()
        fake.inject({ kind: 'error', code: 'RequestLimitExceeded', message: `slow ${key}` }, 2)
        const p = make(id, key)
        await expectClean(() => p.getCredentials(request), [key], 'RequestLimitExceeded', p)
      }),
      { numRuns: RUNS },
    )
  })

  it('invalid success bodies that carry a token', async () => {
    await fc.assert(
      fc.asyncProperty(secretId, secret, secret, async (id, key, token) => {
        keys[id] = key
        const body = JSON.stringify({
          Response: { Credentials: { Token: token, TmpSecretId: 'AKIDx' }, RequestId: 'r' },
        })
        fake.reset()
        fake.inject({ kind: 'http', status: 200, body })
        const p = make(id, key)
        await expectClean(() => p.getCredentials(request), [key, token], 'InvalidResponse', p)
      }),
      { numRuns: RUNS },
    )
  })

  it('invalid requests', async () => {
    const bad = fc.constantFrom<Record<string, unknown>>(
      { ...request, durationSeconds: 0 },
      { ...request, allowPath: '../x' },
      { ...request, bucket: 'nobucket' },
      { ...request, region: 'a.b' },
      { ...request, actionType: 'x' },
    )
    await fc.assert(
      fc.asyncProperty(secretId, secret, bad, async (id, key, input) => {
        const p = make(id, key)
        await expectClean(() => p.getCredentials(input as never), [key], /^Invalid/, p)
      }),
      { numRuns: RUNS },
    )
    expect(fake.records).toHaveLength(0)
  })

  it('invalid configurations that hold a secret key', async () => {
    const bad = fc.constantFrom<Partial<TencentSTSConfig>>(
      { region: 'x/y' },
      { endpoint: 'http://example.com' },
      { roleArn: 'nope' },
      { maxFederationDurationSeconds: 0 },
      { appid: 'abc' },
    )
    await fc.assert(
      fc.asyncProperty(secretId, secret, bad, async (id, key, extra) => {
        await expectClean(async () => make(id, key, extra), [key], /^Invalid/)
      }),
      { numRuns: RUNS },
    )
  })

  it('network failures (connection refused)', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const endpoint = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise((resolve) => closed.close(resolve))
    await fc.assert(
      fc.asyncProperty(secretId, secret, async (id, key) => {
        const p = make(id, key, { endpoint })
        await expectClean(() => p.getCredentials(request), [key], 'NetworkError', p)
      }),
      { numRuns: RUNS },
    )
  })

  it('timeouts', async () => {
    await fc.assert(
      fc.asyncProperty(secretId, secret, async (id, key) => {
        keys[id] = key
        fake.reset()
        fake.inject({ kind: 'hang' }, 3)
        const p = make(id, key, { timeoutMs: 25, maxAttempts: 1 })
        await expectClean(() => p.getCredentials(request), [key], 'Timeout', p)
      }),
      { numRuns: 100 },
    )
  })

  it('aborts, with a reason that contains the secret', async () => {
    await fc.assert(
      fc.asyncProperty(secretId, secret, fc.boolean(), async (id, key, early) => {
        keys[id] = key
        fake.reset()
        fake.inject({ kind: 'delay', ms: 200 }, 3)
        const controller = new AbortController()
        const reason = new Error(`cancelled ${key}`)
        if (early) controller.abort(reason)
        else setTimeout(() => controller.abort(reason), 5)
        const p = make(id, key)
        await expectClean(
          () => p.getCredentials(request, { signal: controller.signal }),
          [key],
          'Aborted',
          p,
        )
      }),
      { numRuns: 100 },
    )
  })

  it('counted at least 1,000 generated failures', () => {
    expect(failures).toBeGreaterThanOrEqual(1000)
  })
})

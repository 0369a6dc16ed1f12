import { randomBytes } from 'node:crypto'
import { createServer, type Server, type Socket } from 'node:net'
import { inspect } from 'node:util'
import { type FakeAliyunSTS, startFakeAliyunSTS } from '@aury/testkit/fake-aliyun-sts'
import type { FakeFault } from '@aury/testkit/fake-aws-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AliyunSTSProvider } from '../src/index'

const ITERATIONS = 1_008
const REQUEST = { bucket: 'photos', region: 'cn-hangzhou', allowPath: 'user/12/' }
const ROLE = 'acs:ram::1234567890123456:role/oss-uploader'

function secretText(bytes: number): string {
  const specials = '+/=.*?$()[]{}|\\^&%"'
  const base = randomBytes(bytes).toString('base64')
  const i = randomBytes(1)[0]! % base.length
  return base.slice(0, i) + specials[randomBytes(1)[0]! % specials.length] + base.slice(i)
}

let sts: FakeAliyunSTS
const keys: Record<string, string> = {}
// Timeouts go to a server that accepts connections and never answers, so a request that the
// client gives up on before it is even sent cannot leave a queued fault behind.
let blackHole: Server
let blackHoleUrl = ''
const held = new Set<Socket>()
beforeAll(async () => {
  blackHole = createServer((socket) => {
    held.add(socket)
    socket.on('close', () => held.delete(socket))
  })
  await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', r))
  const address = blackHole.address()
  blackHoleUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  sts = await startFakeAliyunSTS({ keys })
})
afterAll(async () => {
  for (const socket of held) socket.destroy()
  await new Promise<void>((r) => blackHole.close(() => r()))
  await sts.close()
})

const KINDS = [
  'cloud-error-echoing-secrets',
  'garbage-5xx-with-secrets',
  'unreadable-success-with-secrets',
  'signature-mismatch',
  'connection-reset',
  'timeout',
  'aborted',
  'invalid-request',
  'invalid-config',
] as const
type Kind = (typeof KINDS)[number]

describe('AliyunSTSProvider never leaks a secret on an error path', () => {
  it(`${ITERATIONS} generated failures with random secrets`, { timeout: 120_000 }, async () => {
    const counts: Partial<Record<Kind, number>> = {}
    for (let n = 0; n < ITERATIONS; n++) {
      const kind = KINDS[n % KINDS.length]!
      const accessKeyId = `LTAI${randomBytes(8).toString('hex')}`
      const accessKeySecret = secretText(30)
      const securityToken = secretText(200)
      const issuedSecret = secretText(30)
      const secrets = [accessKeySecret, securityToken, issuedSecret]
      keys[accessKeyId] = kind === 'signature-mismatch' ? 'some-other-secret' : accessKeySecret
      const logLines: string[] = []
      const logger = {
        debug: (m: string, meta?: object) => logLines.push(`${m} ${JSON.stringify(meta)}`),
        warn: (m: string, meta?: object) => logLines.push(`${m} ${JSON.stringify(meta)}`),
      }
      const echo = `AccessKeySecret=${accessKeySecret}&SecurityToken=${securityToken} raw ${accessKeySecret} ${securityToken}`
      const faults: Partial<Record<Kind, FakeFault>> = {
        'cloud-error-echoing-secrets': { status: 400, code: 'NoPermission', message: echo },
        'garbage-5xx-with-secrets': { status: 503, body: `upstream said ${echo}` },
        'unreadable-success-with-secrets': {
          status: 200,
          body: JSON.stringify({
            Credentials: {
              AccessKeyId: 'STS.x',
              AccessKeySecret: issuedSecret,
              SecurityToken: securityToken,
              Expiration: 'tomorrow',
            },
          }),
        },
        'connection-reset': { reset: true },
      }
      const fault = faults[kind]
      if (fault) sts.inject(fault)
      const seenBefore = sts.requests.length
      let error: unknown
      try {
        const provider = new AliyunSTSProvider({
          accessKeyId,
          accessKeySecret,
          securityToken,
          roleArn: ROLE,
          endpoint:
            kind === 'timeout'
              ? blackHoleUrl
              : kind === 'invalid-config'
                ? `https://${accessKeyId}:${accessKeySecret}@sts.example.com`
                : sts.endpoint,
          maxAttempts: 1,
          timeoutMs: kind === 'timeout' ? 50 : 5_000,
          logger,
        })
        const request = kind === 'invalid-request' ? { ...REQUEST, durationSeconds: 3601 } : REQUEST
        await provider.getCredentials(request, {
          ...(kind === 'aborted' ? { signal: AbortSignal.abort(new Error(echo)) } : {}),
        })
      } catch (caught) {
        error = caught
      }
      expect(error, kind).toBeInstanceOf(Error)
      // Exactly one request per networked failure reached the fake, none for the others.
      const expected = seenBefore + (n % KINDS.length < 5 ? 1 : 0)
      expect(sts.requests.length, kind).toBe(expected)
      const e = error as Error
      const texts = [
        String(e),
        e.message,
        e.stack ?? '',
        JSON.stringify(e),
        inspect(e, { depth: 10 }),
        inspect((e as { cause?: unknown }).cause, { depth: 10 }),
        ...logLines,
      ]
      for (const text of texts) {
        for (const secret of secrets) {
          if (text.includes(secret)) {
            throw new Error(`${kind}: a secret leaked into ${text.slice(0, 200)}`)
          }
        }
      }
      counts[kind] = (counts[kind] ?? 0) + 1
      delete keys[accessKeyId]
    }
    expect(Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)).toBe(ITERATIONS)
    const networked = Array.from({ length: ITERATIONS }, (_, n) => n % KINDS.length < 5)
    expect(sts.requests).toHaveLength(networked.filter(Boolean).length)
  })
})

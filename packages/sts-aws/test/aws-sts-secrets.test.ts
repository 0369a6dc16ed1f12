import { randomBytes } from 'node:crypto'
import { createServer, type Server, type Socket } from 'node:net'
import { inspect } from 'node:util'
import { type FakeAwsSTS, type FakeFault, startFakeAwsSTS } from '@aury/testkit/fake-aws-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AwsSTSProvider } from '../src/index'

const ITERATIONS = 1_008
const REQUEST = { bucket: 'photos', region: 'us-east-1', allowPath: 'user/12/' }

/** Random secret-looking text: base64 plus characters that are special in regexes and URLs. */
function secretText(bytes: number): string {
  const specials = '+/=.*?$()[]{}|\\^&%'
  const base = randomBytes(bytes).toString('base64')
  const i = randomBytes(1)[0]! % base.length
  return base.slice(0, i) + specials[randomBytes(1)[0]! % specials.length] + base.slice(i)
}

let sts: FakeAwsSTS
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
  sts = await startFakeAwsSTS({ keys })
})
afterAll(async () => {
  for (const socket of held) socket.destroy()
  await new Promise<void>((r) => blackHole.close(() => r()))
  await sts.close()
})

type Kind = (typeof KINDS)[number]
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

describe('AwsSTSProvider never leaks a secret on an error path', () => {
  it(`${ITERATIONS} generated failures with random secrets`, { timeout: 120_000 }, async () => {
    const counts: Partial<Record<Kind, number>> = {}
    let requestsBefore = 0
    for (let n = 0; n < ITERATIONS; n++) {
      const kind = KINDS[n % KINDS.length]!
      const accessKeyId = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`
      const secretAccessKey = secretText(30)
      const sessionToken = secretText(120)
      const issuedSecret = secretText(30)
      const secrets = [secretAccessKey, sessionToken, issuedSecret]
      keys[accessKeyId] = kind === 'signature-mismatch' ? 'some-other-secret' : secretAccessKey
      const logLines: string[] = []
      const logger = {
        debug: (m: string, meta?: object) => logLines.push(`${m} ${JSON.stringify(meta)}`),
        warn: (m: string, meta?: object) => logLines.push(`${m} ${JSON.stringify(meta)}`),
      }
      const echo = `key ${accessKeyId} secret ${secretAccessKey} token ${sessionToken} SecretAccessKey=${secretAccessKey}`
      const faults: Partial<Record<Kind, FakeFault>> = {
        'cloud-error-echoing-secrets': { status: 403, code: 'AccessDenied', message: echo },
        'garbage-5xx-with-secrets': { status: 500, body: `<html>${echo}</html>` },
        'unreadable-success-with-secrets': {
          status: 200,
          body: `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>${issuedSecret}</SecretAccessKey><SessionToken>${sessionToken}</SessionToken><Expiration>soon</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`,
        },
        'connection-reset': { reset: true },
      }
      const fault = faults[kind]
      if (fault) sts.inject(fault)

      const seenBefore = sts.requests.length
      let error: unknown
      try {
        const provider = new AwsSTSProvider({
          accessKeyId,
          secretAccessKey,
          // Role chaining: our own session token travels too and must not leak either.
          sessionToken,
          region: 'us-east-1',
          roleArn: 'arn:aws:iam::123456789012:role/uploader',
          endpoint:
            kind === 'timeout'
              ? blackHoleUrl
              : kind === 'invalid-config'
                ? `https://${accessKeyId}:${secretAccessKey}@sts.example.com`
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
    requestsBefore = sts.requests.length
    expect(Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)).toBe(ITERATIONS)
    // Every networked kind really reached the fake (the aborted, invalid kinds did not).
    const networked = Array.from({ length: ITERATIONS }, (_, n) => n % KINDS.length < 5)
    expect(requestsBefore).toBe(networked.filter(Boolean).length)
  })
})

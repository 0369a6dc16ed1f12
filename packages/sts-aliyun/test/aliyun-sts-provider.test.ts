import { inspect } from 'node:util'
import { type STSError, STSRequestError, STSSignatureError, ValidationError } from '@aury/errors'
import { buildAliyunPolicy } from '@aury/policy'
import { ProviderType, STSProviderRegistry } from '@aury/sts-core'
import { type FakeAliyunSTS, startFakeAliyunSTS } from '@aury/testkit/fake-aliyun-sts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AliyunSTSProvider, type AliyunSTSProviderOptions } from '../src/index'

const KEY = 'LTAI5tExampleKeyId'
const SECRET = 'ExampleAccessKeySecret0123456789'
const ROLE = 'acs:ram::1234567890123456:role/oss-uploader'
const REQUEST = { bucket: 'photos', region: 'cn-hangzhou', allowPath: 'user/12/' }

let sts: FakeAliyunSTS
beforeAll(async () => {
  sts = await startFakeAliyunSTS({ keys: { [KEY]: SECRET }, maxSessionDuration: 7200 })
})
afterAll(async () => {
  await sts.close()
})
afterEach(() => {
  sts.requests.length = 0
})

const provider = (extra: Partial<AliyunSTSProviderOptions> = {}) =>
  new AliyunSTSProvider({
    accessKeyId: KEY,
    accessKeySecret: SECRET,
    roleArn: ROLE,
    endpoint: sts.endpoint,
    ...extra,
  })

async function rejection(promise: Promise<unknown>): Promise<STSError> {
  try {
    await promise
  } catch (error) {
    return error as STSError
  }
  throw new Error('expected a rejection')
}

describe('AliyunSTSProvider against a fake STS that verifies ACS3 independently', () => {
  it('AssumeRole: ACS3-signed form POST with the RAM policy; credentials mapped', async () => {
    const before = Date.now()
    const creds = await provider({
      roleSessionName: 'upload-12',
      externalId: 'ext-1',
      maxDurationSeconds: 7200,
    }).getCredentials({ ...REQUEST, durationSeconds: 7200, actionType: 'all' })
    expect(sts.requests).toHaveLength(1)
    const [seen] = sts.requests
    expect(seen?.signatureValid).toBe(true)
    expect(seen?.accessKeyId).toBe(KEY)
    expect(seen?.headers['x-acs-action']).toBe('AssumeRole')
    expect(seen?.headers['x-acs-version']).toBe('2015-04-01')
    expect(seen?.params).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'upload-12',
      DurationSeconds: '7200',
      ExternalId: 'ext-1',
      Policy: JSON.stringify(buildAliyunPolicy({ ...REQUEST, actionType: 'all' })),
    })
    expect(creds.accessKeyId).toBe(sts.lastIssued?.accessKeyId)
    expect(creds.accessKeyId).toMatch(/^STS\./)
    expect(creds.secretAccessKey).toBe(sts.lastIssued?.accessKeySecret)
    expect(creds.sessionToken).toBe(sts.lastIssued?.securityToken)
    expect(creds.provider).toBe('aliyun')
    expect(creds.endpoint).toBe('https://oss-cn-hangzhou.aliyuncs.com')
    expect(creds.region).toBe('cn-hangzhou')
    expect(creds.bucket).toBe('photos')
    expect(creds.requestId).toMatch(/^[0-9A-F-]{36}$/)
    const after = Date.now()
    expect(creds.expiration.getTime()).toBeGreaterThan(before + 7200_000 - 1000)
    expect(creds.expiration.getTime()).toBeLessThanOrEqual(after + 7200_000)
    expect(inspect(creds)).not.toContain(creds.secretAccessKey)
    expect(inspect(creds)).not.toContain(creds.sessionToken)
  })

  it('uses a fresh nonce per attempt (the fake refuses replays) and the injected nonce source', async () => {
    let n = 0
    const p = provider({ nonce: () => `nonce-${++n}-${Date.now()}` })
    sts.inject({ status: 503, code: 'ServiceUnavailable' })
    await p.getCredentials(REQUEST)
    const nonces = sts.requests.map((r) => r.headers['x-acs-signature-nonce'])
    expect(nonces).toHaveLength(2)
    expect(new Set(nonces).size).toBe(2)
    expect(nonces[0]).toMatch(/^nonce-1-/)
    sts.requests.length = 0
    const replay = provider({ nonce: () => 'fixed-nonce-value' })
    await replay.getCredentials(REQUEST)
    const error = await rejection(replay.getCredentials(REQUEST))
    expect(error.code).toBe('SignatureNonceUsed')
    // SignatureNonceUsed is retried, but a fixed nonce source replays again every time.
    expect(sts.requests).toHaveLength(4)
  })

  it('signs the caller security token', async () => {
    await provider({ securityToken: 'caller-security-token' }).getCredentials(REQUEST)
    expect(sts.requests[0]?.signatureValid).toBe(true)
  })

  it('a wrong secret: STSSignatureError SignatureDoesNotMatch, not retried', async () => {
    const error = await rejection(
      provider({ accessKeySecret: 'wrong-secret-0123456789' }).getCredentials(REQUEST),
    )
    expect(error).toBeInstanceOf(STSSignatureError)
    expect(error.code).toBe('SignatureDoesNotMatch')
    expect(sts.requests).toHaveLength(1)
  })

  it('maps the JSON error body: code, message, request id; documented codes not retried', async () => {
    for (const code of [
      'NoPermission',
      'InvalidParameter.PolicyGrammar',
      'EntityNotExist.Role',
      'InvalidAccessKeyId.NotFound',
    ]) {
      sts.requests.length = 0
      sts.inject({ status: code === 'NoPermission' ? 403 : 400, code, message: `${code} text` })
      const error = await rejection(provider().getCredentials(REQUEST))
      expect(error).toBeInstanceOf(STSRequestError)
      expect(error.code).toBe(code)
      expect(error.provider).toBe('aliyun')
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
      expect((error as STSRequestError).cloudMessage).toBe(`${code} text`)
      expect(error.retryable).toBe(false)
      expect(sts.requests).toHaveLength(1)
    }
  })

  it('the fake itself refuses a duration above the role maximum (server-side check works)', async () => {
    const error = await rejection(
      provider({ maxDurationSeconds: 43_200 }).getCredentials({
        ...REQUEST,
        durationSeconds: 7201,
      }),
    )
    expect(error.code).toBe('InvalidParameter.DurationSeconds')
  })

  it('retries Throttling.User and 5xx, then succeeds', async () => {
    sts.inject({ status: 400, code: 'Throttling.User' }, { status: 500, code: 'InternalError' })
    const creds = await provider().getCredentials(REQUEST)
    expect(sts.requests.map((r) => r.faulted)).toEqual([true, true, false])
    expect(creds.accessKeyId).toBe(sts.lastIssued?.accessKeyId)
  })

  it('non-JSON error bodies are InvalidResponse; an unreadable 200 is not retried', async () => {
    sts.inject({ status: 502, body: '<html>bad gateway</html>' })
    await provider().getCredentials(REQUEST)
    expect(sts.requests).toHaveLength(2)
    sts.requests.length = 0
    sts.inject({ status: 200, body: '{"Credentials":{"AccessKeyId":"STS.x"}}' })
    const error = await rejection(provider().getCredentials(REQUEST))
    expect(error.code).toBe('InvalidResponse')
    expect(sts.requests).toHaveLength(1)
  })

  it('timeouts, resets and aborts', async () => {
    sts.inject({ hang: true })
    const timeout = await rejection(
      provider({ timeoutMs: 100, maxAttempts: 1 }).getCredentials(REQUEST),
    )
    expect(timeout.code).toBe('Timeout')
    sts.inject({ reset: true })
    await provider().getCredentials(REQUEST)
    sts.inject({ hang: true })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const aborted = await rejection(
      provider().getCredentials(REQUEST, { signal: controller.signal }),
    )
    expect(aborted.code).toBe('Aborted')
    // hang, reset + retry, hang: four requests, none after the abort.
    expect(sts.requests).toHaveLength(4)
  })

  it('corrects a skewed clock from the Date header (InvalidTimeStamp.Expired)', async () => {
    await provider({ now: () => Date.now() + 2 * 3_600_000 }).getCredentials(REQUEST)
    expect(sts.requests.map((r) => r.signatureProblem)).toEqual(['clock skew', undefined])
  })

  it('rejects bad input before any request', async () => {
    const cases: [Partial<AliyunSTSProviderOptions>, Record<string, unknown>, string][] = [
      [{}, { ...REQUEST, durationSeconds: 899 }, 'InvalidDuration'],
      [{}, { ...REQUEST, durationSeconds: 3601 }, 'InvalidDuration'],
      [{ maxDurationSeconds: 43_200 }, { ...REQUEST, durationSeconds: 43_201 }, 'InvalidDuration'],
      [{}, { ...REQUEST, durationSeconds: 0 }, 'InvalidDuration'],
      [{}, { ...REQUEST, allowPath: 'user/?/' }, 'InvalidScope'],
      [{}, { ...REQUEST, bucket: 'has.dot.bucket' }, 'InvalidBucketName'],
      [{}, { ...REQUEST, region: 'cn-hangzhou/x' }, 'InvalidRegion'],
      [
        { strict: true },
        { ...REQUEST, allowPath: `${'a'.repeat(200)}/`.repeat(5) },
        'PolicyTooLarge',
      ],
    ]
    for (const [options, request, code] of cases) {
      const error = await rejection(provider(options).getCredentials(request as never))
      expect(error, JSON.stringify(request).slice(0, 80)).toBeInstanceOf(ValidationError)
      expect(error.code).toBe(code)
    }
    expect(sts.requests).toHaveLength(0)
  })

  it('rejects bad configuration at construction; a missing roleArn is InvalidConfig', () => {
    const cases: [Partial<AliyunSTSProviderOptions>, string][] = [
      [{ roleArn: undefined }, 'InvalidConfig'],
      [{ roleArn: 'arn:aws:iam::123456789012:role/x' }, 'InvalidConfig'],
      [{ accessKeySecret: '' }, 'InvalidConfig'],
      [{ roleSessionName: 'a' }, 'InvalidConfig'],
      [{ roleSessionName: 'x'.repeat(33), strict: true }, 'InvalidConfig'],
      [{ roleSessionName: 'has space' }, 'InvalidConfig'],
      [{ externalId: 'x' }, 'InvalidConfig'],
      [{ maxDurationSeconds: 43_201 }, 'InvalidDuration'],
      [{ region: 'cn-hangzhou.evil' }, 'InvalidRegion'],
      [{ endpoint: 'http://sts.example.com' }, 'InvalidConfig'],
    ]
    for (const [options, code] of cases) {
      expect(() => provider(options), JSON.stringify(options)).toThrow(
        expect.objectContaining({ code }),
      )
    }
    expect(() => provider({ roleSessionName: 'x'.repeat(64) })).not.toThrow()
  })

  it('endpoint defaults: regional STS, OSS native endpoint or an override in the credentials', async () => {
    const seen: string[] = []
    const fetchSpy: typeof fetch = (input, init) => {
      seen.push(String(input))
      return fetch(sts.endpoint, init)
    }
    const p = new AliyunSTSProvider({
      accessKeyId: KEY,
      accessKeySecret: SECRET,
      roleArn: ROLE,
      region: 'cn-shanghai',
      fetch: fetchSpy,
      credentialsEndpoint: 'https://files.example.com',
    })
    // The Host header (signed) names the real endpoint, so the fake refuses it: only the URL
    // and the mapping are checked here.
    await p.getCredentials(REQUEST).catch(() => undefined)
    expect(seen[0]).toBe('https://sts.cn-shanghai.aliyuncs.com/')
    const global = provider({ endpoint: undefined, fetch: fetchSpy })
    await global.getCredentials(REQUEST).catch(() => undefined)
    expect(seen.at(-1)).toBe('https://sts.aliyuncs.com/')
    const custom = await provider({
      credentialsEndpoint: 'https://files.example.com/',
    }).getCredentials(REQUEST)
    expect(custom.endpoint).toBe('https://files.example.com')
  })

  it('inspect and JSON of the provider show no secret', () => {
    const p = provider({ securityToken: 'caller-security-token' })
    const text = `${inspect(p, { depth: 10 })}${JSON.stringify(p)}${String(p)}`
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain('caller-security-token')
  })

  it('registers in an STSProviderRegistry under ProviderType.ALIYUN', async () => {
    const factory = new STSProviderRegistry().register(
      ProviderType.ALIYUN,
      (options: AliyunSTSProviderOptions) => new AliyunSTSProvider(options),
    )
    const p = factory.create(ProviderType.ALIYUN, {
      accessKeyId: KEY,
      accessKeySecret: SECRET,
      roleArn: ROLE,
      endpoint: sts.endpoint,
    })
    expect(p.type).toBe('aliyun')
    expect((await p.getCredentials(REQUEST)).provider).toBe('aliyun')
  })
})

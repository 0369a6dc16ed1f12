import {
  type STSError,
  STSRequestError,
  STSSignatureError,
  StorageSDKError,
  ValidationError,
} from '@aury/errors'
import { buildTencentPolicy } from '@aury/policy'
import { ActionType, CachedSTSProvider } from '@aury/sts-core'
import { type FakeTencentSTS, startFakeTencentSTS } from '@aury/testkit/fake-tencent-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type TencentSTSConfig, TencentSTSProvider, toCosAuthorization } from '../src/index'

const SECRET_ID = 'AKIDtestSecretId0000000000000001'
const SECRET_KEY = 'testSecretKey-0123456789abcdefghij'
const ROLE_ARN = 'qcs::cam::uin/100000000001:roleName/uploader'
const request = {
  bucket: 'my-bucket-1250000000',
  region: 'ap-guangzhou',
  allowPath: 'user/123/',
  actionType: ActionType.WRITE,
  durationSeconds: 900,
}

let fake: FakeTencentSTS
beforeAll(async () => {
  fake = await startFakeTencentSTS({ keys: { [SECRET_ID]: SECRET_KEY } })
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.reset()
  fake.clockOffsetMs = 0
  fake.expectedPolicy = undefined
})

function provider(extra: Partial<TencentSTSConfig> = {}) {
  const delays: number[] = []
  const p = new TencentSTSProvider({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    endpoint: fake.url,
    random: () => 1,
    sleep: async (ms) => {
      delays.push(ms)
    },
    ...extra,
  })
  return Object.assign(p, { delays })
}

async function rejection(p: Promise<unknown>): Promise<STSError> {
  try {
    await p
  } catch (error) {
    expect(error).toBeInstanceOf(StorageSDKError)
    return error as STSError
  }
  throw new Error('expected a rejection')
}

describe('TencentSTSProvider against the fake STS (official signer verifies)', () => {
  it('GetFederationToken: scoped CAM policy, mapped credentials', async () => {
    fake.expectedPolicy = buildTencentPolicy(request)
    const started = Date.now()
    const credentials = await provider().getCredentials(request)
    expect(fake.records).toHaveLength(1)
    const record = fake.records[0]!
    expect(record).toMatchObject({
      action: 'GetFederationToken',
      version: '2018-08-13',
      region: 'ap-guangzhou',
      signatureValid: true,
      errorCode: undefined,
    })
    expect(record.params).toMatchObject({ Name: 'aury-sts', DurationSeconds: 900 })
    const resource = 'qcs::cos:ap-guangzhou:uid/1250000000:my-bucket-1250000000/user/123/*'
    expect(JSON.stringify(record.params.Policy)).toContain(resource)
    expect(credentials).toMatchObject({
      region: 'ap-guangzhou',
      endpoint: 'https://cos.ap-guangzhou.myqcloud.com',
      bucket: 'my-bucket-1250000000',
      provider: 'tencent',
    })
    expect(credentials.accessKeyId).toMatch(/^AKID/)
    expect(credentials.sessionToken.length).toBeGreaterThan(500)
    const lifetime = credentials.expiration.getTime() - started
    expect(lifetime).toBeGreaterThan(895_000)
    expect(lifetime).toBeLessThan(905_000)
    expect(credentials.startTime!.getTime()).toBe(credentials.expiration.getTime() - 900_000)
    expect(credentials.requestId).toMatch(/-/)
    const cos = toCosAuthorization(credentials)
    expect(cos).toEqual({
      TmpSecretId: credentials.accessKeyId,
      TmpSecretKey: credentials.secretAccessKey,
      SecurityToken: credentials.sessionToken,
      StartTime: credentials.startTime!.getTime() / 1000,
      ExpiredTime: credentials.expiration.getTime() / 1000,
    })
  })

  it('sends the Policy URL-encoded exactly once', async () => {
    fake.expectedPolicy = buildTencentPolicy({ ...request, actionType: 'read', allowPath: '相册/' })
    await provider().getCredentials({ ...request, actionType: 'read', allowPath: '相册' })
    expect(fake.records[0]!.errorCode).toBeUndefined()
    fake.expectedPolicy = buildTencentPolicy({ ...request, allowPath: 'other/' })
    const e = await rejection(provider({ maxAttempts: 1 }).getCredentials(request))
    expect(e.code).toBe('InvalidParameter.StrategyInvalid')
  })

  it('AssumeRole when roleArn is set, with RoleArn and RoleSessionName', async () => {
    fake.expectedPolicy = buildTencentPolicy({ ...request, actionType: 'all' })
    const p = provider({ roleArn: ROLE_ARN, roleSessionName: 'web-upload' })
    expect(p.action).toBe('AssumeRole')
    const credentials = await p.getCredentials({
      ...request,
      actionType: 'all',
      durationSeconds: 43_200,
    })
    expect(fake.records[0]).toMatchObject({ action: 'AssumeRole', signatureValid: true })
    expect(fake.records[0]!.params).toMatchObject({
      RoleArn: ROLE_ARN,
      RoleSessionName: 'web-upload',
      DurationSeconds: 43_200,
    })
    expect(credentials.expiration.getTime() - credentials.startTime!.getTime()).toBe(43_200_000)
  })

  it('appends the configured appid to a short bucket name', async () => {
    const credentials = await provider({ appid: '1250000000' }).getCredentials({
      ...request,
      bucket: 'my-bucket',
    })
    expect(credentials.bucket).toBe('my-bucket-1250000000')
    expect(JSON.stringify(fake.records[0]!.params.Policy)).toContain(
      ':my-bucket-1250000000/user/123/*',
    )
  })
})

describe('error mapping and retries', () => {
  it('maps Response.Error to STSRequestError with code, message and request id, no retry', async () => {
    fake.inject({
      kind: 'error',
      code: 'InvalidParameter.PolicyTooLong',
      message: 'policy too long',
    })
    const p = provider()
    const e = await rejection(p.getCredentials(request))
    expect(e).toBeInstanceOf(STSRequestError)
    expect(e).toMatchObject({
      code: 'InvalidParameter.PolicyTooLong',
      provider: 'tencent',
      retryable: false,
    })
    expect((e as STSRequestError).cloudMessage).toBe('policy too long')
    expect(e.requestId).toMatch(/-/)
    expect(fake.records).toHaveLength(1)
  })

  it.each([
    ['ResourceNotFound.RoleNotFound', 200],
    ['UnauthorizedOperation', 200],
    ['InvalidParameter.GrantOtherResource', 400],
    ['AuthFailure.SecretIdNotFound', 401],
  ])('does not retry %s (HTTP %i)', async (code, status) => {
    fake.inject({ kind: 'error', code, status }, 3)
    const e = await rejection(provider().getCredentials(request))
    expect(e.code).toBe(code)
    expect(e.httpStatus).toBe(status)
    expect(fake.records).toHaveLength(1)
  })

  it('a wrong secret key is an STSSignatureError from the verifier', async () => {
    const e = await rejection(provider({ secretKey: 'wrong-key-000000' }).getCredentials(request))
    expect(e).toBeInstanceOf(STSSignatureError)
    expect(e.code).toBe('AuthFailure.SignatureFailure')
    expect(fake.records).toHaveLength(1)
  })

  it('retries 5xx and succeeds on the third attempt', async () => {
    fake.inject({ kind: 'http', status: 503 }, 2)
    const p = provider()
    await p.getCredentials(request)
    expect(fake.records).toHaveLength(3)
    expect(fake.issued).toBe(1)
    expect(p.delays).toEqual([100, 200])
  })

  it('gives up after 3 attempts of 502', async () => {
    fake.inject({ kind: 'http', status: 502 }, 5)
    const e = await rejection(provider().getCredentials(request))
    expect(e).toMatchObject({ code: 'InvalidResponse', httpStatus: 502, retryable: true })
    expect(e.details?.attempts).toBe(3)
    expect(fake.records).toHaveLength(3)
  })

  it('retries RequestLimitExceeded with the throttling backoff', async () => {
    fake.inject({ kind: 'error', code: 'RequestLimitExceeded' })
    fake.inject({ kind: 'error', code: 'RequestLimitExceeded.UinLimitExceeded' })
    const p = provider()
    await p.getCredentials(request)
    expect(fake.records).toHaveLength(3)
    expect(p.delays).toEqual([500, 1000])
  })

  it('retries InternalError but not InternalError.IllegalRole', async () => {
    fake.inject({ kind: 'error', code: 'InternalError.SystemError' })
    await provider().getCredentials(request)
    expect(fake.records).toHaveLength(2)
    fake.reset()
    fake.inject({ kind: 'error', code: 'InternalError.IllegalRole' })
    await rejection(provider().getCredentials(request))
    expect(fake.records).toHaveLength(1)
  })

  it('retries a connection reset', async () => {
    fake.inject({ kind: 'reset' })
    await provider().getCredentials(request)
    expect(fake.records).toHaveLength(2)
    expect(fake.issued).toBe(1)
  })

  it('a success body without Credentials is InvalidResponse, with the request id', async () => {
    fake.inject({ kind: 'http', status: 200, body: '{"Response":{"RequestId":"rid-42"}}' })
    const e = await rejection(provider().getCredentials(request))
    expect(e).toMatchObject({ code: 'InvalidResponse', requestId: 'rid-42' })
    expect(fake.records).toHaveLength(1)
  })
})

describe('bad input is rejected before any network call', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no bucket', { ...request, bucket: undefined }, 'InvalidBucketName'],
    ['bucket without APPID', { ...request, bucket: 'my-bucket' }, 'InvalidBucketName'],
    ['upper-case bucket', { ...request, bucket: 'My-Bucket-1250000000' }, 'InvalidBucketName'],
    ['no region', { ...request, region: undefined }, 'InvalidRegion'],
    ['region with a dot', { ...request, region: 'ap-guangzhou.evil' }, 'InvalidRegion'],
    ['wildcard path', { ...request, allowPath: 'user/*' }, 'InvalidScope'],
    ['traversal', { ...request, allowPath: 'user/../admin' }, 'InvalidScope'],
    ['encoded traversal', { ...request, allowPath: 'user/%2e%2e/' }, 'InvalidScope'],
    ['leading slash', { ...request, allowPath: '/user/1/' }, 'InvalidScope'],
    ['action', { ...request, actionType: 'admin' }, 'InvalidArgument'],
    ['duration 0', { ...request, durationSeconds: 0 }, 'InvalidDuration'],
    ['duration NaN', { ...request, durationSeconds: Number.NaN }, 'InvalidDuration'],
    ['duration 7201 (federation)', { ...request, durationSeconds: 7201 }, 'InvalidDuration'],
    ['duration fraction', { ...request, durationSeconds: 1000.5 }, 'InvalidDuration'],
    ['unknown key', { ...request, allow_path: 'x/' }, 'InvalidArgument'],
  ]
  it.each(cases)('%s', async (_name, input, code) => {
    const e = await rejection(provider().getCredentials(input as never))
    expect(e).toBeInstanceOf(ValidationError)
    expect(e.code).toBe(code)
    expect(fake.records).toHaveLength(0)
  })

  it('AssumeRole above 43200 s and federation above the configured maximum', async () => {
    const assume = provider({ roleArn: ROLE_ARN })
    expect(
      (await rejection(assume.getCredentials({ ...request, durationSeconds: 43_201 }))).code,
    ).toBe('InvalidDuration')
    const sub = provider({ maxFederationDurationSeconds: 129_600 })
    await sub.getCredentials({ ...request, durationSeconds: 129_600 })
    expect(fake.records).toHaveLength(1)
    expect(
      (await rejection(sub.getCredentials({ ...request, durationSeconds: 129_601 }))).code,
    ).toBe('InvalidDuration')
    expect(fake.records).toHaveLength(1)
  })

  it.each<[string, Partial<TencentSTSConfig>]>([
    ['no secretId', { secretId: '' }],
    ['no secretKey', { secretKey: '' }],
    ['bad region', { region: 'ap/gz' }],
    ['bad roleArn', { roleArn: 'arn:aws:iam::1:role/x' }],
    ['bad session name', { roleArn: ROLE_ARN, roleSessionName: 'a b' }],
    ['http endpoint', { endpoint: 'http://sts.tencentcloudapi.com' }],
    ['userinfo endpoint', { endpoint: 'https://u:p@sts.tencentcloudapi.com' }],
    ['bad appid', { appid: '12ab' }],
    ['federation max too high', { maxFederationDurationSeconds: 200_000 }],
  ])('rejects config: %s', (_name, extra) => {
    expect(() => provider(extra)).toThrow(ValidationError)
  })
})

describe('CachedSTSProvider over the fake', () => {
  it('1,000 concurrent identical requests make exactly one upstream call', async () => {
    const cached = new CachedSTSProvider({ provider: provider() })
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => cached.getCredentials(request)),
    )
    expect(fake.records).toHaveLength(1)
    expect(fake.issued).toBe(1)
    expect(new Set(results.map((c) => c.accessKeyId)).size).toBe(1)
  })

  it('does not merge distinct requests', async () => {
    const cached = new CachedSTSProvider({ provider: provider() })
    await Promise.all([
      cached.getCredentials(request),
      cached.getCredentials({ ...request, allowPath: 'user/1234/' }),
      cached.getCredentials({ ...request, actionType: 'read' }),
      cached.getCredentials(request),
    ])
    expect(fake.issued).toBe(3)
  })

  it('refreshes before the margin, not after expiry (injected clock)', async () => {
    let advance = 0
    const cached = new CachedSTSProvider({
      provider: provider(),
      refreshMarginSeconds: 300,
      now: () => Date.now() + advance,
    })
    const first = await cached.getCredentials(request)
    advance = 500_000
    expect(await cached.getCredentials(request)).toBe(first)
    expect(fake.issued).toBe(1)
    advance = 601_000 // 299 s before expiry: inside the margin, still valid
    expect(first.expiration.getTime()).toBeGreaterThan(Date.now() + advance)
    const second = await cached.getCredentials(request)
    expect(second).not.toBe(first)
    expect(fake.issued).toBe(2)
  })

  it('does not cache failures', async () => {
    const cached = new CachedSTSProvider({ provider: provider() })
    fake.inject({ kind: 'error', code: 'UnauthorizedOperation' })
    await rejection(cached.getCredentials(request))
    await cached.getCredentials(request)
    expect(fake.records).toHaveLength(2)
    expect(fake.issued).toBe(1)
  })
})

// Last: requests that time out or are aborted must not reach the fake during other tests.
describe('clock skew, timeout, abort', () => {
  it('corrects a skewed clock from the Date header and re-signs once', async () => {
    fake.clockOffsetMs = 3600_000
    const p = provider()
    await p.getCredentials(request)
    expect(fake.records.map((r) => r.errorCode)).toEqual(['AuthFailure.SignatureExpire', undefined])
    const second = fake.records[1]!
    expect(Math.abs(second.timestamp * 1000 - second.receivedAt)).toBeLessThan(5000)
    expect(p.delays).toEqual([])
    await p.getCredentials(request) // the offset is kept: no second skew error
    expect(fake.records).toHaveLength(3)
    expect(fake.records[2]!.errorCode).toBeUndefined()
  })

  it('uses the injected clock: a clock 10 minutes slow is corrected', async () => {
    const p = provider({ now: () => Date.now() - 600_000 })
    await p.getCredentials(request)
    expect(fake.records).toHaveLength(2)
  })

  it('times out with code Timeout', async () => {
    fake.inject({ kind: 'hang' }, 3)
    const started = Date.now()
    const e = await rejection(provider({ timeoutMs: 200, maxAttempts: 1 }).getCredentials(request))
    expect(e.code).toBe('Timeout')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('aborts before the call without any request', async () => {
    const controller = new AbortController()
    controller.abort()
    const e = await rejection(provider().getCredentials(request, { signal: controller.signal }))
    expect(e.code).toBe('Aborted')
    expect(fake.records).toHaveLength(0)
  })

  it('aborts during the call', async () => {
    fake.inject({ kind: 'delay', ms: 3000 })
    const controller = new AbortController()
    const pending = provider().getCredentials(request, { signal: controller.signal })
    await vi.waitFor(() => expect(fake.records).toHaveLength(1), { timeout: 5000, interval: 5 })
    controller.abort()
    const started = Date.now()
    const e = await rejection(pending)
    expect(e.code).toBe('Aborted')
    expect(Date.now() - started).toBeLessThan(1000)
    expect(fake.issued).toBe(0)
  })
})

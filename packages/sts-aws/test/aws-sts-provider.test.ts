import { inspect } from 'node:util'
import { STSError, STSRequestError, STSSignatureError, ValidationError } from '@aury/errors'
import { buildAwsPolicy, serializeAwsPolicy } from '@aury/policy'
import { ProviderType, STSProviderRegistry } from '@aury/sts-core'
import { type FakeAwsSTS, startFakeAwsSTS } from '@aury/testkit/fake-aws-sts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AwsSTSProvider, type AwsSTSProviderOptions } from '../src/index'

const KEY = 'AKIAIOSFODNN7EXAMPLE'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const ROLE = 'arn:aws:iam::123456789012:role/uploader'
const REQUEST = { bucket: 'photos', region: 'eu-west-1', allowPath: 'user/12/' }

let sts: FakeAwsSTS
beforeAll(async () => {
  sts = await startFakeAwsSTS({ keys: { [KEY]: SECRET } })
})
afterAll(async () => {
  await sts.close()
})
afterEach(() => {
  sts.requests.length = 0
})

const provider = (extra: Partial<AwsSTSProviderOptions> = {}) =>
  new AwsSTSProvider({
    accessKeyId: KEY,
    secretAccessKey: SECRET,
    region: 'us-east-1',
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

describe('AwsSTSProvider against a fake STS that verifies SigV4 with @smithy/signature-v4', () => {
  it('AssumeRole: signed form POST with the session policy, credentials mapped', async () => {
    const before = Date.now()
    const creds = await provider({
      roleSessionName: 'upload-12',
      externalId: 'ext-1',
    }).getCredentials({ ...REQUEST, durationSeconds: 1800 })
    expect(sts.requests).toHaveLength(1)
    const [seen] = sts.requests
    expect(seen?.signatureValid).toBe(true)
    expect(seen?.accessKeyId).toBe(KEY)
    expect(seen?.params).toEqual({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: ROLE,
      RoleSessionName: 'upload-12',
      ExternalId: 'ext-1',
      DurationSeconds: '1800',
      Policy: serializeAwsPolicy(buildAwsPolicy({ ...REQUEST, actionType: 'write' })),
    })
    expect(creds.accessKeyId).toBe(sts.lastIssued?.accessKeyId)
    expect(creds.secretAccessKey).toBe(sts.lastIssued?.secretAccessKey)
    expect(creds.sessionToken).toBe(sts.lastIssued?.sessionToken)
    expect(creds.provider).toBe('aws')
    expect(creds.bucket).toBe('photos')
    expect(creds.region).toBe('eu-west-1')
    expect(creds.endpoint).toBe('https://s3.eu-west-1.amazonaws.com')
    expect(creds.requestId).toMatch(/^[0-9a-f-]{36}$/)
    const after = Date.now()
    // The fake issues expiration = its now (whole seconds) + DurationSeconds.
    expect(creds.expiration.getTime()).toBeGreaterThan(before + 1800_000 - 1000)
    expect(creds.expiration.getTime()).toBeLessThanOrEqual(after + 1800_000)
    expect(creds.startTime?.getTime()).toBe(creds.expiration.getTime() - 1800_000)
    expect(inspect(creds)).not.toContain(creds.secretAccessKey)
    expect(inspect(creds)).not.toContain(creds.sessionToken)
  })

  it('GetFederationToken without roleArn; Name from federationName', async () => {
    const creds = await provider({ roleArn: undefined, federationName: 'web-42' }).getCredentials({
      ...REQUEST,
      actionType: 'read',
      durationSeconds: 129_600,
    })
    const params = sts.requests[0]?.params
    expect(params?.Action).toBe('GetFederationToken')
    expect(params?.Name).toBe('web-42')
    expect(params?.RoleArn).toBeUndefined()
    expect(params?.DurationSeconds).toBe('129600')
    expect(JSON.parse(params?.Policy ?? '')).toEqual(
      buildAwsPolicy({ ...REQUEST, actionType: 'read' }),
    )
    expect(creds.accessKeyId).toMatch(/^ASIA/)
  })

  it('signs the caller session token (role chaining) and caps AssumeRole at 3600 s', async () => {
    const fake = await startFakeAwsSTS({ keys: { [KEY]: SECRET } })
    try {
      const p = provider({ endpoint: fake.endpoint, sessionToken: 'caller-token-xyz' })
      await p.getCredentials({ ...REQUEST, durationSeconds: 3600 })
      expect(fake.requests[0]?.signatureValid).toBe(true)
      expect(fake.requests[0]?.headers['x-amz-security-token']).toBeUndefined() // not recorded
      const error = await rejection(p.getCredentials({ ...REQUEST, durationSeconds: 3601 }))
      expect(error.code).toBe('InvalidDuration')
      expect(fake.requests).toHaveLength(1)
    } finally {
      await fake.close()
    }
  })

  it('a wrong secret is refused by the fake: STSSignatureError SignatureDoesNotMatch, no retry', async () => {
    const error = await rejection(
      provider({ secretAccessKey: 'wrong-secret-0123456789' }).getCredentials(REQUEST),
    )
    expect(error).toBeInstanceOf(STSSignatureError)
    expect(error.code).toBe('SignatureDoesNotMatch')
    expect(error.httpStatus).toBe(403)
    expect(sts.requests).toHaveLength(1)
    expect(sts.requests[0]?.signatureValid).toBe(false)
    expect(String(error)).not.toContain('wrong-secret')
  })

  it('maps an ErrorResponse to STSRequestError with the code, message and request id', async () => {
    sts.inject({
      status: 403,
      code: 'AccessDenied',
      message: 'not authorized to perform AssumeRole',
    })
    const error = await rejection(provider().getCredentials(REQUEST))
    expect(error).toBeInstanceOf(STSRequestError)
    expect(error.code).toBe('AccessDenied')
    expect(error.provider).toBe('aws')
    expect(error.httpStatus).toBe(403)
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(error.retryable).toBe(false)
    expect((error as STSRequestError).cloudMessage).toBe('not authorized to perform AssumeRole')
    expect(sts.requests).toHaveLength(1)
  })

  it('MalformedPolicyDocument and PackedPolicyTooLarge are not retried', async () => {
    for (const code of [
      'MalformedPolicyDocument',
      'PackedPolicyTooLarge',
      'RegionDisabledException',
    ]) {
      sts.requests.length = 0
      sts.inject({ status: code === 'RegionDisabledException' ? 403 : 400, code })
      expect((await rejection(provider().getCredentials(REQUEST))).code).toBe(code)
      expect(sts.requests).toHaveLength(1)
    }
  })

  it('retries throttling and 5xx, then succeeds', async () => {
    sts.inject({ status: 400, code: 'Throttling', message: 'Rate exceeded' })
    sts.inject({ status: 503, code: 'ServiceUnavailable' })
    const creds = await provider().getCredentials(REQUEST)
    expect(sts.requests).toHaveLength(3)
    expect(sts.requests.map((r) => r.faulted)).toEqual([true, true, false])
    expect(sts.requests.every((r) => r.signatureValid)).toBe(true)
    expect(creds.accessKeyId).toBe(sts.lastIssued?.accessKeyId)
  })

  it('gives up after maxAttempts with the last error, marked retryable', async () => {
    sts.inject(...Array.from({ length: 3 }, () => ({ status: 500, code: 'InternalFailure' })))
    const error = await rejection(provider().getCredentials(REQUEST))
    expect(error.code).toBe('InternalFailure')
    expect(error.retryable).toBe(true)
    expect(sts.requests).toHaveLength(3)
  })

  it('a 5xx without an XML body is InvalidResponse, retried; garbage 200 is not retried', async () => {
    sts.inject({ status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' })
    await provider().getCredentials(REQUEST)
    expect(sts.requests).toHaveLength(2)
    sts.requests.length = 0
    sts.inject({ status: 200, body: '<AssumeRoleResponse><oops/>' })
    const error = await rejection(provider().getCredentials(REQUEST))
    expect(error.code).toBe('InvalidResponse')
    expect(sts.requests).toHaveLength(1)
  })

  it('a connection reset is a retried NetworkError', async () => {
    sts.inject({ reset: true })
    await provider().getCredentials(REQUEST)
    expect(sts.requests).toHaveLength(2)
    sts.requests.length = 0
    sts.inject({ reset: true }, { reset: true })
    const error = await rejection(provider({ maxAttempts: 2 }).getCredentials(REQUEST))
    expect(error.code).toBe('NetworkError')
    expect(error.retryable).toBe(true)
  })

  it('times out a hanging endpoint (per attempt) with code Timeout', async () => {
    sts.inject({ hang: true }, { hang: true })
    const started = performance.now()
    const error = await rejection(
      provider({ timeoutMs: 150, maxAttempts: 2 }).getCredentials(REQUEST),
    )
    expect(error.code).toBe('Timeout')
    expect(sts.requests).toHaveLength(2)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('aborts through the signal with code Aborted, without retrying', async () => {
    sts.inject({ hang: true })
    const controller = new AbortController()
    const pending = provider().getCredentials(REQUEST, { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    const error = await rejection(pending)
    expect(error.code).toBe('Aborted')
    expect(sts.requests).toHaveLength(1)
    const already = await rejection(
      provider().getCredentials(REQUEST, { signal: AbortSignal.abort() }),
    )
    expect(already.code).toBe('Aborted')
    expect(sts.requests).toHaveLength(1)
  })

  it('corrects a skewed local clock from the Date header and re-signs once', async () => {
    const skewed = provider({ now: () => Date.now() - 3_600_000 })
    const creds = await skewed.getCredentials(REQUEST)
    expect(sts.requests.map((r) => r.signatureValid)).toEqual([false, true])
    expect(sts.requests[0]?.signatureProblem).toContain('clock skew')
    expect(creds.accessKeyId).toBe(sts.lastIssued?.accessKeyId)
  })

  it('rejects bad input before any request', async () => {
    const cases: [Partial<AwsSTSProviderOptions>, Record<string, unknown>, string][] = [
      [{}, { ...REQUEST, durationSeconds: 899 }, 'InvalidDuration'],
      [{}, { ...REQUEST, durationSeconds: 43_201 }, 'InvalidDuration'],
      [{}, { ...REQUEST, durationSeconds: 0 }, 'InvalidDuration'],
      [{}, { ...REQUEST, durationSeconds: Number.NaN }, 'InvalidDuration'],
      [{ roleArn: undefined }, { ...REQUEST, durationSeconds: 129_601 }, 'InvalidDuration'],
      [{ maxDurationSeconds: 3600 }, { ...REQUEST, durationSeconds: 3601 }, 'InvalidDuration'],
      [{}, { ...REQUEST, allowPath: 'user/*/' }, 'InvalidScope'],
      [{}, { ...REQUEST, allowPath: '../etc/' }, 'InvalidScope'],
      [
        { allowList: true },
        { ...REQUEST, allowPath: `${'a'.repeat(200)}/`.repeat(5) },
        'PolicyTooLarge',
      ],
      [{}, { ...REQUEST, allowPath: `${'a'.repeat(200)}/`.repeat(6) }, 'InvalidScope'],
      [{}, { ...REQUEST, bucket: 'Bad_Bucket' }, 'InvalidBucketName'],
      [{}, { ...REQUEST, region: 'eu-west-1.evil.com' }, 'InvalidRegion'],
      [{}, { ...REQUEST, allow_path: 'x/' }, 'InvalidArgument'],
    ]
    for (const [options, request, code] of cases) {
      const error = await rejection(provider(options).getCredentials(request as never))
      expect(error, JSON.stringify(request).slice(0, 80)).toBeInstanceOf(ValidationError)
      expect(error.code).toBe(code)
    }
    expect(sts.requests).toHaveLength(0)
  })

  it('rejects bad configuration at construction', () => {
    const cases: [Partial<AwsSTSProviderOptions>, string][] = [
      [{ secretAccessKey: '' }, 'InvalidConfig'],
      [{ region: 'us-east-1/..' }, 'InvalidRegion'],
      [{ roleArn: 'arn:aws:iam::1:role/x' }, 'InvalidConfig'],
      [{ roleSessionName: 'has space' }, 'InvalidConfig'],
      [{ federationName: 'x'.repeat(33), roleArn: undefined }, 'InvalidConfig'],
      [{ externalId: 'x' }, 'InvalidConfig'],
      [{ roleArn: undefined, sessionToken: 'temporary' }, 'InvalidConfig'],
      [{ endpoint: 'http://sts.example.com' }, 'InvalidConfig'],
      [{ endpoint: 'https://user:pw@sts.example.com' }, 'InvalidConfig'],
      [{ endpoint: 'not a url' }, 'InvalidConfig'],
      [{ maxDurationSeconds: 50_000 }, 'InvalidDuration'],
      [{ flavor: 'minio', endpoint: undefined }, 'InvalidConfig'],
    ]
    for (const [options, code] of cases) {
      expect(() => provider(options), JSON.stringify(options)).toThrow(
        expect.objectContaining({ code }),
      )
    }
  })

  it('flavor minio: any RoleArn, durations up to 604800, MinIO endpoint in credentials', async () => {
    // The fake enforces AWS's rules (RoleArn required, 43200 s); the real MinIO suite covers
    // calls without RoleArn and long durations.
    const p = provider({ flavor: 'minio', roleArn: 'arn:minio:iam:::role/dummy' })
    const creds = await p.getCredentials({ ...REQUEST, durationSeconds: 900 })
    expect(sts.requests[0]?.params.Action).toBe('AssumeRole')
    expect(sts.requests[0]?.params.RoleArn).toBe('arn:minio:iam:::role/dummy')
    expect(creds.endpoint).toBe(sts.endpoint)
    const tooLong = await rejection(p.getCredentials({ ...REQUEST, durationSeconds: 604_801 }))
    expect(tooLong.code).toBe('InvalidDuration')
  })

  it('inspect and JSON of the provider show no secret', () => {
    const p = provider({ sessionToken: 'caller-session-token' })
    const text = `${inspect(p, { depth: 10 })}${JSON.stringify(p)}${String(p)}`
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain('caller-session-token')
  })

  it('logs issuance through the logger hook, without secrets', async () => {
    const lines: string[] = []
    const logger = {
      debug: (m: string, meta?: Record<string, unknown>) => lines.push(m + JSON.stringify(meta)),
      warn: (m: string, meta?: Record<string, unknown>) => lines.push(m + JSON.stringify(meta)),
    }
    sts.inject({ status: 400, code: 'Throttling' })
    const creds = await provider({ logger }).getCredentials(REQUEST)
    const all = lines.join('\n')
    expect(all).toContain('sts credentials issued')
    expect(all).toContain('retrying')
    for (const secret of [SECRET, creds.secretAccessKey, creds.sessionToken]) {
      expect(all).not.toContain(secret)
    }
  })

  it('is an STSError for every failure (one base class to catch)', async () => {
    sts.inject({ status: 400, code: 'ValidationError' })
    expect(await rejection(provider().getCredentials(REQUEST))).toBeInstanceOf(STSError)
  })

  it('registers in an STSProviderRegistry under ProviderType.AWS', async () => {
    const factory = new STSProviderRegistry().register(
      ProviderType.AWS,
      (options: AwsSTSProviderOptions) => new AwsSTSProvider(options),
    )
    const p = factory.create(ProviderType.AWS, {
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      region: 'us-east-1',
      roleArn: ROLE,
      endpoint: sts.endpoint,
    })
    expect(p.type).toBe('aws')
    expect((await p.getCredentials(REQUEST)).provider).toBe('aws')
  })
})

import { type FakeTencentSTS, startFakeTencentSTS } from '@aury/testkit/fake-tencent-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ActionType,
  ProviderType,
  STSProviderFactory,
  STSProviderRegistry,
  TencentSTSProvider,
} from '../src/index'

const secretId = 'AKIDfactoryTest000000000001'
const secretKey = 'factory-secret-key-0123456789'
let fake: FakeTencentSTS
beforeAll(async () => {
  fake = await startFakeTencentSTS({ keys: { [secretId]: secretKey } })
})
afterAll(() => fake.close())

const request = {
  bucket: 'my-bucket-1250000000',
  region: 'ap-guangzhou',
  allowPath: 'user/123/',
  actionType: ActionType.WRITE,
  durationSeconds: 900,
}

describe('STSProviderFactory (@aury/sts)', () => {
  it('creates the Tencent provider: federation by default', async () => {
    const provider = STSProviderFactory.create(ProviderType.TENCENT, {
      secretId,
      secretKey,
      endpoint: fake.url,
    })
    expect(provider).toBeInstanceOf(TencentSTSProvider)
    expect(provider.type).toBe('tencent')
    const credentials = await provider.getCredentials(request)
    expect(credentials.provider).toBe('tencent')
    expect(fake.records.at(-1)).toMatchObject({
      action: 'GetFederationToken',
      signatureValid: true,
    })
  })

  it('creates the Tencent provider: AssumeRole with roleArn', async () => {
    const provider = STSProviderFactory.create(ProviderType.TENCENT, {
      secretId,
      secretKey,
      roleArn: 'qcs::cam::uin/100000000001:roleName/uploader',
      endpoint: fake.url,
    })
    await provider.getCredentials(request)
    expect(fake.records.at(-1)).toMatchObject({ action: 'AssumeRole', signatureValid: true })
  })

  it('registers Tencent without side effects and rejects unknown types', () => {
    expect(STSProviderFactory).toBeInstanceOf(STSProviderRegistry)
    expect(STSProviderFactory.has(ProviderType.TENCENT)).toBe(true)
    const untyped = STSProviderFactory as unknown as STSProviderRegistry<Record<string, unknown>>
    expect(() => untyped.create('gcp', {})).toThrowError(
      expect.objectContaining({ name: 'ValidationError', code: 'UnknownProvider' }),
    )
  })

  it('validates options before any request', () => {
    const before = fake.records.length
    expect(() =>
      STSProviderFactory.create(ProviderType.TENCENT, { secretId, secretKey: '' }),
    ).toThrowError(expect.objectContaining({ name: 'ValidationError', code: 'InvalidConfig' }))
    expect(fake.records.length).toBe(before)
  })
})

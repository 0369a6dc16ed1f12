import { ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import { ProviderType } from './provider-type'
import { createSTSCredentials } from './sts-credentials'
import type { STSProvider } from './sts-provider'
import { STSProviderFactory, STSProviderRegistry } from './sts-provider-registry'

class StubProvider implements STSProvider {
  readonly type = ProviderType.TENCENT
  constructor(readonly options: { name: string }) {}
  async getCredentials() {
    return createSTSCredentials({
      accessKeyId: this.options.name,
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(0),
      region: 'r',
      endpoint: 'e',
      bucket: 'b',
      provider: this.type,
    })
  }
}

describe('STSProviderRegistry', () => {
  it('creates registered providers with their options', async () => {
    const registry = new STSProviderRegistry().register(
      ProviderType.TENCENT,
      (o: { name: string }) => new StubProvider(o),
    )
    const provider = registry.create(ProviderType.TENCENT, { name: 'x' })
    expect(provider).toBeInstanceOf(StubProvider)
    expect((await provider.getCredentials({ bucket: 'abc', region: 'r' })).accessKeyId).toBe('x')
    expect(registry.has('tencent')).toBe(true)
    expect(registry.types()).toEqual(['tencent'])
  })

  it('rejects unknown types with UnknownProvider', () => {
    const registry = new STSProviderRegistry() as STSProviderRegistry<Record<string, unknown>>
    expect(() => registry.create('gcp', {})).toThrowError(ValidationError)
    try {
      registry.create('gcp', {})
    } catch (error) {
      expect((error as ValidationError).code).toBe('UnknownProvider')
    }
  })

  it('starts empty in sts-core', () => {
    expect(STSProviderFactory.types()).toEqual([])
  })

  it('rejects a bad registration', () => {
    expect(() =>
      new STSProviderRegistry().register('', () => new StubProvider({ name: '' })),
    ).toThrow(ValidationError)
  })
})

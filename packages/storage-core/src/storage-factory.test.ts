import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { Storage } from './storage'
import { StorageFactory } from './storage-factory'

describe('StorageFactory', () => {
  it('fails with UnknownBackend for an unregistered backend', () => {
    StorageFactory.unregister('r2')
    expect(() => StorageFactory.create('r2', { bucketName: 'b' })).toThrow(
      expect.objectContaining({ code: 'UnknownBackend' }),
    )
  })

  it('validates the config before calling the creator, and hides secrets', () => {
    let seen: unknown
    StorageFactory.register('minio', (config) => {
      seen = config
      return { backend: 'minio' } as unknown as Storage
    })
    expect(() => StorageFactory.create('minio', { bucketName: 'b', region: 'bad.region' })).toThrow(
      expect.objectContaining({ code: 'InvalidRegion' }),
    )
    expect(seen).toBeUndefined()
    const storage = StorageFactory.create('minio', {
      bucketName: 'bucket',
      accessKeyId: 'AKIDEXAMPLE',
      accessKeySecret: 'very-secret-value-123',
      sessionToken: 'session-token-value-456',
    })
    expect(storage.backend).toBe('minio')
    const text = `${JSON.stringify(seen)} ${inspect(seen, { depth: 5 })} ${String(seen)}`
    expect(text).not.toContain('very-secret-value-123')
    expect(text).not.toContain('session-token-value-456')
    expect(text).toContain('AKIDEXAMPLE')
    expect((seen as { accessKeySecret: string }).accessKeySecret).toBe('very-secret-value-123')
    StorageFactory.unregister('minio')
  })

  it('routes fromSTSCredentials to the registered adapter, Unsupported before', () => {
    StorageFactory.registerCredentialsAdapter(undefined)
    const creds = {
      accessKeyId: 'a',
      secretAccessKey: 'b',
      sessionToken: 'c',
      expiration: new Date(),
      region: 'us-east-1',
      bucket: 'bkt',
      provider: 'aws',
    }
    expect(() => StorageFactory.fromSTSCredentials(creds)).toThrow(
      expect.objectContaining({ code: 'Unsupported' }),
    )
    StorageFactory.registerCredentialsAdapter((c) => ({ backend: c.bucket }) as unknown as Storage)
    expect(StorageFactory.fromSTSCredentials(creds).backend).toBe('bkt')
    StorageFactory.registerCredentialsAdapter(undefined)
  })
})

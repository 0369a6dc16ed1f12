import { describe, expect, it } from 'vitest'
import { validateMetadata } from './metadata'
import { parseStorageConfig } from './storage-config'

describe('validateMetadata', () => {
  it('lower-cases names and refuses unsafe names, values and sizes', () => {
    expect(validateMetadata({ Owner: 'u-1', purpose: 'avatar' })).toEqual({
      owner: 'u-1',
      purpose: 'avatar',
    })
    expect(validateMetadata(undefined)).toEqual({})
    const bads: Record<string, string>[] = [
      { 'a b': 'v' },
      { '': 'v' },
      { 'x:y': 'v' },
      { k: 'line\nbreak' },
      { k: '中文' },
      { k: 'x'.repeat(3000) },
    ]
    for (const bad of bads) {
      expect(() => validateMetadata(bad), JSON.stringify(bad).slice(0, 40)).toThrow(
        expect.objectContaining({ code: 'InvalidArgument' }),
      )
    }
  })
})

describe('parseStorageConfig', () => {
  it('accepts backend options and rejects bad regions and endpoints', () => {
    expect(
      parseStorageConfig({ backend: 's3', region: 'us-east-1', forcePathStyle: true }),
    ).toMatchObject({
      backend: 's3',
      forcePathStyle: true,
    })
    expect(() => parseStorageConfig({ backend: 's3', region: 'evil.com/#' })).toThrow(
      expect.objectContaining({ code: 'InvalidRegion' }),
    )
    expect(() => parseStorageConfig({ backend: 'nope' })).toThrow(
      expect.objectContaining({ code: 'InvalidConfig' }),
    )
    expect(() => parseStorageConfig({ backend: 's3', endpoint: 'not a url' })).toThrow(
      expect.objectContaining({ code: 'InvalidConfig' }),
    )
  })
})

import { describe, expect, it } from 'vitest'
import { lruGet, lruSet, SIGNING_KEY_CACHE_SIZE } from './bounded-cache'
import type { CryptoEngine } from './crypto-engine'
import { nodeEngine } from './node/engine'
import { webEngine } from './web/engine'

describe('LRU helpers', () => {
  it('never hold more than the capacity and evict the least recently used entry', () => {
    const cache = new Map<string, number>()
    lruSet(cache, 'a', 1, 3)
    lruSet(cache, 'b', 2, 3)
    lruSet(cache, 'c', 3, 3)
    expect(lruGet(cache, 'a')).toBe(1) // a is now the most recent
    lruSet(cache, 'd', 4, 3)
    expect(cache.size).toBe(3)
    expect(cache.has('b')).toBe(false)
    expect([cache.has('a'), cache.has('c'), cache.has('d')]).toEqual([true, true, true])
    lruSet(cache, 'c', 30, 3) // overwriting does not evict another entry
    expect(cache.size).toBe(3)
    expect([...cache.keys()]).toEqual(['a', 'd', 'c'])
    expect(lruGet(cache, 'missing')).toBeUndefined()
  })
})

const engines: Array<[string, CryptoEngine<unknown>]> = [
  ['node:crypto', nodeEngine as CryptoEngine<unknown>],
  ['WebCrypto', webEngine as CryptoEngine<unknown>],
]

describe.each(engines)('derived signing key cache (%s)', (_name, engine) => {
  it(`stays at ${SIGNING_KEY_CACHE_SIZE} entries under 500 distinct scopes`, async () => {
    for (let i = 0; i < 500; i++) {
      await engine.derivedKey(`AWS4secret${i % 7}`, [
        `2024010${i % 9}`,
        `r${i}`,
        's3',
        'aws4_request',
      ])
      expect(engine.cacheSize()).toBeLessThanOrEqual(SIGNING_KEY_CACHE_SIZE)
    }
    expect(engine.cacheSize()).toBe(SIGNING_KEY_CACHE_SIZE)
  })

  it('returns the cached key for a repeated scope and the right key after eviction', async () => {
    const parts = ['20150830', 'us-east-1', 'iam', 'aws4_request']
    const first = await engine.derivedKey('AWS4k', parts)
    expect(await engine.derivedKey('AWS4k', parts)).toBe(first)
    for (let i = 0; i < SIGNING_KEY_CACHE_SIZE + 5; i++) {
      await engine.derivedKey('AWS4k', ['20150830', `x${i}`, 'iam', 'aws4_request'])
    }
    const again = await engine.derivedKey('AWS4k', parts)
    expect(again).not.toBe(first) // evicted, derived anew
    expect(await engine.hmacHexWithKey(again, 'm')).toBe(await engine.hmacHexWithKey(first, 'm'))
  })

  it('keys differ per secret, date, region and service', async () => {
    const sign = async (secret: string, parts: string[]) =>
      engine.hmacHexWithKey(await engine.derivedKey(secret, parts), 'data')
    const base = ['20240101', 'us-east-1', 's3', 'aws4_request']
    const results = new Set([
      await sign('AWS4a', base),
      await sign('AWS4b', base),
      await sign('AWS4a', ['20240102', 'us-east-1', 's3', 'aws4_request']),
      await sign('AWS4a', ['20240101', 'us-west-2', 's3', 'aws4_request']),
      await sign('AWS4a', ['20240101', 'us-east-1', 'iam', 'aws4_request']),
    ])
    expect(results.size).toBe(5)
  })
})

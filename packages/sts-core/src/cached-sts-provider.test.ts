import { STSError, ValidationError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import { CachedSTSProvider } from './cached-sts-provider'
import { ProviderType } from './provider-type'
import { createSTSCredentials, type STSCredentials } from './sts-credentials'
import type { STSProvider } from './sts-provider'
import { parseSTSRequest, type STSRequestInput } from './sts-request'

/** Counts calls; issues credentials valid `durationSeconds` from the injected clock. */
class CountingProvider implements STSProvider {
  readonly type = ProviderType.TENCENT
  calls = 0
  failNext = 0
  constructor(readonly clock: { now: number }) {}
  async getCredentials(input: STSRequestInput): Promise<STSCredentials> {
    const request = parseSTSRequest(input)
    this.calls++
    await new Promise((r) => setTimeout(r, 5))
    if (this.failNext > 0) {
      this.failNext--
      throw new STSError('boom', { code: 'InternalError', retryable: true })
    }
    return createSTSCredentials({
      accessKeyId: `AKID${this.calls}`,
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(this.clock.now + request.durationSeconds * 1000),
      region: request.region,
      endpoint: 'https://example.test',
      bucket: request.bucket,
      provider: this.type,
    })
  }
}

const request = { bucket: 'my-bucket-1250000000', region: 'ap-guangzhou', allowPath: 'user/1/' }

function setup(margin?: number, maxEntries?: number) {
  const clock = { now: Date.UTC(2030, 0, 1) }
  const upstream = new CountingProvider(clock)
  const cached = new CachedSTSProvider({
    provider: upstream,
    now: () => clock.now,
    ...(margin !== undefined && { refreshMarginSeconds: margin }),
    ...(maxEntries !== undefined && { maxEntries }),
  })
  return { clock, upstream, cached }
}

describe('CachedSTSProvider', () => {
  it('reuses credentials until the margin before expiry, then refreshes (not after expiry)', async () => {
    const { clock, upstream, cached } = setup(300)
    const first = await cached.getCredentials(request)
    expect(cached.type).toBe('tencent')
    clock.now += (900 - 301) * 1000
    expect(await cached.getCredentials(request)).toBe(first)
    expect(upstream.calls).toBe(1)
    clock.now += 1000 // exactly at the margin: refresh while still valid for 300 s
    const second = await cached.getCredentials(request)
    expect(second).not.toBe(first)
    expect(upstream.calls).toBe(2)
    expect(second.expiration.getTime() - clock.now).toBe(900_000)
  })

  it('treats equivalent requests as one and distinct ones apart', async () => {
    const { upstream, cached } = setup()
    await cached.getCredentials(request)
    await cached.getCredentials({ ...request, allowPath: 'user/1', actionType: 'write' })
    expect(upstream.calls).toBe(1)
    await cached.getCredentials({ ...request, allowPath: 'user/10/' })
    await cached.getCredentials({ ...request, actionType: 'read' })
    await cached.getCredentials({ ...request, durationSeconds: 1800 })
    expect(upstream.calls).toBe(4)
  })

  it('shares one upstream call among concurrent identical requests', async () => {
    const { upstream, cached } = setup()
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => cached.getCredentials(request)),
    )
    expect(upstream.calls).toBe(1)
    expect(new Set(results).size).toBe(1)
  })

  it('does not cache a failure', async () => {
    const { upstream, cached } = setup()
    upstream.failNext = 1
    const all = await Promise.allSettled([
      cached.getCredentials(request),
      cached.getCredentials(request),
    ])
    expect(all.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(upstream.calls).toBe(1)
    await expect(cached.getCredentials(request)).resolves.toBeDefined()
    expect(upstream.calls).toBe(2)
  })

  it('keeps at most maxEntries requests', async () => {
    const { upstream, cached } = setup(300, 2)
    await cached.getCredentials({ ...request, allowPath: 'a/' })
    await cached.getCredentials({ ...request, allowPath: 'b/' })
    await cached.getCredentials({ ...request, allowPath: 'a/' }) // a is now most recent
    await cached.getCredentials({ ...request, allowPath: 'c/' }) // evicts b
    expect(cached.size).toBe(2)
    await cached.getCredentials({ ...request, allowPath: 'a/' })
    expect(upstream.calls).toBe(3)
    await cached.getCredentials({ ...request, allowPath: 'b/' })
    expect(upstream.calls).toBe(4)
  })

  it('validates before calling upstream and honours abort', async () => {
    const { upstream, cached } = setup()
    await expect(cached.getCredentials({ ...request, durationSeconds: 0 })).rejects.toBeInstanceOf(
      ValidationError,
    )
    const controller = new AbortController()
    controller.abort()
    await expect(
      cached.getCredentials(request, { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'Aborted',
    })
    expect(upstream.calls).toBe(0)
    const late = new AbortController()
    const pending = cached.getCredentials(request, { signal: late.signal })
    const other = cached.getCredentials(request)
    late.abort()
    await expect(pending).rejects.toMatchObject({ code: 'Aborted' })
    await expect(other).resolves.toBeDefined()
    expect(upstream.calls).toBe(1)
  })

  it('rejects bad options', () => {
    const { upstream } = setup()
    expect(() => new CachedSTSProvider({ provider: upstream, refreshMarginSeconds: -1 })).toThrow(
      STSError,
    )
    expect(() => new CachedSTSProvider({ provider: upstream, maxEntries: 0 })).toThrow(STSError)
  })
})

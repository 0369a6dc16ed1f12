import { StorageError } from '@aury/errors'
import { describe, expect, it } from 'vitest'
import { backoffDelay, sleep, withRetry } from './retry'

const retryable = () => new StorageError('flaky', { code: 'NetworkError', retryable: true })

describe('backoffDelay', () => {
  it('draws from [0, min(max, base * 2^attempt))', () => {
    expect(backoffDelay(0, { baseDelayMs: 100, random: () => 0.999 })).toBe(99)
    expect(backoffDelay(3, { baseDelayMs: 100, random: () => 0.5 })).toBe(400)
    expect(backoffDelay(20, { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 })).toBe(999)
    expect(backoffDelay(5, { random: () => 0 })).toBe(0)
  })
})

describe('withRetry', () => {
  it('retries retryable errors up to the limit', async () => {
    let calls = 0
    const result = await withRetry(
      async () => {
        calls++
        if (calls < 3) throw retryable()
        return 'ok'
      },
      { retries: 2, baseDelayMs: 1 },
    )
    expect(result).toBe('ok')
    expect(calls).toBe(3)
  })

  it('gives up after the retries and on non-retryable errors', async () => {
    let calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw retryable()
        },
        { retries: 2, baseDelayMs: 1 },
      ),
    ).rejects.toMatchObject({ code: 'NetworkError' })
    expect(calls).toBe(3)
    calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw new StorageError('no', { code: 'AccessDenied' })
        },
        { retries: 5, baseDelayMs: 1 },
      ),
    ).rejects.toMatchObject({ code: 'AccessDenied' })
    expect(calls).toBe(1)
  })

  it('stops waiting as soon as the signal aborts', async () => {
    const controller = new AbortController()
    const started = Date.now()
    const pending = withRetry(
      async () => {
        throw retryable()
      },
      { retries: 5, baseDelayMs: 60_000, random: () => 0.99, signal: controller.signal },
    )
    setTimeout(() => controller.abort(new Error('stop')), 20)
    await expect(pending).rejects.toThrow('stop')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('sleep rejects immediately on an aborted signal', async () => {
    await expect(sleep(10, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone')
  })
})

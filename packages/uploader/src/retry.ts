import { isStorageSDKError } from '@aury/errors'

/** Options of {@link withRetry}. */
export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number
  signal?: AbortSignal
  /** First backoff ceiling in ms; doubles per attempt. Default 200. */
  baseDelayMs?: number
  /** Largest backoff ceiling in ms. Default 5000. */
  maxDelayMs?: number
  /** Random source in [0, 1), for full jitter. Default `Math.random`. */
  random?: () => number
}

/**
 * Exponential backoff with full jitter: a random delay in `[0, min(max, base * 2^attempt))`.
 *
 * @example
 * ```ts
 * backoffDelay(2, { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 }) // 200
 * ```
 */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'> = {},
): number {
  const ceiling = Math.min(options.maxDelayMs ?? 5000, (options.baseDelayMs ?? 200) * 2 ** attempt)
  return Math.floor((options.random ?? Math.random)() * ceiling)
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts.
 *
 * @example
 * ```ts
 * await sleep(250, controller.signal)
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Runs `attempt` until it succeeds, fails with an error that is not `retryable`, the retries are
 * used up, or the signal aborts.
 *
 * @example
 * ```ts
 * const response = await withRetry(() => sendPart(part), { retries: 3, signal })
 * ```
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n)
    } catch (error) {
      const retryable = isStorageSDKError(error) && error.retryable
      if (!retryable || n >= options.retries || options.signal?.aborted) throw error
      await sleep(backoffDelay(n, options), options.signal)
    }
  }
}

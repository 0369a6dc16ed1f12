/** How failed part uploads are repeated: exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Tries per part, the first included. Defaults to 3. */
  attempts?: number
  /** Base delay in ms, doubled per attempt. Defaults to 100. */
  baseDelayMs?: number
  /** Upper bound of one delay in ms. Defaults to 20,000. */
  maxDelayMs?: number
  /** Uniform random number in [0, 1); injectable for tests. Defaults to `Math.random`. */
  random?: () => number
  /** Waits `ms` or rejects when `signal` aborts; injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** {@link RetryPolicy} with every default filled in. */
export type ResolvedRetryPolicy = Required<RetryPolicy>

const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'ServiceUnavailable',
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
])

const TRANSIENT_NODE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
])

/**
 * Sleeps `ms` milliseconds; rejects with the signal's reason as soon as `signal` aborts.
 *
 * @example
 * ```ts
 * await abortableSleep(100, AbortSignal.timeout(1000))
 * ```
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
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
 * Fills in the defaults of a {@link RetryPolicy}.
 *
 * @example
 * ```ts
 * resolveRetryPolicy({ attempts: 5 }).baseDelayMs // 100
 * ```
 */
export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  return {
    attempts: policy.attempts ?? 3,
    baseDelayMs: policy.baseDelayMs ?? 100,
    maxDelayMs: policy.maxDelayMs ?? 20_000,
    random: policy.random ?? Math.random,
    sleep: policy.sleep ?? abortableSleep,
  }
}

/**
 * The delay before retry number `retry` (1 for the first retry): a uniform random fraction of
 * `min(maxDelayMs, baseDelayMs * 2^(retry - 1))` ("full jitter").
 *
 * @example
 * ```ts
 * backoffDelay(3, resolveRetryPolicy({ random: () => 0.5 })) // 200
 * ```
 */
export function backoffDelay(retry: number, policy: ResolvedRetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.floor(policy.random() * ceiling)
}

function walk(error: unknown, seen = new Set<unknown>()): unknown[] {
  if (error === null || typeof error !== 'object' || seen.has(error)) return []
  seen.add(error)
  return [error, ...walk((error as { cause?: unknown }).cause, seen)]
}

/**
 * Whether repeating a request that failed with `error` may succeed: HTTP 5xx (except 501) and
 * 429, throttling and timeout errors, and connection failures anywhere in the `cause` chain.
 * Aborts and other 4xx are not retryable.
 *
 * @example
 * ```ts
 * isRetryableError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })) // true
 * ```
 */
export function isRetryableError(error: unknown): boolean {
  for (const e of walk(error)) {
    const name = (e as { name?: unknown }).name
    if (name === 'AbortError') return false
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
    if (typeof status === 'number') {
      if (status === 429 || (status >= 500 && status !== 501)) return true
      if (status >= 400) return false
    }
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && TRANSIENT_NODE_CODES.has(code)) return true
    const retryable = (e as { $retryable?: unknown }).$retryable
    if (retryable && typeof retryable === 'object') return true
  }
  return false
}

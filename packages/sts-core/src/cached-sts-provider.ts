import { ErrorCode, STSError } from '@aury/errors'
import type { ProviderType } from './provider-type'
import type { STSCredentials } from './sts-credentials'
import type { GetCredentialsOptions, STSProvider } from './sts-provider'
import {
  parseSTSRequest,
  type STSRequest,
  type STSRequestInput,
  stsRequestKey,
} from './sts-request'

/** Options of {@link CachedSTSProvider}. */
export interface CachedSTSProviderOptions {
  /** The provider that issues credentials on a miss. */
  provider: STSProvider
  /**
   * Credentials are refreshed this many seconds before they expire. Default: 300. A request
   * whose lifetime is not longer than the margin is never served from the cache.
   */
  refreshMarginSeconds?: number
  /** Wall clock in ms since the epoch. Default: `Date.now`. */
  now?: () => number
  /** Most distinct requests kept; the least recently used is dropped first. Default: 1000. */
  maxEntries?: number
}

interface Entry {
  credentials: STSCredentials
}

function abortError(signal: AbortSignal): STSError {
  return new STSError('STS request was aborted', { code: ErrorCode.Aborted, cause: signal.reason })
}

function withSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(abortError(signal))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/**
 * Wraps a provider so identical requests reuse credentials until `refreshMarginSeconds` before
 * they expire. Requests are identical when their normalised form is (bucket, region, canonical
 * allow path, action type, duration). Concurrent identical requests share one upstream call
 * (single flight); a failed call is not cached; at most `maxEntries` requests are kept.
 *
 * The shared upstream call runs without the callers' signals: aborting one caller rejects that
 * caller at once (code `Aborted`) while the others keep waiting for the same result.
 *
 * @example
 * ```ts
 * const provider = new CachedSTSProvider({
 *   provider: new TencentSTSProvider({ secretId, secretKey }),
 *   refreshMarginSeconds: 300,
 * })
 * const credentials = await provider.getCredentials({ bucket, region, allowPath: 'user/123/' })
 * ```
 */
export class CachedSTSProvider implements STSProvider {
  readonly type: ProviderType
  readonly #provider: STSProvider
  readonly #marginMs: number
  readonly #now: () => number
  readonly #maxEntries: number
  readonly #cache = new Map<string, Entry>()
  readonly #inflight = new Map<string, Promise<STSCredentials>>()

  constructor(options: CachedSTSProviderOptions) {
    if (!options?.provider || typeof options.provider.getCredentials !== 'function') {
      throw new STSError('CachedSTSProvider needs a provider', { code: ErrorCode.InvalidConfig })
    }
    const margin = options.refreshMarginSeconds ?? 300
    const maxEntries = options.maxEntries ?? 1000
    if (!Number.isFinite(margin) || margin < 0) {
      throw new STSError('refreshMarginSeconds must be a finite number >= 0', {
        code: ErrorCode.InvalidConfig,
      })
    }
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new STSError('maxEntries must be an integer >= 1', { code: ErrorCode.InvalidConfig })
    }
    this.#provider = options.provider
    this.type = options.provider.type
    this.#marginMs = margin * 1000
    this.#now = options.now ?? Date.now
    this.#maxEntries = maxEntries
  }

  /** Number of requests currently cached. */
  get size(): number {
    return this.#cache.size
  }

  /**
   * Cached credentials for the request when still fresh, otherwise new ones (shared with any
   * identical call in flight).
   *
   * @example
   * ```ts
   * const credentials = await cached.getCredentials(request, { signal })
   * ```
   */
  getCredentials(
    request: STSRequestInput | STSRequest,
    options: GetCredentialsOptions = {},
  ): Promise<STSCredentials> {
    let parsed: STSRequest
    try {
      parsed = parseSTSRequest(request)
    } catch (error) {
      return Promise.reject(error)
    }
    const { signal } = options
    if (signal?.aborted) return Promise.reject(abortError(signal))
    const key = stsRequestKey(parsed)
    const entry = this.#cache.get(key)
    if (entry) {
      if (entry.credentials.expiration.getTime() - this.#marginMs > this.#now()) {
        this.#cache.delete(key)
        this.#cache.set(key, entry)
        return Promise.resolve(entry.credentials)
      }
      this.#cache.delete(key)
    }
    let pending = this.#inflight.get(key)
    if (!pending) {
      pending = this.#provider.getCredentials(parsed).then(
        (credentials) => {
          this.#inflight.delete(key)
          this.#store(key, credentials)
          return credentials
        },
        (error: unknown) => {
          this.#inflight.delete(key)
          throw error
        },
      )
      this.#inflight.set(key, pending)
    }
    return withSignal(pending, signal)
  }

  /**
   * Drops every cached credential (calls in flight still complete and are cached).
   *
   * @example
   * ```ts
   * cached.clear() // after rotating the permanent keys
   * ```
   */
  clear(): void {
    this.#cache.clear()
  }

  #store(key: string, credentials: STSCredentials): void {
    this.#cache.delete(key)
    this.#cache.set(key, { credentials })
    while (this.#cache.size > this.#maxEntries) {
      const oldest = this.#cache.keys().next().value
      if (oldest === undefined) break
      this.#cache.delete(oldest)
    }
  }
}

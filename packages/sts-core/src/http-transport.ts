import { ErrorCode, redactText, STSError, STSRequestError, STSSignatureError } from '@aury/errors'
import type { Logger } from './logger'
import { isClockSkewCode, isThrottlingCode, isTransientStatus } from './retry-codes'

/** Why a failed attempt may be repeated: a transient fault, throttling, or a skewed clock. */
export type RetryKind = 'transient' | 'throttling' | 'clock-skew'

/** One signed HTTP request, as built by {@link TransportCall.sign}. */
export interface TransportRequest {
  url: string
  method: string
  headers: Record<string, string>
  body?: string | Uint8Array
}

/** An HTTP response, fully read, handed to {@link TransportCall.interpret}. */
export interface TransportResponse {
  status: number
  headers: Headers
  /** The body as text (UTF-8). */
  body: string
}

/** A refusal found in a response: the cloud's code, message and request id. */
export interface TransportFailure {
  /**
   * The cloud's own error code, e.g. `AuthFailure.SignatureFailure`, or ours
   * (`InvalidResponse`).
   */
  code: string
  /** The cloud's message. */
  message: string
  requestId?: string
  /** The cloud rejected our signature: the error becomes an `STSSignatureError`. */
  signature?: boolean
  /**
   * How to retry. Leave it undefined to let the transport decide from the code and status
   * (clock-skew codes, throttling codes and 429, then 500/502/503/504); `false` never retries.
   */
  retry?: RetryKind | false
}

/** What {@link TransportCall.interpret} makes of a response: a value or a failure. */
export type TransportOutcome<T> = { value: T } | { failure: TransportFailure }

/** One logical call: how to sign a request at a given time, and how to read the response. */
export interface TransportCall<T> {
  /** Operation name for errors and logs, e.g. `GetFederationToken`. */
  operation: string
  /**
   * Builds and signs the request for the instant `now` (already corrected for clock skew).
   * Called once per attempt, so a retry after a skew error carries a fresh signature.
   */
  sign(now: Date): TransportRequest | Promise<TransportRequest>
  /** Reads a response. Throwing ends the call with that error, without retry. */
  interpret(response: TransportResponse): TransportOutcome<T>
  /** The caller's signal: aborting rejects with code `Aborted` at once, also during backoff. */
  signal?: AbortSignal
}

/** The value of a successful call and how many attempts it took. */
export interface TransportResult<T> {
  value: T
  attempts: number
  status: number
}

/** Options of {@link HttpTransport}. Every default is listed. */
export interface HttpTransportOptions {
  /** Provider name put on errors (`tencent`, `aws`, `aliyun`). */
  provider: string
  /** The fetch implementation. Default: `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch
  /** Wall clock in ms since the epoch, used to sign. Default: `Date.now`. */
  now?: () => number
  /** Waits between attempts; must reject when `signal` aborts. Default: a `setTimeout` sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Uniform random in [0, 1) for the full-jitter backoff. Default: `Math.random`. */
  random?: () => number
  /** Time limit of each attempt, connection to last body byte, in ms. Default: 10 000. */
  timeoutMs?: number
  /** Attempts per call, the first one included. Default: 3. */
  maxAttempts?: number
  /**
   * Backoff base for transient faults, ms: delay = random × min(max, base × 2^retry).
   * Default 100.
   */
  baseDelayMs?: number
  /** Backoff base for throttling, ms. Default: 500. */
  throttlingBaseDelayMs?: number
  /** Cap of one backoff delay, also of a server's `Retry-After`, ms. Default: 5 000. */
  maxDelayMs?: number
  /** Smallest clock offset worth a re-signed retry after a clock-skew error, ms. Default 60 000. */
  clockSkewThresholdMs?: number
  /** Largest accepted response body, in bytes. Default: 1 MiB. */
  maxResponseBytes?: number
  /** Secret values (keys, tokens) to scrub from every error text. */
  secrets?: () => Iterable<string | undefined>
  logger?: Logger
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
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

function positive(value: number | undefined, fallback: number, name: string, min = 0): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new STSError(`HttpTransport option ${name} must be a finite number >= ${min}`, {
      code: ErrorCode.InvalidConfig,
    })
  }
  return value
}

function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const value = headers.get('retry-after')
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

class AttemptAbort {
  readonly controller = new AbortController()
  timedOut = false
  callerAborted = false
  readonly #timer: ReturnType<typeof setTimeout>
  readonly #signal: AbortSignal | undefined
  readonly #onAbort = () => {
    this.callerAborted = true
    this.controller.abort(this.#signal?.reason)
  }

  constructor(timeoutMs: number, signal: AbortSignal | undefined) {
    this.#signal = signal
    this.#timer = setTimeout(() => {
      this.timedOut = true
      this.controller.abort(new Error('timeout'))
    }, timeoutMs)
    signal?.addEventListener('abort', this.#onAbort, { once: true })
  }

  dispose(): void {
    clearTimeout(this.#timer)
    this.#signal?.removeEventListener('abort', this.#onAbort)
  }
}

/**
 * The HTTP client behind every STS provider: per-attempt timeout combined with the caller's
 * `AbortSignal`, up to `maxAttempts` attempts with exponential backoff and full jitter on
 * network errors, 5xx and throttling, and one re-signed retry with the server's clock after a
 * clock-skew error. The provider supplies how to sign (`sign(now)`) and how to read a response
 * (`interpret`), so the same transport serves Tencent, AWS and Aliyun.
 *
 * Errors: `STSError` with code `Aborted` (caller's signal), `Timeout` (our time limit; retried),
 * `NetworkError` (no response; retried), `InvalidResponse` (oversized or unreadable body);
 * cloud refusals become `STSRequestError` (or `STSSignatureError` when `failure.signature`)
 * with the cloud's code, message and request id, and `details.attempts`. The clock offset
 * learnt from a skew error is kept for later calls ({@link HttpTransport.clockOffsetMs}).
 *
 * @example
 * ```ts
 * const transport = new HttpTransport({ provider: 'tencent', timeoutMs: 5000 })
 * const { value } = await transport.send({
 *   operation: 'GetFederationToken',
 *   sign: async (now) => ({ url, method: 'POST', headers: await sign(body, now), body }),
 *   interpret: (res) => {
 *     const json = JSON.parse(res.body)
 *     return json.Response.Error
 *       ? { failure: { code: json.Response.Error.Code, message: json.Response.Error.Message } }
 *       : { value: json.Response }
 *   },
 *   signal,
 * })
 * ```
 */
export class HttpTransport {
  readonly provider: string
  readonly #fetch: typeof globalThis.fetch
  readonly #now: () => number
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly #random: () => number
  readonly #timeoutMs: number
  readonly #maxAttempts: number
  readonly #baseDelayMs: number
  readonly #throttlingBaseDelayMs: number
  readonly #maxDelayMs: number
  readonly #skewThresholdMs: number
  readonly #maxResponseBytes: number
  readonly #secrets: () => Iterable<string | undefined>
  readonly #logger: Logger | undefined
  #clockOffsetMs = 0

  constructor(options: HttpTransportOptions) {
    this.provider = options.provider
    const fetchImpl = options.fetch ?? globalThis.fetch
    if (typeof fetchImpl !== 'function') {
      throw new STSError('No fetch implementation: pass options.fetch', {
        code: ErrorCode.InvalidConfig,
        provider: options.provider,
      })
    }
    this.#fetch = fetchImpl
    this.#now = options.now ?? Date.now
    this.#sleep = options.sleep ?? defaultSleep
    this.#random = options.random ?? Math.random
    this.#timeoutMs = positive(options.timeoutMs, 10_000, 'timeoutMs', 1)
    this.#maxAttempts = Math.floor(positive(options.maxAttempts, 3, 'maxAttempts', 1))
    this.#baseDelayMs = positive(options.baseDelayMs, 100, 'baseDelayMs')
    this.#throttlingBaseDelayMs = positive(options.throttlingBaseDelayMs, 500, 'throttling')
    this.#maxDelayMs = positive(options.maxDelayMs, 5_000, 'maxDelayMs')
    this.#skewThresholdMs = positive(options.clockSkewThresholdMs, 60_000, 'clockSkewThresholdMs')
    this.#maxResponseBytes = positive(options.maxResponseBytes, 1024 * 1024, 'maxResponseBytes')
    this.#secrets = options.secrets ?? (() => [])
    this.#logger = options.logger
  }

  /**
   * Server time minus local time, in ms, as learnt from the last clock-skew error (0 until then).
   *
   * @example
   * ```ts
   * if (Math.abs(transport.clockOffsetMs) > 60_000) logger.warn('local clock is off')
   * ```
   */
  get clockOffsetMs(): number {
    return this.#clockOffsetMs
  }

  /**
   * Runs one logical call with timeouts, retries and clock-skew correction.
   *
   * @example
   * ```ts
   * const { value, attempts } = await transport.send({ operation, sign, interpret, signal })
   * ```
   */
  async send<T>(call: TransportCall<T>): Promise<TransportResult<T>> {
    const { signal, operation } = call
    let skewCorrected = false
    let retries = 0
    for (let attempt = 1; ; attempt++) {
      this.#throwIfAborted(signal, operation, attempt - 1)
      const offsetUsed = this.#clockOffsetMs
      const request = await call.sign(new Date(this.#now() + offsetUsed))
      this.#throwIfAborted(signal, operation, attempt - 1)
      this.#logger?.debug?.('sts request', { provider: this.provider, operation, attempt })

      const outcome = await this.#attempt(request, call, attempt)
      let kind: RetryKind | false
      let error: STSError
      let delayHint: number | undefined
      if ('value' in outcome) {
        return { value: outcome.value, attempts: attempt, status: outcome.status }
      }
      if ('error' in outcome) {
        ;({ kind, error } = outcome)
      } else {
        const { failure, response } = outcome
        kind = failure.retry ?? this.#classify(failure.code, response.status)
        if (kind === 'clock-skew') {
          kind = this.#learnOffset(response, offsetUsed) && !skewCorrected ? 'clock-skew' : false
        }
        error = this.#failureError(failure, response.status, operation, attempt, kind !== false)
        delayHint = retryAfterMs(response.headers, this.#now())
      }

      if (kind === false || attempt >= this.#maxAttempts) throw error
      if (kind === 'clock-skew') {
        skewCorrected = true
        this.#logger?.warn?.('sts clock skew corrected, re-signing', {
          provider: this.provider,
          operation,
          attempt,
          clockOffsetMs: this.#clockOffsetMs,
        })
        continue
      }
      const base = kind === 'throttling' ? this.#throttlingBaseDelayMs : this.#baseDelayMs
      const ceiling = Math.min(this.#maxDelayMs, base * 2 ** retries)
      retries++
      let delay = Math.floor(this.#random() * ceiling)
      if (delayHint !== undefined) delay = Math.min(this.#maxDelayMs, Math.max(delay, delayHint))
      this.#logger?.warn?.('sts request failed, retrying', {
        provider: this.provider,
        operation,
        attempt,
        code: error.code,
        kind,
        delayMs: delay,
      })
      try {
        await this.#sleep(delay, signal)
      } catch (cause) {
        if (signal?.aborted) throw this.#aborted(signal, operation, attempt)
        throw cause
      }
    }
  }

  #classify(code: string, status: number): RetryKind | false {
    if (isClockSkewCode(code)) return 'clock-skew'
    if (isThrottlingCode(code) || status === 429) return 'throttling'
    if (isTransientStatus(status)) return 'transient'
    return false
  }

  /** Learns the server clock from `Date`; true when the offset moved by at least the threshold. */
  #learnOffset(response: TransportResponse, offsetUsed: number): boolean {
    const date = response.headers.get('date')
    if (!date || response.headers.has('age')) return false
    const serverMs = Date.parse(date)
    if (Number.isNaN(serverMs)) return false
    const offset = serverMs - this.#now()
    if (Math.abs(offset - offsetUsed) < this.#skewThresholdMs) return false
    this.#clockOffsetMs = offset
    return true
  }

  async #attempt<T>(
    request: TransportRequest,
    call: TransportCall<T>,
    attempt: number,
  ): Promise<
    | { value: T; status: number }
    | { failure: TransportFailure; response: TransportResponse }
    | { error: STSError; kind: RetryKind | false }
  > {
    const guard = new AttemptAbort(this.#timeoutMs, call.signal)
    let response: TransportResponse
    try {
      let res: Response
      try {
        res = await this.#fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body as BodyInit | undefined,
          signal: guard.controller.signal,
        })
      } catch (cause) {
        return { error: this.#fetchError(cause, guard, call, attempt, false), kind: 'transient' }
      }
      try {
        const declared = Number(res.headers.get('content-length') ?? '0')
        if (declared > this.#maxResponseBytes) throw new RangeError('response too large')
        const body = await res.text()
        if (body.length > this.#maxResponseBytes) throw new RangeError('response too large')
        response = { status: res.status, headers: res.headers, body }
      } catch (cause) {
        const error = this.#fetchError(cause, guard, call, attempt, true)
        return { error, kind: error.code === ErrorCode.Timeout ? 'transient' : false }
      }
    } finally {
      guard.dispose()
    }
    if (call.signal?.aborted) throw this.#aborted(call.signal, call.operation, attempt)
    const outcome = call.interpret(response)
    if ('value' in outcome) return { value: outcome.value, status: response.status }
    return { failure: outcome.failure, response }
  }

  #fetchError(
    cause: unknown,
    guard: AttemptAbort,
    call: TransportCall<unknown>,
    attempt: number,
    afterHeaders: boolean,
  ): STSError {
    if (guard.callerAborted || call.signal?.aborted) {
      throw this.#aborted(call.signal, call.operation, attempt)
    }
    const base = { provider: this.provider, secrets: [...this.#secrets()] }
    if (guard.timedOut) {
      return new STSError(
        `${this.provider} ${call.operation} timed out after ${this.#timeoutMs} ms ` +
          `(attempt ${attempt})`,
        {
          ...base,
          code: ErrorCode.Timeout,
          retryable: true,
          details: { attempts: attempt, timeoutMs: this.#timeoutMs, operation: call.operation },
        },
      )
    }
    if (cause instanceof RangeError) {
      return new STSError(
        `${this.provider} ${call.operation} response exceeds ${this.#maxResponseBytes} bytes`,
        { ...base, code: ErrorCode.InvalidResponse, details: { attempts: attempt } },
      )
    }
    const what = afterHeaders ? 'failed while reading the response' : 'failed (network error)'
    return new STSError(`${this.provider} ${call.operation} ${what}`, {
      ...base,
      code: ErrorCode.NetworkError,
      retryable: !afterHeaders,
      cause,
      details: { attempts: attempt, operation: call.operation },
    })
  }

  #failureError(
    failure: TransportFailure,
    status: number,
    operation: string,
    attempts: number,
    retryable: boolean,
  ): STSError {
    const secrets = [...this.#secrets()]
    const options = {
      code: failure.code,
      provider: this.provider,
      requestId: failure.requestId,
      httpStatus: status,
      retryable,
      details: { attempts, operation },
      secrets,
    }
    const message = `${this.provider} ${operation} failed: ${failure.code}: ${failure.message}`
    return failure.signature
      ? new STSSignatureError(message, options)
      : new STSRequestError(message, {
          ...options,
          cloudMessage: redactText(failure.message, secrets),
        })
  }

  #aborted(signal: AbortSignal | undefined, operation: string, attempts: number): STSError {
    return new STSError(`${this.provider} ${operation} was aborted`, {
      code: ErrorCode.Aborted,
      provider: this.provider,
      cause: signal?.reason,
      details: { attempts, operation },
      secrets: [...this.#secrets()],
    })
  }

  #throwIfAborted(signal: AbortSignal | undefined, operation: string, attempts: number): void {
    if (signal?.aborted) throw this.#aborted(signal, operation, attempts)
  }
}

import { REDACTED, redactText } from './redact'

/** Options shared by every Aury error. */
export interface StorageSDKErrorOptions {
  /** Stable string code: one of `ErrorCode` or the cloud's own code. */
  code: string
  /** The underlying error; it is kept only after secrets are removed from its text. */
  cause?: unknown
  /** `tencent`, `aws`, `aliyun`, `s3`, `local`, ... */
  provider?: string
  requestId?: string
  httpStatus?: number
  /** Whether repeating the same call may succeed. Defaults to `false`. */
  retryable?: boolean
  /** Extra non-secret facts (field name, limits, the offending key). */
  details?: Record<string, unknown>
  /** Secret values known to the caller; they are removed from message and cause. */
  secrets?: Iterable<string | undefined>
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')

function sanitizeCause(cause: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (cause instanceof StorageSDKError) {
    if (secrets.length === 0) return cause
    // It redacted what it knew; redact what we know in a copy (same class and fields).
    const copy = Object.create(
      Object.getPrototypeOf(cause),
      Object.getOwnPropertyDescriptors(cause),
    )
    copy.message = redactText(cause.message, secrets)
    copy.stack = redactText(cause.stack ?? '', secrets)
    if (typeof copy.cloudMessage === 'string') {
      copy.cloudMessage = redactText(copy.cloudMessage, secrets)
    }
    const inner = (cause as { cause?: unknown }).cause
    if (inner !== undefined) copy.cause = sanitizeCause(inner, secrets)
    return copy
  }
  if (cause instanceof Error) {
    const clean = new Error(redactText(cause.message, secrets))
    clean.name = cause.name
    clean.stack = redactText(cause.stack ?? '', secrets)
    const code = (cause as { code?: unknown }).code
    if (typeof code === 'string') Object.assign(clean, { code })
    return clean
  }
  if (typeof cause === 'string') return redactText(cause, secrets)
  if (cause === undefined || cause === null) return cause
  if (typeof cause === 'number' || typeof cause === 'boolean') return cause
  return REDACTED
}

/**
 * The base class of every error thrown by Aury. It carries a stable string `code` to branch on,
 * the cloud's `requestId` and `httpStatus` when known, and whether a retry may help.
 * Its message, `toString()`, `JSON.stringify()` and `util.inspect()` never contain secrets.
 *
 * @example
 * ```ts
 * try {
 *   await provider.getCredentials(request)
 * } catch (error) {
 *   if (error instanceof StorageSDKError && error.code === 'InvalidScope') showHint(error.message)
 * }
 * ```
 */
export class StorageSDKError extends Error {
  readonly code: string
  readonly provider: string | undefined
  readonly requestId: string | undefined
  readonly httpStatus: number | undefined
  readonly retryable: boolean
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(message: string, options: StorageSDKErrorOptions) {
    const secrets = [...(options.secrets ?? [])]
    super(redactText(message, secrets))
    this.name = new.target.name
    this.code = options.code
    this.provider = options.provider
    this.requestId = options.requestId
    this.httpStatus = options.httpStatus
    this.retryable = options.retryable ?? false
    this.details = options.details
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', {
        value: sanitizeCause(options.cause, secrets),
        enumerable: false,
        writable: true,
        configurable: true,
      })
    }
  }

  /** A plain, secret-free view used by `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message }
    if (this.provider !== undefined) out.provider = this.provider
    if (this.requestId !== undefined) out.requestId = this.requestId
    if (this.httpStatus !== undefined) out.httpStatus = this.httpStatus
    out.retryable = this.retryable
    if (this.details !== undefined) out.details = this.details
    const cause = (this as { cause?: unknown }).cause
    if (cause instanceof StorageSDKError) out.cause = cause.toJSON()
    else if (cause instanceof Error) out.cause = { name: cause.name, message: cause.message }
    else if (cause !== undefined) out.cause = cause
    return out
  }

  override toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`
  }

  [inspectSymbol](): string {
    const facts = [
      this.provider && `provider=${this.provider}`,
      this.httpStatus !== undefined && `httpStatus=${this.httpStatus}`,
      this.requestId && `requestId=${this.requestId}`,
      `retryable=${this.retryable}`,
    ].filter(Boolean)
    const cause = (this as { cause?: unknown }).cause
    const causeText =
      cause instanceof Error
        ? `\n  [cause]: ${cause.name}: ${cause.message}`
        : cause
          ? `\n  [cause]: ${String(cause)}`
          : ''
    return `${this.stack ?? this.toString()}\n  { code: ${this.code}, ${facts.join(', ')} }${causeText}`
  }
}

/**
 * True for any Aury error, also across duplicated copies of this package.
 *
 * @example
 * ```ts
 * if (isStorageSDKError(error)) console.error(error.code)
 * ```
 */
export function isStorageSDKError(value: unknown): value is StorageSDKError {
  return (
    value instanceof StorageSDKError ||
    (value instanceof Error &&
      typeof (value as { code?: unknown }).code === 'string' &&
      typeof (value as { retryable?: unknown }).retryable === 'boolean')
  )
}

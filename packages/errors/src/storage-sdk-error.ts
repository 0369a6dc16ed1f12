import { ownName } from './error-name'
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

/**
 * The facts `toJSON` shows, in this order, when they are set (then `details`; `cause` as its own
 * view). `util.inspect` shows these, not `details`, which may hold anything.
 */
const INSPECTED = [
  'name',
  'code',
  'message',
  'provider',
  'requestId',
  'httpStatus',
  'retryable',
  'cause',
  'field',
  'cloudMessage',
]

/**
 * A string cause is redacted, a number, boolean or nullish one kept, any other non-error
 * replaced by `[REDACTED]`. An Aury cause redacted what it knew: when `secrets` are given, they
 * are redacted in a copy of the same class and fields. Any other error becomes a plain `Error`
 * with its name, code (when a string), and redacted message and stack.
 */
function sanitizeCause(cause: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (!(cause instanceof Error)) {
    if (typeof cause === 'string') return redactText(cause, secrets)
    return cause == null || typeof cause === 'number' || typeof cause === 'boolean'
      ? cause
      : REDACTED
  }
  const aury = cause instanceof StorageSDKError
  if (aury && secrets.length === 0) return cause
  const source = cause as Error & Record<string, unknown>
  const copy: Record<string, unknown> = aury
    ? Object.create(Object.getPrototypeOf(cause), Object.getOwnPropertyDescriptors(cause))
    : Object.assign(new Error(''), { name: source.name })
  copy.message = redactText(source.message, secrets)
  copy.stack = redactText(source.stack ?? '', secrets)
  if (typeof source.code === 'string') copy.code = source.code
  if (typeof copy.cloudMessage === 'string') {
    copy.cloudMessage = redactText(copy.cloudMessage, secrets)
  }
  if (aury && source.cause !== undefined) copy.cause = sanitizeCause(source.cause, secrets)
  return copy
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
  /** `'StorageSDKError'`: an explicit name survives minification (class names do not). */
  override get name(): string {
    return 'StorageSDKError'
  }

  override set name(value: string) {
    ownName(this, value)
  }

  // `declare`: set in the constructor, so no class-field code is emitted for them.
  declare readonly code: string
  declare readonly provider: string | undefined
  declare readonly requestId: string | undefined
  declare readonly httpStatus: number | undefined
  declare readonly retryable: boolean
  declare readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(message: string, options: StorageSDKErrorOptions) {
    const secrets = [...(options.secrets ?? [])]
    super(redactText(message, secrets))
    this.code = options.code
    this.provider = options.provider
    this.requestId = options.requestId
    this.httpStatus = options.httpStatus
    this.retryable = options.retryable ?? false
    this.details = options.details
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', {
        value: sanitizeCause(options.cause, secrets),
        writable: true,
        configurable: true,
      })
    }
  }

  /**
   * A plain, secret-free view used by `JSON.stringify`: name, code, message, then whichever of
   * provider, requestId, httpStatus, retryable, cause (its own view), field, cloudMessage and
   * details are set.
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const key of [...INSPECTED, 'details']) {
      let value = (this as unknown as Record<string, unknown>)[key]
      if (value instanceof Error && key === 'cause') {
        value =
          value instanceof StorageSDKError
            ? value.toJSON()
            : { name: value.name, message: value.message }
      }
      if (value !== undefined) out[key] = value
    }
    return out
  }

  override toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`
  }

  /** The stack, then the facts of `toJSON` (not `details`) as one line of JSON. */
  [inspectSymbol](): string {
    return `${this.stack ?? this}\n  ${JSON.stringify(this, INSPECTED)}`
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

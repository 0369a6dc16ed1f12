import { ownName } from './error-name'
import { redactText } from './redact'
import { StorageSDKError, type StorageSDKErrorOptions } from './storage-sdk-error'

/**
 * Any failure while issuing temporary credentials.
 *
 * @example
 * ```ts
 * if (error instanceof STSError) logger.warn({ code: error.code, provider: error.provider })
 * ```
 */
export class STSError extends StorageSDKError {
  /** `'STSError'`: an explicit name survives minification (class names do not). */
  override get name(): string {
    return 'STSError'
  }

  override set name(value: string) {
    ownName(this, value)
  }
}

/** Options of {@link STSRequestError}: the cloud's code and message are required. */
export interface STSRequestErrorOptions extends StorageSDKErrorOptions {
  /** The message the cloud returned, kept apart from our own wording; redacted like `message`. */
  cloudMessage?: string
}

/**
 * The cloud refused an STS call. `code` is the cloud's own code (for example
 * `InvalidParameter.PolicyTooLong` or `AccessDenied`), `requestId` the cloud's request id.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (error instanceof STSRequestError) report(error.code, error.requestId)
 * }
 * ```
 */
export class STSRequestError extends STSError {
  /** `'STSRequestError'`: an explicit name survives minification (class names do not). */
  override get name(): string {
    return 'STSRequestError'
  }

  override set name(value: string) {
    ownName(this, value)
  }

  declare readonly cloudMessage: string | undefined
  constructor(message: string, options: STSRequestErrorOptions) {
    const secrets = [...(options.secrets ?? [])]
    super(message, { ...options, secrets })
    this.cloudMessage =
      options.cloudMessage === undefined ? undefined : redactText(options.cloudMessage, secrets)
  }
}

/**
 * A request could not be signed, or the cloud rejected our signature
 * (`AuthFailure.SignatureFailure`, `SignatureDoesNotMatch`, ...).
 *
 * @example
 * ```ts
 * if (error instanceof STSSignatureError) checkKeysAndClock()
 * ```
 */
export class STSSignatureError extends STSError {
  /** `'STSSignatureError'`: an explicit name survives minification (class names do not). */
  override get name(): string {
    return 'STSSignatureError'
  }

  override set name(value: string) {
    ownName(this, value)
  }
}

export type { StorageSDKErrorOptions }

import { ownName } from './error-name'
import { StorageSDKError, type StorageSDKErrorOptions } from './storage-sdk-error'

/**
 * Bad input, rejected before any network or disk I/O. `code` names the rule that failed
 * (`InvalidObjectKey`, `InvalidBucketName`, `InvalidDuration`, `InvalidScope`, ...) and
 * `field` the option that carried the value.
 *
 * @example
 * ```ts
 * throw new ValidationError('durationSeconds must be 900..7200', {
 *   code: 'InvalidDuration',
 *   field: 'durationSeconds',
 * })
 * ```
 */
export class ValidationError extends StorageSDKError {
  /** `'ValidationError'`: an explicit name survives minification (class names do not). */
  override get name(): string {
    return 'ValidationError'
  }

  override set name(value: string) {
    ownName(this, value)
  }

  declare readonly field: string | undefined
  constructor(message: string, options: StorageSDKErrorOptions & { field?: string }) {
    super(message, { ...options, retryable: false })
    this.field = options.field
  }
}

import { ErrorCode, ValidationError } from '@aury/errors'

/**
 * Returns `value` when it is a non-empty string, else throws a `ValidationError`
 * (`InvalidConfig`, `<field> is required`). The value itself is never part of the message, so it
 * is safe for secrets.
 *
 * @example
 * ```ts
 * const accessKeyId = requireConfigString(options.accessKeyId, 'accessKeyId')
 * ```
 */
export function requireConfigString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ValidationError(`${field} is required`, { code: ErrorCode.InvalidConfig, field })
  }
  return value
}

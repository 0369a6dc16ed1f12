import { type ErrorCodeName, ValidationError } from '@aury/errors'

/** Builds the `ValidationError` every rule in this package throws. */
export function invalid(code: ErrorCodeName, field: string, message: string): ValidationError {
  return new ValidationError(message, { code, field })
}

/**
 * Throws `<field> <rule> (got <value>)` as a `ValidationError`; the value is shown escaped and
 * cut to 80 characters, so messages stay short and safe.
 */
export function reject(code: ErrorCodeName, field: string, rule: string, value: unknown): never {
  const got = JSON.stringify(String(value).slice(0, 80))
  throw new ValidationError(`${field} ${rule} (got ${got})`, { code, field })
}

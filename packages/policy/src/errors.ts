import { type ErrorCodeName, ValidationError } from '@aury/errors'

/** Shows at most 80 characters of a rejected value, escaped, so messages stay short and safe. */
export function quote(value: unknown): string {
  return JSON.stringify(String(value).slice(0, 80))
}

/** Builds the `ValidationError` every rule in this package throws. */
export function invalid(code: ErrorCodeName, field: string, message: string): ValidationError {
  return new ValidationError(message, { code, field })
}

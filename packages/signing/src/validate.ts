import { ValidationError } from '@aury/errors'

const SCOPE_PART = /^[^\s/]+$/

/** Throws `InvalidConfig` unless `value` is a non-empty string. Never echoes the value. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError(`${field} must be a non-empty string`, {
      code: 'InvalidConfig',
      field,
    })
  }
  return value
}

/** A credential-scope part (region, service): non-empty, no `/` and no whitespace. */
export function requireScopePart(value: unknown, field: string, code = 'InvalidArgument'): string {
  if (typeof value !== 'string' || !SCOPE_PART.test(value)) {
    throw new ValidationError(`${field} must be a non-empty string without '/' or whitespace`, {
      code,
      field,
    })
  }
  return value
}

/** Presign and POST-policy lifetimes: an integer number of seconds, 1..604800 (7 days). */
export function requireExpiresIn(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 604800) {
    throw new ValidationError('expiresIn must be an integer from 1 to 604800 seconds', {
      code: 'InvalidDuration',
      field: 'expiresIn',
    })
  }
  return value
}

/** An HTTP method token, upper-cased. */
export function requireMethod(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]+$/.test(value)) {
    throw new ValidationError('method must be an HTTP method name', {
      code: 'InvalidArgument',
      field: 'method',
    })
  }
  return value.toUpperCase()
}

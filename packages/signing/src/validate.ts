import { ValidationError } from '@aury/errors'

export function fail(field: string, rule: string, code: string): never {
  throw new ValidationError(`${field} must be ${rule}`, { code, field })
}

/** Throws `InvalidConfig` unless `value` is a non-empty string. Never echoes the value. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') fail(field, 'a non-empty string', 'InvalidConfig')
  return value
}

/** A credential-scope part (region, service): non-empty, no `/` and no whitespace. */
export function requireScopePart(value: unknown, field: string, code = 'InvalidArgument'): string {
  if (typeof value !== 'string' || !/^[^\s/]+$/.test(value)) {
    fail(field, "a non-empty string without '/' or whitespace", code)
  }
  return value
}

/** Presign and POST-policy lifetimes: an integer number of seconds, 1..604800 (7 days). */
export function requireExpiresIn(value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 604800) {
    fail('expiresIn', '1..604800 whole seconds', 'InvalidDuration')
  }
  return value as number
}

/** An HTTP method token, upper-cased. */
export function requireMethod(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]+$/.test(value)) {
    fail('method', 'an HTTP method', 'InvalidArgument')
  }
  return value.toUpperCase()
}

/** Throws `code` unless `value` is a non-null object (request and option bags). */
export function requireObject(value: unknown, field: string, code: string): void {
  if (value === null || typeof value !== 'object') fail(field, 'an object', code)
}

import { ErrorCode, ValidationError } from '@aury/errors'

/** The longest presigned URL lifetime any backend allows: 7 days (SigV4). */
export const MAX_EXPIRES_IN = 604_800

/**
 * Check a presign lifetime: an integer number of seconds in 1..604800. `undefined` becomes
 * `fallback`; `0`, negatives and `NaN` are refused (never silently defaulted).
 *
 * @example
 * ```ts
 * validateExpiresIn(undefined, 900) // 900
 * validateExpiresIn(0, 900) // throws ValidationError { code: 'InvalidArgument' }
 * ```
 */
export function validateExpiresIn(expiresIn: number | undefined, fallback: number): number {
  if (expiresIn === undefined) return fallback
  if (!Number.isSafeInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_IN) {
    throw new ValidationError(`expiresIn must be an integer in 1..${MAX_EXPIRES_IN}`, {
      code: ErrorCode.InvalidArgument,
      field: 'expiresIn',
    })
  }
  return expiresIn
}

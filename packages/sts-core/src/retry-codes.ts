const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'PriorRequestNotComplete',
])

const CLOCK_SKEW_CODES = new Set([
  'AuthFailure.SignatureExpire',
  'RequestExpired',
  'RequestTimeTooSkewed',
  'RequestInTheFuture',
  'InvalidTimeStamp.Expired',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
])

/**
 * Whether a cloud error code means "slow down": AWS `Throttling`, `ThrottlingException`,
 * `SlowDown`..., Tencent `RequestLimitExceeded` and its `RequestLimitExceeded.*` sub-codes,
 * Aliyun `Throttling.*`. Such errors are retried with a longer backoff.
 *
 * @example
 * ```ts
 * isThrottlingCode('RequestLimitExceeded.UinLimitExceeded') // true
 * ```
 */
export function isThrottlingCode(code: string | undefined): boolean {
  if (!code) return false
  if (THROTTLING_CODES.has(code)) return true
  return code.startsWith('RequestLimitExceeded.') || code.startsWith('Throttling.')
}

/**
 * Whether a cloud error code may be caused by a wrong local clock (`AuthFailure.SignatureExpire`,
 * `RequestExpired`, `RequestTimeTooSkewed`, `SignatureDoesNotMatch`...). The transport re-signs
 * once with the server's time only if the response `Date` shows a real skew.
 *
 * @example
 * ```ts
 * isClockSkewCode('AuthFailure.SignatureExpire') // true
 * ```
 */
export function isClockSkewCode(code: string | undefined): boolean {
  return code !== undefined && CLOCK_SKEW_CODES.has(code)
}

/**
 * Whether an HTTP status is a transient server fault worth retrying (500, 502, 503, 504).
 * 501 and other statuses are not retried.
 *
 * @example
 * ```ts
 * isTransientStatus(503) // true
 * ```
 */
export function isTransientStatus(status: number): boolean {
  return status === 500 || status === 502 || status === 503 || status === 504
}

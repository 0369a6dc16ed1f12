import { ErrorCode, ValidationError } from '@aury/errors'

/**
 * Limits of Aliyun STS AssumeRole (API 2015-04-01), checked before any request. `strict`
 * values are the older documented limits, which every documented version accepts.
 *
 * @example
 * ```ts
 * ALIYUN_STS_LIMITS.policyMaxChars.strict // 1024
 * ```
 */
export const ALIYUN_STS_LIMITS = {
  minDurationSeconds: 900,
  /** Default MaxSessionDuration of a RAM role. */
  defaultMaxDurationSeconds: 3_600,
  /** Largest MaxSessionDuration a role can be given. */
  maxDurationSeconds: 43_200,
  policyMaxChars: { current: 2_048, strict: 1_024 },
  roleSessionName: { min: 2, max: 64, strictMax: 32 },
  externalId: { min: 2, max: 1_224 },
} as const

const SESSION_NAME_CHARS = /^[A-Za-z0-9.@_-]*$/
const EXTERNAL_ID_CHARS = /^[\w+=,.@:/-]*$/
const ROLE_ARN = /^acs:ram::\d{1,32}:role\/[A-Za-z0-9._@-]{1,64}$/i

function config(field: string, message: string): ValidationError {
  return new ValidationError(message, { code: ErrorCode.InvalidConfig, field })
}

/**
 * Checks a RAM role ARN: `acs:ram::<account id>:role/<role name>`.
 *
 * @example
 * ```ts
 * checkAliyunRoleArn('acs:ram::1234567890123456:role/oss-uploader')
 * ```
 */
export function checkAliyunRoleArn(value: unknown): string {
  if (typeof value !== 'string' || !ROLE_ARN.test(value)) {
    throw config('roleArn', 'roleArn must look like acs:ram::<account id>:role/<role name>')
  }
  return value
}

/**
 * Checks `RoleSessionName`: 2-64 characters (2-32 in strict mode) of letters, digits and `.@_-`.
 *
 * @example
 * ```ts
 * checkRoleSessionName('upload-42', false)
 * ```
 */
export function checkRoleSessionName(value: unknown, strict: boolean): string {
  const { min, max, strictMax } = ALIYUN_STS_LIMITS.roleSessionName
  const upper = strict ? strictMax : max
  if (
    typeof value !== 'string' ||
    value.length < min ||
    value.length > upper ||
    !SESSION_NAME_CHARS.test(value)
  ) {
    throw config('roleSessionName', `roleSessionName must be ${min}-${upper} of [A-Za-z0-9.@_-]`)
  }
  return value
}

/**
 * Checks `ExternalId`: 2-1224 characters of `[\w+=,.@:/-]`.
 *
 * @example
 * ```ts
 * checkAliyunExternalId('partner-7f3a')
 * ```
 */
export function checkAliyunExternalId(value: unknown): string {
  const { min, max } = ALIYUN_STS_LIMITS.externalId
  if (
    typeof value !== 'string' ||
    value.length < min ||
    value.length > max ||
    !EXTERNAL_ID_CHARS.test(value)
  ) {
    throw config('externalId', `externalId must be ${min}-${max} characters`)
  }
  return value
}

/**
 * Checks a duration against `[900, max]`; `InvalidDuration` otherwise (0, NaN and fractions
 * included: they are never replaced by a default).
 *
 * @example
 * ```ts
 * checkAliyunDuration(900, 3600)
 * ```
 */
export function checkAliyunDuration(seconds: number, max: number): number {
  const min = ALIYUN_STS_LIMITS.minDurationSeconds
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw new ValidationError(`durationSeconds must be an integer in ${min}..${max}`, {
      code: ErrorCode.InvalidDuration,
      field: 'durationSeconds',
      details: { min, max },
    })
  }
  return seconds
}

/**
 * Checks the serialised RAM policy length: 2048 characters (1024 in strict mode).
 *
 * @example
 * ```ts
 * checkAliyunPolicy(JSON.stringify(policy), false)
 * ```
 */
export function checkAliyunPolicy(policy: string, strict: boolean): string {
  const max = strict
    ? ALIYUN_STS_LIMITS.policyMaxChars.strict
    : ALIYUN_STS_LIMITS.policyMaxChars.current
  if (policy.length > max) {
    throw new ValidationError(`policy is ${policy.length} characters, above ${max}`, {
      code: ErrorCode.PolicyTooLarge,
      field: 'allowPath',
      details: { size: policy.length, max },
    })
  }
  return policy
}

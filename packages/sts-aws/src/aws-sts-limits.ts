import { ErrorCode, ValidationError } from '@aury/errors'

/**
 * Limits of the AWS STS API (API reference, version 2011-06-15) and of MinIO's AssumeRole,
 * enforced before any request: the AWS SDK itself sends out-of-range values without complaint.
 *
 * @example
 * ```ts
 * AWS_STS_LIMITS.assumeRole.maxDurationSeconds // 43200
 * ```
 */
export const AWS_STS_LIMITS = {
  minDurationSeconds: 900,
  assumeRole: { maxDurationSeconds: 43_200 },
  /** AssumeRole called with temporary credentials (role chaining) is capped at one hour. */
  roleChaining: { maxDurationSeconds: 3_600 },
  getFederationToken: { maxDurationSeconds: 129_600 },
  minio: { maxDurationSeconds: 604_800 },
  /** Plaintext characters of the inline session policy. */
  policyMaxChars: 2_048,
  roleArn: { min: 20, max: 2_048 },
  roleSessionName: { min: 2, max: 64 },
  federationName: { min: 2, max: 32 },
  externalId: { min: 2, max: 1_224 },
} as const

const NAME_CHARS = /^[\w+=,.@-]*$/
const EXTERNAL_ID_CHARS = /^[\w+=,.@:/-]*$/
const ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\/[\w+=,.@/-]+$/
/** Characters STS accepts in a session policy: U+0020–U+00FF plus tab, LF and CR. */
const POLICY_CHARS = /^[\t\n\r\u0020-\u00ff]*$/

function bad(code: string, field: string, message: string): ValidationError {
  return new ValidationError(message, { code, field })
}

/**
 * Checks a name-like STS parameter (`RoleSessionName`, federation `Name`): length and the
 * `[\w+=,.@-]` character set.
 *
 * @example
 * ```ts
 * checkStsName('roleSessionName', 'upload-42', AWS_STS_LIMITS.roleSessionName)
 * ```
 */
export function checkStsName(
  field: string,
  value: unknown,
  limits: { min: number; max: number },
): string {
  if (
    typeof value !== 'string' ||
    value.length < limits.min ||
    value.length > limits.max ||
    !NAME_CHARS.test(value)
  ) {
    throw bad(
      ErrorCode.InvalidConfig,
      field,
      `${field} must be ${limits.min}-${limits.max} characters of letters, digits and +=,.@_-`,
    )
  }
  return value
}

/**
 * Checks `ExternalId`: 2–1224 characters of `[\w+=,.@:/-]`.
 *
 * @example
 * ```ts
 * checkExternalId('partner-7f3a')
 * ```
 */
export function checkExternalId(value: unknown): string {
  const { min, max } = AWS_STS_LIMITS.externalId
  if (
    typeof value !== 'string' ||
    value.length < min ||
    value.length > max ||
    !EXTERNAL_ID_CHARS.test(value)
  ) {
    throw bad(ErrorCode.InvalidConfig, 'externalId', `externalId must be ${min}-${max} characters`)
  }
  return value
}

/**
 * Checks a role ARN: 20–2048 characters; for AWS also the
 * `arn:<partition>:iam::<12 digits>:role/` shape (MinIO ignores the value, so only the length
 * applies there).
 *
 * @example
 * ```ts
 * checkRoleArn('arn:aws:iam::123456789012:role/uploader', true)
 * ```
 */
export function checkRoleArn(value: unknown, strictShape: boolean): string {
  const { min, max } = AWS_STS_LIMITS.roleArn
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw bad(ErrorCode.InvalidConfig, 'roleArn', `roleArn must be ${min}-${max} characters`)
  }
  if (strictShape && !ROLE_ARN.test(value)) {
    throw bad(
      ErrorCode.InvalidConfig,
      'roleArn',
      'roleArn must look like arn:aws:iam::123456789012:role/name',
    )
  }
  return value
}

/**
 * Checks a requested duration against `[900, max]`; throws `InvalidDuration` otherwise.
 *
 * @example
 * ```ts
 * checkDuration(3600, AWS_STS_LIMITS.assumeRole.maxDurationSeconds, 'AssumeRole')
 * ```
 */
export function checkDuration(seconds: number, max: number, operation: string): number {
  const min = AWS_STS_LIMITS.minDurationSeconds
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw new ValidationError(
      `durationSeconds must be an integer in ${min}..${max} for ${operation}`,
      {
        code: ErrorCode.InvalidDuration,
        field: 'durationSeconds',
        details: { min, max, operation },
      },
    )
  }
  return seconds
}

/**
 * Checks a serialised session policy: at most 2048 characters (`PolicyTooLarge`) of
 * U+0020–U+00FF plus tab, LF and CR (`InvalidScope`).
 *
 * @example
 * ```ts
 * checkSessionPolicy(serializeAwsPolicy(policy))
 * ```
 */
export function checkSessionPolicy(policy: string): string {
  const max = AWS_STS_LIMITS.policyMaxChars
  if (policy.length > max) {
    throw new ValidationError(`session policy is ${policy.length} characters, above ${max}`, {
      code: ErrorCode.PolicyTooLarge,
      field: 'allowPath',
      details: { size: policy.length, max },
    })
  }
  if (!POLICY_CHARS.test(policy)) {
    throw new ValidationError('session policy has characters outside U+0020-U+00FF', {
      code: ErrorCode.InvalidScope,
      field: 'allowPath',
    })
  }
  return policy
}

import { ErrorCode, ValidationError } from '@aury/errors'
import { ActionType, normalizeAllowPath } from '@aury/policy'
import { z } from 'zod'

/** Shortest credential lifetime any supported cloud accepts, in seconds. */
export const MIN_DURATION_SECONDS = 900

/**
 * Longest lifetime accepted by {@link parseSTSRequest} (7 days, MinIO's limit). Every provider
 * narrows this to its own API limit before any network call.
 */
export const MAX_DURATION_SECONDS = 604_800

const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const REGION_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/

/**
 * The zod schema of a credentials request. `bucket` and `region` are required; `allowPath`
 * defaults to `''` (the whole bucket), `actionType` to `'write'` and `durationSeconds` to `900`.
 * Unknown keys are rejected (a misspelt `allow_path` must not widen the grant to the bucket).
 * `STSRequest.parse` throws zod's error; {@link parseSTSRequest} throws a `ValidationError` with
 * our codes and also canonicalises `allowPath`.
 *
 * @example
 * ```ts
 * const parsed = STSRequest.parse({ bucket: 'my-bucket-1250000000', region: 'ap-guangzhou' })
 * parsed.durationSeconds // 900
 * ```
 */
export const STSRequest = z
  .object({
    bucket: z
      .string()
      .regex(BUCKET_PATTERN, 'must be 3-63 characters of a-z, 0-9, "." and "-"')
      .refine((b) => !b.includes('..'), 'must not contain ".."'),
    region: z.string().regex(REGION_PATTERN, 'must be one DNS label of a-z, 0-9 and "-"'),
    allowPath: z.string().max(1024).default(''),
    actionType: z.enum([ActionType.READ, ActionType.WRITE, ActionType.ALL]).default('write'),
    durationSeconds: z
      .number()
      .int()
      .min(MIN_DURATION_SECONDS)
      .max(MAX_DURATION_SECONDS)
      .default(MIN_DURATION_SECONDS),
  })
  .strict()

/** A validated request: every field present, `allowPath` canonical (`''` or ends in `/`). */
export type STSRequest = z.output<typeof STSRequest>

/** What callers pass: `bucket` and `region`, the rest optional. */
export type STSRequestInput = z.input<typeof STSRequest>

const CODE_BY_FIELD: Record<string, string> = {
  bucket: ErrorCode.InvalidBucketName,
  region: ErrorCode.InvalidRegion,
  allowPath: ErrorCode.InvalidScope,
  durationSeconds: ErrorCode.InvalidDuration,
  actionType: ErrorCode.InvalidArgument,
}

/**
 * Validates a credentials request and fills in the defaults. Throws a `ValidationError` whose
 * `code` names the rule (`InvalidBucketName`, `InvalidRegion`, `InvalidScope`,
 * `InvalidDuration`, `InvalidArgument`) and whose `field` names the option. `0`, negative
 * numbers, fractions and `NaN` are rejected, never replaced by a default.
 *
 * @example
 * ```ts
 * const request = parseSTSRequest({
 *   bucket: 'my-bucket-1250000000',
 *   region: 'ap-guangzhou',
 *   allowPath: 'user/123/',
 *   actionType: ActionType.WRITE,
 * })
 * ```
 */
export function parseSTSRequest(input: STSRequestInput | STSRequest): STSRequest {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError('STS request must be an object', {
      code: ErrorCode.InvalidArgument,
    })
  }
  const result = STSRequest.safeParse(input)
  if (!result.success) {
    const issue = result.error.issues[0]
    const unknownKeys = issue?.code === 'unrecognized_keys' ? issue.keys : undefined
    const field = unknownKeys ? unknownKeys.join(', ') : String(issue?.path[0] ?? '')
    const code = unknownKeys
      ? ErrorCode.InvalidArgument
      : (CODE_BY_FIELD[field] ?? ErrorCode.InvalidArgument)
    const rule = unknownKeys ? 'unknown option' : (issue?.message ?? 'invalid')
    throw new ValidationError(`Invalid STS request: ${field}: ${rule}`, {
      code,
      field,
      details: { rule },
    })
  }
  const request = result.data
  return { ...request, allowPath: normalizeAllowPath(request.allowPath) }
}

/**
 * A stable string for a parsed request, equal for requests that grant the same thing. Used as
 * the cache key of {@link CachedSTSProvider}.
 *
 * @example
 * ```ts
 * stsRequestKey(parseSTSRequest({ bucket: 'b-1250000000', region: 'ap-guangzhou' }))
 * ```
 */
export function stsRequestKey(request: STSRequest): string {
  return JSON.stringify([
    request.bucket,
    request.region,
    request.allowPath,
    request.actionType,
    request.durationSeconds,
  ])
}

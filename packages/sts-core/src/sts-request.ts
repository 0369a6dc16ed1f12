import { ErrorCode, ValidationError } from '@aury/errors'
import { ActionType, normalizeAllowPath } from '@aury/policy'

/** Shortest credential lifetime any supported cloud accepts, in seconds. */
export const MIN_DURATION_SECONDS = 900

/**
 * Longest lifetime accepted by {@link parseSTSRequest} (7 days, MinIO's limit). Every provider
 * narrows this to its own API limit before any network call.
 */
export const MAX_DURATION_SECONDS = 604_800

/** Bucket rule shared by every cloud; providers add their own (Tencent: the `-APPID` suffix). */
export const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
/** A region is one DNS label: no `.`, `/` or `#`. */
export const REGION_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/

/**
 * A validated request: every field present, `allowPath` canonical (`''` or ends in `/`).
 *
 * @example
 * ```ts
 * const request: STSRequest = parseSTSRequest({ bucket, region })
 * ```
 */
export interface STSRequest {
  bucket: string
  region: string
  allowPath: string
  actionType: ActionType
  durationSeconds: number
}

/**
 * What callers pass: `bucket` and `region`, the rest optional (defaults: `allowPath ''`,
 * `actionType 'write'`, `durationSeconds 900`).
 *
 * @example
 * ```ts
 * const input: STSRequestInput = { bucket: 'my-bucket-1250000000', region: 'ap-guangzhou' }
 * ```
 */
export interface STSRequestInput {
  bucket: string
  region: string
  allowPath?: string | undefined
  actionType?: ActionType | undefined
  durationSeconds?: number | undefined
}

const FIELDS = new Set(['bucket', 'region', 'allowPath', 'actionType', 'durationSeconds'])
const ACTIONS = new Set<string>([ActionType.READ, ActionType.WRITE, ActionType.ALL])

const CODE_BY_FIELD: Record<string, string> = {
  bucket: ErrorCode.InvalidBucketName,
  region: ErrorCode.InvalidRegion,
  allowPath: ErrorCode.InvalidScope,
  durationSeconds: ErrorCode.InvalidDuration,
  actionType: ErrorCode.InvalidArgument,
}

function fail(field: string, rule: string, code?: string): never {
  throw new ValidationError(`Invalid STS request: ${field}: ${rule}`, {
    code: code ?? CODE_BY_FIELD[field] ?? ErrorCode.InvalidArgument,
    field,
    details: { rule },
  })
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
  const o = input as unknown as Record<string, unknown>
  const unknown = Object.keys(o).filter((k) => !FIELDS.has(k))
  if (unknown.length > 0) fail(unknown.join(', '), 'unknown option', ErrorCode.InvalidArgument)
  const { bucket, region } = o
  if (typeof bucket !== 'string' || !BUCKET_PATTERN.test(bucket) || bucket.includes('..')) {
    fail('bucket', 'must be 3-63 characters of a-z, 0-9, "." and "-", without ".."')
  }
  if (typeof region !== 'string' || !REGION_PATTERN.test(region)) {
    fail('region', 'must be one DNS label of a-z, 0-9 and "-"')
  }
  const allowPath = o.allowPath === undefined ? '' : o.allowPath
  if (typeof allowPath !== 'string' || allowPath.length > 1024) {
    fail('allowPath', 'must be a string of at most 1024 characters')
  }
  const actionType = o.actionType === undefined ? ActionType.WRITE : o.actionType
  if (!ACTIONS.has(actionType as string)) fail('actionType', "must be 'read', 'write' or 'all'")
  const durationSeconds = o.durationSeconds === undefined ? MIN_DURATION_SECONDS : o.durationSeconds
  if (
    typeof durationSeconds !== 'number' ||
    !Number.isInteger(durationSeconds) ||
    durationSeconds < MIN_DURATION_SECONDS ||
    durationSeconds > MAX_DURATION_SECONDS
  ) {
    fail(
      'durationSeconds',
      `must be an integer in ${MIN_DURATION_SECONDS}..${MAX_DURATION_SECONDS}`,
    )
  }
  return {
    bucket,
    region,
    allowPath: normalizeAllowPath(allowPath),
    actionType: actionType as ActionType,
    durationSeconds,
  }
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

import { ActionType } from '@aury/policy'
import { z } from 'zod'
import {
  BUCKET_PATTERN,
  MAX_DURATION_SECONDS,
  MIN_DURATION_SECONDS,
  REGION_PATTERN,
} from './sts-request'

/**
 * The zod schema of a credentials request. `bucket` and `region` are required; `allowPath`
 * defaults to `''` (the whole bucket), `actionType` to `'write'` and `durationSeconds` to `900`.
 * Unknown keys are rejected (a misspelt `allow_path` must not widen the grant to the bucket).
 * `STSRequest.parse` throws zod's error; `parseSTSRequest` (main entry, no zod) applies the same
 * rules, throws a `ValidationError` with our codes and also canonicalises `allowPath`. This
 * schema lives in the `@aury/sts-core/schema` entry point so that importing the main entry does
 * not load zod (which costs about as much start-up time as a vendor SDK).
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

/**
 * The parsed request (equal to the main entry's `STSRequest` type before `allowPath` is
 * canonicalised).
 */
export type STSRequest = z.output<typeof STSRequest>

/** The accepted input. */
export type STSRequestInput = z.input<typeof STSRequest>

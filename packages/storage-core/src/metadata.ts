import { ErrorCode, ValidationError } from '@aury/errors'

/** The most user metadata (names plus values, in bytes) S3 accepts on one object. */
export const MAX_METADATA_BYTES = 2048

/**
 * Validate user metadata before any I/O and return it with lower-cased names (as S3 stores
 * them). Names are 1-128 of `[A-Za-z0-9_-]`; values are printable ASCII (no control
 * characters, which would break HTTP headers); at most 2 KB in total. Throws `ValidationError`
 * `InvalidArgument`.
 *
 * @example
 * ```ts
 * validateMetadata({ Owner: 'user-12' }) // { owner: 'user-12' }
 * ```
 */
export function validateMetadata(
  metadata: Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {}
  if (metadata === undefined) return out
  let total = 0
  for (const [name, value] of Object.entries(metadata)) {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) {
      throw new ValidationError(`Invalid metadata name ${JSON.stringify(name.slice(0, 40))}`, {
        code: ErrorCode.InvalidArgument,
        field: 'metadata',
      })
    }
    if (typeof value !== 'string' || !/^[\x20-\x7e]*$/.test(value)) {
      throw new ValidationError(`Metadata "${name}" must be printable ASCII`, {
        code: ErrorCode.InvalidArgument,
        field: 'metadata',
      })
    }
    total += name.length + value.length
    out[name.toLowerCase()] = value
  }
  if (total > MAX_METADATA_BYTES) {
    throw new ValidationError(`Metadata exceeds ${MAX_METADATA_BYTES} bytes`, {
      code: ErrorCode.InvalidArgument,
      field: 'metadata',
    })
  }
  return out
}

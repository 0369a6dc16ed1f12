import { ErrorCode, StorageError, ValidationError } from '@aury/errors'
import type { ByteRange } from './storage'

/** A resolved range: first byte and one past the last byte (`end` exclusive). */
export interface ResolvedRange {
  start: number
  end: number
}

/**
 * Validate a {@link ByteRange} (before I/O): integers, `start >= 0`, `end >= start`,
 * `suffix >= 0`. Throws `ValidationError` `InvalidArgument`.
 *
 * @example
 * ```ts
 * validateByteRange({ start: 0, end: 99 })
 * ```
 */
export function validateByteRange(range: ByteRange | undefined): void {
  if (range === undefined) return
  const ok =
    'suffix' in range
      ? Number.isSafeInteger(range.suffix) && range.suffix >= 0
      : Number.isSafeInteger(range.start) &&
        range.start >= 0 &&
        (range.end === undefined || (Number.isSafeInteger(range.end) && range.end >= range.start))
  if (!ok) {
    throw new ValidationError('Invalid byte range', {
      code: ErrorCode.InvalidArgument,
      field: 'range',
    })
  }
}

/**
 * Resolve a {@link ByteRange} against an object size. A bounded range past the end is clipped;
 * a `start` at or past the size of a non-empty object throws `StorageError` `InvalidRange`
 * (HTTP 416); a suffix longer than the object is the whole object.
 *
 * @example
 * ```ts
 * resolveByteRange({ suffix: 10 }, 4) // { start: 0, end: 4 }
 * resolveByteRange({ start: 2, end: 100 }, 4) // { start: 2, end: 4 }
 * ```
 */
export function resolveByteRange(range: ByteRange | undefined, size: number): ResolvedRange {
  validateByteRange(range)
  if (range === undefined) return { start: 0, end: size }
  if ('suffix' in range) return { start: Math.max(0, size - range.suffix), end: size }
  if (range.start >= size && !(size === 0 && range.start === 0)) {
    throw new StorageError(`Range start ${range.start} is not below the size ${size}`, {
      code: 'InvalidRange',
      httpStatus: 416,
      details: { size },
    })
  }
  const end = range.end === undefined ? size : Math.min(size, range.end + 1)
  return { start: range.start, end }
}

import { ErrorCode, ValidationError } from '@aury/errors'
import { MAX_OBJECT_KEY_BYTES, validatePrefix } from './object-key'
import type { ListOptions } from './storage'

function bad(field: string, message: string): never {
  throw new ValidationError(message, { code: ErrorCode.InvalidArgument, field })
}

/**
 * Validate `list` options before any I/O: the prefix by the key rules (`InvalidObjectKey`),
 * `limit` and `pageSize` positive integers, `delimiter` a non-empty string of at most 16
 * characters, `startAfter` a string (`InvalidArgument`). Returns the options with `prefix`
 * defaulted to `''`.
 *
 * @example
 * ```ts
 * const opts = validateListOptions({ prefix: 'photos/', delimiter: '/' })
 * ```
 */
export function validateListOptions(
  options: ListOptions = {},
  maxKeyBytes = MAX_OBJECT_KEY_BYTES,
): ListOptions & { prefix: string } {
  const prefix = validatePrefix(options.prefix, { maxBytes: maxKeyBytes })
  if (options.limit !== undefined && (!Number.isSafeInteger(options.limit) || options.limit < 1)) {
    bad('limit', 'limit must be a positive integer')
  }
  if (
    options.pageSize !== undefined &&
    (!Number.isSafeInteger(options.pageSize) || options.pageSize < 1)
  ) {
    bad('pageSize', 'pageSize must be a positive integer')
  }
  if (
    options.delimiter !== undefined &&
    (typeof options.delimiter !== 'string' ||
      options.delimiter.length === 0 ||
      options.delimiter.length > 16)
  ) {
    bad('delimiter', 'delimiter must be a non-empty string of at most 16 characters')
  }
  if (options.startAfter !== undefined && typeof options.startAfter !== 'string') {
    bad('startAfter', 'startAfter must be a string')
  }
  return { ...options, prefix }
}

import { ValidationError } from '@aury/errors'
import type { UploadOptions } from './upload-options'

const MiB = 1024 * 1024
/**
 * The smallest part S3 accepts (except the last): 5 MiB.
 *
 * @example
 * ```ts
 * await upload({ file, key, credentials, partSize: MIN_PART_SIZE }) // finest progress steps
 * ```
 */
export const MIN_PART_SIZE = 5 * MiB
/**
 * The largest part, and the largest single PUT: 5 GiB.
 *
 * @example
 * ```ts
 * if (file.size > MAX_PART_SIZE) useCredentialsInsteadOfPresignedPut()
 * ```
 */
export const MAX_PART_SIZE = 5 * 1024 * MiB
/**
 * The most parts one multipart upload may have; larger files get bigger parts automatically.
 *
 * @example
 * ```ts
 * const largest = MAX_PARTS * MAX_PART_SIZE // about 48.8 TiB
 * ```
 */
export const MAX_PARTS = 10_000
/**
 * Default multipart part size: 8 MiB (also the default single-PUT threshold).
 *
 * @example
 * ```ts
 * const parts = Math.ceil(file.size / DEFAULT_PART_SIZE)
 * ```
 */
export const DEFAULT_PART_SIZE = 8 * MiB

/** Upload options after validation, with every default filled in. */
export interface ValidatedUploadOptions extends UploadOptions {
  contentType: string
  partSize: number
  multipartThreshold: number
  concurrency: number
  retries: number
  fetch: typeof fetch
  now: () => number
}

function fail(field: string, rule: string, code = 'InvalidArgument'): never {
  throw new ValidationError(`${field} ${rule}`, { code, field })
}

function integer(value: unknown, field: string, min: number, max: number, fallback: number) {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    fail(field, `must be an integer in ${min}..${max}`)
  }
  return value as number
}

/**
 * Checks every option of `upload()` before any network I/O and fills in the defaults.
 * Throws `ValidationError` (`InvalidArgument`, `InvalidObjectKey`, `InvalidConfig`,
 * `ExpiredToken`, `EntityTooLarge`) naming the offending field.
 *
 * @example
 * ```ts
 * const options = validateUploadOptions({ file, key: 'user/1/a.txt', presignedPut: { url } })
 * ```
 */
export function validateUploadOptions(options: UploadOptions): ValidatedUploadOptions {
  const { file, key, credentials: c, presignedPut, presignedPost } = options
  const target = c ?? presignedPut ?? presignedPost
  const now = options.now ?? Date.now
  if (!(file instanceof Blob)) fail('file', 'must be a Blob or File')
  if (
    typeof key !== 'string' ||
    !key ||
    key[0] === '/' ||
    new TextEncoder().encode(key).length > 1024 ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
    /[\u0000-\u001f\u007f\\]|(^|\/)\.\.?(\/|$)/.test(key)
  ) {
    fail(
      'key',
      'must be 1-1024 bytes without a leading "/", controls, "\\" or dot segments',
      'InvalidObjectKey',
    )
  }
  if (!target || [c, presignedPut, presignedPost].filter(Boolean).length > 1) {
    fail('credentials', 'or presignedPut or presignedPost: pass exactly one')
  }
  if (c) {
    for (const field of [
      'accessKeyId',
      'secretAccessKey',
      'region',
      'endpoint',
      'bucket',
    ] as const) {
      if (typeof c[field] !== 'string' || !c[field])
        fail(`credentials.${field}`, 'is required', 'InvalidConfig')
    }
    const expires = c.expiration === undefined ? Infinity : new Date(c.expiration).getTime()
    if (!(expires > now())) {
      fail(
        'credentials.expiration',
        'has passed or is invalid: request new credentials',
        'ExpiredToken',
      )
    }
  } else if (!/^https?:\/\/\S+$/i.test((target as { url: string }).url)) {
    fail(presignedPut ? 'presignedPut.url' : 'presignedPost.url', 'must be an http(s) URL')
  }
  const contentType = options.contentType ?? (file.type || 'application/octet-stream')
  for (const [name, value] of Object.entries({
    ...options.metadata,
    'content-type': contentType,
  })) {
    if (!/^[a-z0-9][\w.-]*$/i.test(name) || !/^[\x20-\x7e]*$/.test(value)) {
      fail(
        name === 'content-type' ? 'contentType' : 'metadata',
        `"${name}" must be a header-safe name with a printable ASCII value`,
      )
    }
  }
  const partSize = Math.max(
    integer(options.partSize, 'partSize', MIN_PART_SIZE, MAX_PART_SIZE, DEFAULT_PART_SIZE),
    Math.ceil(file.size / MAX_PARTS),
  )
  if (partSize > MAX_PART_SIZE || (!c && file.size > MAX_PART_SIZE)) {
    fail('file', 'is too large for this upload method', 'EntityTooLarge')
  }
  const fetchImpl = options.fetch ?? globalThis.fetch
  return {
    ...options,
    contentType,
    partSize,
    multipartThreshold: integer(
      options.multipartThreshold,
      'multipartThreshold',
      0,
      MAX_PART_SIZE,
      partSize,
    ),
    concurrency: integer(options.concurrency, 'concurrency', 1, 16, 4),
    retries: integer(options.retries, 'retries', 0, 10, 3),
    fetch: (input, init) => fetchImpl(input, init),
    now,
  }
}

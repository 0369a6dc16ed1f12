import { ValidationError } from '@aury/errors'
import type { UploadOptions } from './upload-options'

const MiB = 1024 * 1024
/** The smallest part S3 accepts (except the last). */
export const MIN_PART_SIZE = 5 * MiB
/** The largest part, and the largest single PUT. */
export const MAX_PART_SIZE = 5 * 1024 * MiB
/** The most parts one multipart upload may have. */
export const MAX_PARTS = 10_000
/** Default multipart part size. */
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

function fail(message: string, field: string, code = 'InvalidArgument'): never {
  throw new ValidationError(message, { code, field })
}

function integerIn(value: unknown, field: string, min: number, max: number, fallback: number) {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${field} must be an integer in ${min}..${max}`, field)
  }
  return value
}

function requireString(value: unknown, field: string, code: string): void {
  if (typeof value !== 'string' || value.length === 0)
    fail(`${field} must be a non-empty string`, field, code)
}

function checkUrl(value: unknown, field: string): void {
  requireString(value, field, 'InvalidArgument')
  if (!/^https?:\/\/[^\s]+$/i.test(value as string)) fail(`${field} must be an http(s) URL`, field)
}

/**
 * Checks every option of `upload()` before any network I/O and fills in the defaults.
 * Throws `ValidationError` (`InvalidArgument`, `InvalidObjectKey`, `InvalidConfig`,
 * `ExpiredToken`) naming the offending field.
 *
 * @example
 * ```ts
 * const options = validateUploadOptions({ file, key: 'user/1/a.txt', presignedPut: { url } })
 * ```
 */
export function validateUploadOptions(options: UploadOptions): ValidatedUploadOptions {
  if (!options || typeof options !== 'object') fail('upload() needs an options object', 'options')
  const { file, key } = options
  if (typeof Blob === 'undefined' || !(file instanceof Blob))
    fail('file must be a Blob or File', 'file')
  if (typeof key !== 'string' || key.length === 0) {
    fail('key must be a non-empty string', 'key', 'InvalidObjectKey')
  }
  if (new TextEncoder().encode(key).length > 1024) {
    fail('key must be at most 1024 bytes of UTF-8', 'key', 'InvalidObjectKey')
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  if (key.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(key)) {
    fail(
      'key must not start with "/" or contain control characters or "\\"',
      'key',
      'InvalidObjectKey',
    )
  }
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) {
    fail('key must not contain "." or ".." segments', 'key', 'InvalidObjectKey')
  }
  const targets = [options.credentials, options.presignedPut, options.presignedPost].filter(
    (t) => t !== undefined,
  )
  if (targets.length !== 1) {
    fail('pass exactly one of credentials, presignedPut or presignedPost', 'credentials')
  }
  const now = options.now ?? Date.now
  const { credentials } = options
  if (credentials) {
    for (const field of [
      'accessKeyId',
      'secretAccessKey',
      'region',
      'endpoint',
      'bucket',
    ] as const) {
      requireString(credentials[field], `credentials.${field}`, 'InvalidConfig')
    }
    if (credentials.expiration !== undefined) {
      const expires = new Date(credentials.expiration).getTime()
      if (Number.isNaN(expires))
        fail('credentials.expiration is not a date', 'credentials.expiration', 'InvalidConfig')
      if (expires <= now()) {
        fail(
          'the credentials have expired: request new ones',
          'credentials.expiration',
          'ExpiredToken',
        )
      }
    }
  }
  if (options.presignedPut) {
    checkUrl(options.presignedPut.url, 'presignedPut.url')
    if (options.presignedPut.method !== undefined && options.presignedPut.method !== 'PUT') {
      fail('presignedPut.method must be PUT', 'presignedPut.method')
    }
  }
  if (options.presignedPost) {
    checkUrl(options.presignedPost.url, 'presignedPost.url')
    const { fields } = options.presignedPost
    if (
      !fields ||
      typeof fields !== 'object' ||
      Object.values(fields).some((v) => typeof v !== 'string')
    ) {
      fail('presignedPost.fields must be an object of strings', 'presignedPost.fields')
    }
  }
  const contentType = options.contentType ?? (file.type || 'application/octet-stream')
  if (typeof contentType !== 'string' || /[\r\n]/.test(contentType))
    fail('contentType is invalid', 'contentType')
  for (const [name, value] of Object.entries(options.metadata ?? {})) {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name))
      fail(`metadata name "${name}" is invalid`, 'metadata')
    if (typeof value !== 'string' || !/^[\x20-\x7e]*$/.test(value)) {
      fail(`metadata "${name}" must be printable ASCII`, 'metadata')
    }
  }
  let partSize = integerIn(
    options.partSize,
    'partSize',
    MIN_PART_SIZE,
    MAX_PART_SIZE,
    DEFAULT_PART_SIZE,
  )
  if (file.size > partSize * MAX_PARTS) partSize = Math.ceil(file.size / MAX_PARTS)
  if (partSize > MAX_PART_SIZE)
    fail('file is larger than 10,000 parts of 5 GiB', 'file', 'EntityTooLarge')
  const multipartThreshold = integerIn(
    options.multipartThreshold,
    'multipartThreshold',
    0,
    MAX_PART_SIZE,
    partSize,
  )
  if (!credentials && file.size > MAX_PART_SIZE) {
    fail('a presigned request can carry at most 5 GiB; use credentials', 'file', 'EntityTooLarge')
  }
  const fetchImpl = options.fetch ?? globalThis.fetch
  if (typeof fetchImpl !== 'function') fail('no fetch available: pass options.fetch', 'fetch')
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    fail('onProgress must be a function', 'onProgress')
  }
  return {
    ...options,
    contentType,
    partSize,
    multipartThreshold,
    concurrency: integerIn(options.concurrency, 'concurrency', 1, 16, 4),
    retries: integerIn(options.retries, 'retries', 0, 10, 3),
    fetch: (input, init) => fetchImpl(input, init),
    now,
  }
}

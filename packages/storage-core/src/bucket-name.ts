import { ErrorCode, ValidationError } from '@aury/errors'
import { StorageBackend } from './storage-backend'

function fail(name: unknown, rule: string): never {
  const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : typeof name
  throw new ValidationError(`Invalid bucket name ${shown}: ${rule}`, {
    code: ErrorCode.InvalidBucketName,
    field: 'bucketName',
    details: { rule },
  })
}

const S3_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-']
const S3_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3']

/** S3 "bucket naming rules" (also used for MinIO and R2). Returns the violated rule. */
function s3Problem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3-63 characters'
  if (!/^[a-z0-9.-]+$/.test(name)) return 'only lower-case letters, digits, "." and "-"'
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return 'must start and end with a letter or digit'
  }
  if (name.includes('..')) return 'no two adjacent periods'
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not look like an IPv4 address'
  for (const p of S3_PREFIXES) if (name.startsWith(p)) return `must not start with "${p}"`
  for (const s of S3_SUFFIXES) if (name.endsWith(s)) return `must not end with "${s}"`
  return undefined
}

function cosProblem(name: string): string | undefined {
  const match = /^(.*)-(\d+)$/.exec(name)
  if (!match) return 'must be <name>-<APPID>'
  const short = match[1] as string
  if (short.length < 1 || short.length > 50) return 'the name before -APPID must be 1-50 characters'
  if (!/^[a-z0-9-]+$/.test(short)) return 'only lower-case letters, digits and "-"'
  if (short.startsWith('-') || short.endsWith('-')) return 'must not start or end with "-"'
  return undefined
}

function ossProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3-63 characters'
  if (!/^[a-z0-9-]+$/.test(name)) return 'only lower-case letters, digits and "-"'
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return 'must start and end with a letter or digit'
  }
  return undefined
}

/** Local and memory buckets become directory names: a single safe path segment. */
function localProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 63) return 'must be 1-63 characters'
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) {
    return 'lower-case letters, digits, ".", "_" and "-", starting with a letter or digit'
  }
  if (name.includes('..')) return 'no two adjacent periods'
  return undefined
}

/**
 * Why a bucket name is refused by `backend`, or `undefined` if it is valid.
 *
 * @example
 * ```ts
 * bucketNameProblem('my-bucket', 'cos') // 'must be <name>-<APPID>'
 * ```
 */
export function bucketNameProblem(name: unknown, backend: StorageBackend): string | undefined {
  if (typeof name !== 'string') return 'not a string'
  switch (backend) {
    case StorageBackend.COS:
      return cosProblem(name)
    case StorageBackend.OSS:
      return ossProblem(name)
    case StorageBackend.LOCAL:
    case StorageBackend.MEMORY:
      return localProblem(name)
    default:
      return s3Problem(name)
  }
}

/**
 * Throw a `ValidationError` with code `InvalidBucketName` (its `details.rule` names the
 * violated rule) unless `name` is valid for `backend`. S3, MinIO and R2 use the S3 rules; COS
 * requires `<name>-<APPID>`; OSS forbids `.`; local and memory buckets are one safe directory
 * name.
 *
 * @example
 * ```ts
 * validateBucketName('photos-1250000000', 'cos') // 'photos-1250000000'
 * validateBucketName('xn--abc', 's3') // throws InvalidBucketName
 * ```
 */
export function validateBucketName(name: unknown, backend: StorageBackend): string {
  const problem = bucketNameProblem(name, backend)
  if (problem !== undefined) fail(name, problem)
  return name as string
}

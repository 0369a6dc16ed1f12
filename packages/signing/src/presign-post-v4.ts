import { ValidationError } from '@aury/errors'
import { formatAmzDate } from './amz-date'
import type { KeyedEngine } from './crypto-engine'
import { sigV4Scope } from './sigv4-canonical'
import type { PostPolicyCondition, PresignedPost, PresignPostV4Options } from './types'
import { requireExpiresIn, requireScopePart, requireString } from './validate'

const RESERVED_FIELDS = new Set([
  'policy',
  'x-amz-signature',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-security-token',
  'key',
  'bucket',
  'file',
])

// biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal ${filename} placeholder
const FILENAME = '${filename}'

/**
 * Base64 of the UTF-8 bytes of a string (browser-safe, no `Buffer`).
 *
 * @example
 * ```ts
 * base64Utf8('{"a":"é"}') // 'eyJhIjoiw6kifQ=='
 * ```
 */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/** Options of {@link signPostPolicyV4With}. */
export interface PostPolicySigningOptions {
  secretAccessKey: string
  region: string
  /** Defaults to `s3`. */
  service?: string
  /** The signing day: a `Date` or `YYYYMMDD`. */
  date: Date | string
}

/**
 * Signs a base64 POST policy with the SigV4 key of its day, region and service.
 * @internal
 */
export async function signPostPolicyV4With<K>(
  engine: KeyedEngine<K>,
  policyBase64: string,
  options: PostPolicySigningOptions,
): Promise<string> {
  requireString(policyBase64, 'policyBase64')
  requireString(options.secretAccessKey, 'secretAccessKey')
  const region = requireScopePart(options.region, 'region', 'InvalidRegion')
  const service = requireScopePart(options.service ?? 's3', 'service')
  const day =
    typeof options.date === 'string' ? options.date : formatAmzDate(options.date).slice(0, 8)
  if (!/^\d{8}$/.test(day)) {
    throw new ValidationError('date must be a Date or YYYYMMDD', {
      code: 'InvalidArgument',
      field: 'date',
    })
  }
  const key = await engine.derivedKey(`AWS4${options.secretAccessKey}`, [
    day,
    region,
    service,
    'aws4_request',
  ])
  return engine.hmacHexWithKey(key, policyBase64)
}

function checkRange(range: unknown): [number, number] {
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !Number.isSafeInteger(range[0]) ||
    !Number.isSafeInteger(range[1]) ||
    range[0] < 0 ||
    range[0] > range[1]
  ) {
    throw new ValidationError('contentLengthRange must be [min, max] with 0 <= min <= max', {
      code: 'InvalidArgument',
      field: 'contentLengthRange',
    })
  }
  return [range[0], range[1]]
}

/**
 * Builds and signs an S3 POST policy on a crypto engine.
 * @internal
 */
export async function presignPostV4With<K>(
  engine: KeyedEngine<K>,
  options: PresignPostV4Options,
): Promise<PresignedPost> {
  if (options === null || typeof options !== 'object') {
    throw new ValidationError('presignPostV4 options are required', { code: 'InvalidConfig' })
  }
  const url = requireString(options.url, 'url')
  const key = requireString(options.key, 'key')
  const expiresIn = requireExpiresIn(options.expiresIn)
  const accessKeyId = requireString(options.accessKeyId, 'accessKeyId')
  requireString(options.secretAccessKey, 'secretAccessKey')
  const region = requireScopePart(options.region, 'region', 'InvalidRegion')
  const service = requireScopePart(options.service ?? 's3', 'service')
  const date = options.date ?? new Date()
  const amzDate = formatAmzDate(date)
  const credential = `${accessKeyId}/${sigV4Scope(amzDate.slice(0, 8), region, service)}`
  const expiration = new Date(date.getTime() + expiresIn * 1000).toISOString()

  const fields: Record<string, string> = {}
  const conditions: PostPolicyCondition[] = []
  if (options.bucket !== undefined) {
    const bucket = requireString(options.bucket, 'bucket')
    fields.bucket = bucket
    conditions.push({ bucket })
  }
  fields.key = key
  if (key.endsWith(FILENAME)) {
    conditions.push(['starts-with', '$key', key.slice(0, -FILENAME.length)])
  } else {
    conditions.push({ key })
  }
  const extra: Record<string, string> = { ...options.fields }
  if (options.contentType !== undefined) {
    extra['Content-Type'] = requireString(options.contentType, 'contentType')
  }
  for (const name in extra) {
    const value = extra[name]
    if (RESERVED_FIELDS.has(name.toLowerCase())) {
      throw new ValidationError(`field ${name} is set by presignPostV4`, {
        code: 'InvalidArgument',
        field: 'fields',
      })
    }
    if (typeof value !== 'string') {
      throw new ValidationError(`field ${name} must be a string`, {
        code: 'InvalidArgument',
        field: 'fields',
      })
    }
    fields[name] = value
    conditions.push({ [name]: value })
  }
  if (options.contentLengthRange !== undefined) {
    const [min, max] = checkRange(options.contentLengthRange)
    conditions.push(['content-length-range', min, max])
  }
  if (options.conditions !== undefined) {
    if (!Array.isArray(options.conditions)) {
      throw new ValidationError('conditions must be an array', {
        code: 'InvalidArgument',
        field: 'conditions',
      })
    }
    conditions.push(...options.conditions)
  }
  fields['X-Amz-Algorithm'] = 'AWS4-HMAC-SHA256'
  fields['X-Amz-Credential'] = credential
  fields['X-Amz-Date'] = amzDate
  conditions.push(
    { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
    { 'x-amz-credential': credential },
    { 'x-amz-date': amzDate },
  )
  if (options.sessionToken) {
    fields['X-Amz-Security-Token'] = options.sessionToken
    conditions.push({ 'x-amz-security-token': options.sessionToken })
  }
  const policy = base64Utf8(JSON.stringify({ expiration, conditions }))
  fields.Policy = policy
  fields['X-Amz-Signature'] = await signPostPolicyV4With(engine, policy, {
    secretAccessKey: options.secretAccessKey,
    region,
    service,
    date: amzDate.slice(0, 8),
  })
  return { url, fields }
}

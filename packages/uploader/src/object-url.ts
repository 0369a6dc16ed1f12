import { ValidationError } from '@aury/errors'
import { uriEncode } from '@aury/signing'
import type { UploadCredentials } from './upload-options'

const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i

/**
 * Whether a bucket on this endpoint is addressed path-style (`endpoint/bucket/key`) rather
 * than virtual-host style (`bucket.endpoint/key`). COS and OSS are virtual-host; IP addresses,
 * `localhost` and custom endpoints (MinIO, local servers) are path-style; AWS is virtual-host
 * unless the bucket name holds a dot.
 *
 * @example
 * ```ts
 * defaultPathStyle({ endpoint: 'http://127.0.0.1:9000', bucket: 'b', provider: 'aws' }) // true
 * ```
 */
export function defaultPathStyle(
  credentials: Pick<UploadCredentials, 'endpoint' | 'bucket' | 'provider'>,
): boolean {
  const { hostname } = endpointUrl(credentials.endpoint)
  if (IP_HOST.test(hostname) || hostname === 'localhost') return true
  if (hostname.startsWith(`${credentials.bucket}.`)) return false
  if (credentials.provider === 'tencent' || credentials.provider === 'aliyun') return false
  if (/(^|\.)(myqcloud\.com|aliyuncs\.com)$/.test(hostname)) return false
  if (/(^|\.)amazonaws\.com(\.cn)?$/.test(hostname)) return credentials.bucket.includes('.')
  return true
}

/**
 * The URL of an object: the endpoint (scheme defaults to `https`), the bucket as a host label
 * or a path segment, then the key encoded once per RFC 3986 with `/` kept.
 *
 * @example
 * ```ts
 * objectUrl({ endpoint: 'cos.ap-guangzhou.myqcloud.com', bucket: 'b-125', provider: 'tencent' }, 'a b.txt')
 * // 'https://b-125.cos.ap-guangzhou.myqcloud.com/a%20b.txt'
 * ```
 */
export function objectUrl(
  credentials: Pick<UploadCredentials, 'endpoint' | 'bucket' | 'provider'>,
  key: string,
  forcePathStyle?: boolean,
): string {
  const base = endpointUrl(credentials.endpoint)
  const pathStyle = forcePathStyle ?? defaultPathStyle(credentials)
  const prefix = base.pathname.replace(/\/+$/, '')
  const encodedKey = uriEncode(key, false)
  if (pathStyle) {
    return `${base.protocol}//${base.host}${prefix}/${uriEncode(credentials.bucket, true)}/${encodedKey}`
  }
  const host = base.host.startsWith(`${credentials.bucket}.`)
    ? base.host
    : `${credentials.bucket}.${base.host}`
  return `${base.protocol}//${host}${prefix}/${encodedKey}`
}

function endpointUrl(endpoint: string): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`
  try {
    const url = new URL(text)
    if (url.protocol === 'http:' || url.protocol === 'https:') return url
  } catch {
    // reported below
  }
  throw new ValidationError(`credentials.endpoint is not an http(s) URL or host: ${endpoint}`, {
    code: 'InvalidConfig',
    field: 'credentials.endpoint',
  })
}

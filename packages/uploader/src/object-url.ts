import { ValidationError } from '@aury/errors'
import { uriEncode } from '@aury/signing'
import type { UploadCredentials } from './upload-options'

type Target = Pick<UploadCredentials, 'endpoint' | 'bucket' | 'provider'>

function endpointUrl(endpoint: string): URL {
  try {
    const url = new URL(/^\w[\w+.-]*:\/\//.test(endpoint) ? endpoint : `https://${endpoint}`)
    if (/^https?:$/.test(url.protocol)) return url
  } catch {
    // reported below
  }
  throw new ValidationError(`credentials.endpoint must be an http(s) URL or host`, {
    code: 'InvalidConfig',
    field: 'credentials.endpoint',
  })
}

/**
 * Whether a bucket on this endpoint is addressed path-style (`endpoint/bucket/key`) rather
 * than virtual-host style (`bucket.endpoint/key`). COS and OSS (by provider or host) and AWS
 * hosts are virtual-host, except AWS buckets with dots; IP addresses, `localhost` and other
 * endpoints (MinIO, local servers) are path-style.
 *
 * @example
 * ```ts
 * defaultPathStyle({ endpoint: 'http://127.0.0.1:9000', bucket: 'b', provider: 'aws' }) // true
 * ```
 */
export function defaultPathStyle({ endpoint, bucket, provider }: Target): boolean {
  const host = endpointUrl(endpoint).hostname
  if (/^[\d.]+$|^\[|^localhost$/.test(host)) return true
  if (host.startsWith(`${bucket}.`) || provider === 'tencent' || provider === 'aliyun') return false
  if (/(^|\.)(myqcloud|aliyuncs)\.com$/.test(host)) return false
  return !/(^|\.)amazonaws\.com(\.cn)?$/.test(host) || bucket.includes('.')
}

/**
 * The URL of an object: the endpoint (scheme defaults to `https`), the bucket as a host label
 * or a path segment, then the key encoded once per RFC 3986 with `/` kept.
 *
 * @example
 * ```ts
 * objectUrl(
 *   { endpoint: 'cos.ap-guangzhou.myqcloud.com', bucket: 'b-125', provider: 'tencent' },
 *   'a b.txt',
 * )
 * // 'https://b-125.cos.ap-guangzhou.myqcloud.com/a%20b.txt'
 * ```
 */
export function objectUrl(target: Target, key: string, forcePathStyle?: boolean): string {
  const { protocol, host, pathname } = endpointUrl(target.endpoint)
  const prefix = pathname.replace(/\/+$/, '')
  const path = `${prefix}/${uriEncode(key, false)}`
  if (forcePathStyle ?? defaultPathStyle(target)) {
    return `${protocol}//${host}${prefix}/${uriEncode(target.bucket)}${path.slice(prefix.length)}`
  }
  const vhost = host.startsWith(`${target.bucket}.`) ? host : `${target.bucket}.${host}`
  return `${protocol}//${vhost}${path}`
}

import { ErrorCode, ValidationError } from '@aury/errors'

/** Options of {@link checkEndpoint}. */
export interface CheckEndpointOptions {
  /** Permit `http:` (development servers). Default `false`. */
  allowHttp?: boolean
}

function invalid(message: string): ValidationError {
  return new ValidationError(`Invalid endpoint: ${message}`, {
    code: ErrorCode.InvalidConfig,
    field: 'endpoint',
  })
}

const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', '[fd00:ec2::254]'])

/**
 * Validates an operator-set S3 endpoint and returns it without a trailing slash. Refused:
 * non-http(s) schemes, `http:` unless `allowHttp`, credentials in the URL, a path, query or
 * fragment, and link-local or cloud-metadata addresses (SSRF targets such as 169.254.169.254).
 *
 * @example
 * ```ts
 * // Returns 'https://cos.ap-guangzhou.myqcloud.com':
 * checkEndpoint('https://cos.ap-guangzhou.myqcloud.com/')
 * checkEndpoint('http://127.0.0.1:9000', { allowHttp: true })
 * ```
 */
export function checkEndpoint(endpoint: string, options: CheckEndpointOptions = {}): string {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw invalid('not an absolute URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('must be http(s)')
  if (url.protocol === 'http:' && !options.allowHttp) {
    throw invalid('http: needs allowHttp: true (development only)')
  }
  if (url.username || url.password) throw invalid('must not contain credentials')
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw invalid('must be scheme://host[:port] without path, query or fragment')
  }
  const host = url.hostname.toLowerCase()
  if (/^169\.254\./.test(host) || /^\[fe[89ab]/i.test(host) || METADATA_HOSTS.has(host)) {
    throw invalid('link-local and metadata addresses are refused')
  }
  return `${url.protocol}//${url.host}`
}

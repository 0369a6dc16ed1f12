import { ErrorCode, ValidationError } from '@aury/errors'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Validates an operator-set endpoint URL: `https:` (or `http:` to a loopback host, or anywhere
 * when `allowHttp` is set), no user info, no query or fragment. Returns it without a trailing
 * slash. Endpoints must never come from request data (SSRF). Providers use it for their
 * `endpoint` options; it throws a `ValidationError` (`InvalidConfig`) naming `field`.
 *
 * @example
 * ```ts
 * checkEndpoint('https://sts.eu-west-1.amazonaws.com/', 'endpoint')
 * // 'https://sts.eu-west-1.amazonaws.com'
 * checkEndpoint('http://127.0.0.1:9000', 'endpoint') // loopback: http is fine
 * ```
 */
export function checkEndpoint(value: unknown, field: string, allowHttp = false): string {
  let url: URL
  try {
    url = new URL(String(value))
  } catch {
    throw new ValidationError(`${field} must be an absolute URL`, {
      code: ErrorCode.InvalidConfig,
      field,
    })
  }
  const httpOk = allowHttp || LOOPBACK.has(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && httpOk)) {
    throw new ValidationError(
      `${field} must use https (http only for loopback hosts or with allowHttp)`,
      { code: ErrorCode.InvalidConfig, field },
    )
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ValidationError(`${field} must not carry credentials, a query or a fragment`, {
      code: ErrorCode.InvalidConfig,
      field,
    })
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

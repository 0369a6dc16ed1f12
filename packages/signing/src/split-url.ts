import { ValidationError } from '@aury/errors'

/** The parts of an absolute URL that signing needs, taken verbatim from the text. */
export interface UrlParts {
  /** `https:` */
  protocol: string
  /** Lower-cased host, with the port unless it is the scheme's default. */
  host: string
  /** The path as written (`/` when empty), not normalised. */
  path: string
  /** The raw query after `?`, without the fragment; `''` when none. */
  query: string
}

const DEFAULT_PORTS: Record<string, string> = {
  'http:': '80',
  'https:': '443',
  'ws:': '80',
  'wss:': '443',
}

function badUrl(): ValidationError {
  return new ValidationError('request url must be an absolute http(s) URL', {
    code: 'InvalidArgument',
    field: 'url',
  })
}

/**
 * Splits an absolute URL without the WHATWG parser, so `.`/`..` segments and `//` survive (S3
 * signs the path as sent) and the hot path allocates no `URL` object. `URL` instances are read
 * through their properties.
 */
export function splitUrl(url: string | URL): UrlParts {
  if (typeof url !== 'string') {
    if (url && typeof url === 'object' && typeof url.host === 'string') {
      return {
        protocol: url.protocol,
        host: url.host,
        path: url.pathname || '/',
        query: url.search.length > 1 ? url.search.slice(1) : '',
      }
    }
    throw badUrl()
  }
  const schemeEnd = url.indexOf('://')
  if (schemeEnd <= 0) throw badUrl()
  const protocol = `${url.slice(0, schemeEnd).toLowerCase()}:`
  const authStart = schemeEnd + 3
  let end = url.length
  const hash = url.indexOf('#', authStart)
  if (hash !== -1) end = hash
  let pathStart = authStart
  while (pathStart < end) {
    const c = url.charCodeAt(pathStart)
    if (c === 47 /* / */ || c === 63 /* ? */) break
    pathStart++
  }
  let authority = url.slice(authStart, pathStart)
  const at = authority.lastIndexOf('@')
  if (at !== -1) authority = authority.slice(at + 1)
  if (authority === '') throw badUrl()
  let host = authority.toLowerCase()
  const colon = host.lastIndexOf(':')
  if (colon !== -1 && colon > host.lastIndexOf(']')) {
    const port = host.slice(colon + 1)
    if (port === '' || port === DEFAULT_PORTS[protocol]) host = host.slice(0, colon)
  }
  const q = url.indexOf('?', pathStart)
  const pathEnd = q !== -1 && q < end ? q : end
  const path = pathEnd > pathStart ? url.slice(pathStart, pathEnd) : '/'
  const query = q !== -1 && q < end ? url.slice(q + 1, end) : ''
  return { protocol, host, path, query }
}

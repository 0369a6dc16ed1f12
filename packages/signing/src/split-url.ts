import { fail } from './validate'

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

// scheme, userinfo (dropped), host[:port], path, query; the fragment is ignored.
const URL_PARTS = /^([a-z][a-z\d+.-]*):\/\/(?:[^@/?#]*@)?([^/?#]+)([^?#]*)(?:\?([^#]*))?/i

/**
 * Splits an absolute URL without the WHATWG parser, so `.`/`..` segments and `//` survive (S3
 * signs the path as sent) and the hot path allocates no `URL` object. A `URL` instance is read
 * through its serialisation.
 *
 * @example
 * ```ts
 * splitUrl('https://Bucket.example.com:443/a/../b?x=1#f')
 * // { protocol: 'https:', host: 'bucket.example.com', path: '/a/../b', query: 'x=1' }
 * ```
 */
export function splitUrl(url: string | URL): UrlParts {
  const m = URL_PARTS.exec(String(url))
  if (!m) fail('url', 'an absolute URL', 'InvalidArgument')
  const protocol = `${m[1]!.toLowerCase()}:`
  const host = m[2]!
    .toLowerCase()
    .replace(protocol === 'https:' ? /:(443)?$/ : protocol === 'http:' ? /:(80)?$/ : /:$/, '')
  return { protocol, host, path: m[3] || '/', query: m[4] ?? '' }
}

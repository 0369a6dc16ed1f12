import { percentDecode, UNRESERVED_OR_SLASH, uriEncode } from './uri-encode'

/**
 * The path as it goes on the wire: each segment decoded once and re-encoded per RFC 3986
 * (an encoded `%2F` inside a segment stays `%2F`). Dot segments and `//` are kept.
 *
 * @example
 * ```ts
 * encodePath('/example space/a%2Fb') // '/example%20space/a%2Fb'
 * ```
 */
export function encodePath(path: string): string {
  return UNRESERVED_OR_SLASH.test(path)
    ? path
    : path
        .split('/')
        .map((segment) => uriEncode(percentDecode(segment)))
        .join('/')
}

/** Removes empty, `.` and `..` segments, keeping a leading and a trailing `/`. */
export function normalizePathSegments(path: string): string {
  const out: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop()
    else if (segment !== '' && segment !== '.') out.push(segment)
  }
  const lead = path[0] === '/' ? '/' : ''
  return lead + out.join('/') + (out.length > 0 && path.endsWith('/') ? '/' : '')
}

/**
 * The SigV4 canonical URI of a path. Without normalisation (S3) it is the wire path encoded once;
 * with normalisation (every other AWS service) dot segments and empty segments are removed and
 * the wire path is encoded a second time.
 *
 * @example
 * ```ts
 * sigV4CanonicalUri('/a b/../c', false) // '/a%20b/../c'
 * sigV4CanonicalUri('/a b/c', true) // '/a%2520b/c'
 * ```
 */
export function sigV4CanonicalUri(path: string, normalize: boolean): string {
  const wire = encodePath(path)
  if (!normalize) return wire
  return uriEncode(normalizePathSegments(wire), false)
}

const NEEDS_CLEANUP = /^[ \t\r\n]|[ \t\r\n]$|[\t\r\n]| {2}/
const WHITESPACE_RUN = /[ \t\r\n]+/g

/**
 * A SigV4 canonical header value: CR, LF and tab count as spaces, runs of them collapse to one
 * space, and the value is trimmed.
 *
 * @example
 * ```ts
 * normalizeHeaderValue('  "a   b\tc" ') // '"a b c"'
 * ```
 */
export function normalizeHeaderValue(value: string): string {
  if (!NEEDS_CLEANUP.test(value)) return value
  const collapsed = value.replace(WHITESPACE_RUN, ' ')
  const start = collapsed.startsWith(' ') ? 1 : 0
  const end =
    collapsed.length > start && collapsed.endsWith(' ') ? collapsed.length - 1 : collapsed.length
  return collapsed.slice(start, end)
}

/** The canonical headers block and the signed-headers list. */
export interface CanonicalHeaders {
  /** `name:value\n` lines sorted by name (each line ends in `\n`). */
  block: string
  /** The lower-case names joined with `;`. */
  signedHeaders: string
}

/**
 * Builds canonical headers from a header map: names lower-cased and sorted, values of names that
 * differ only in case joined with `,` in the given order, each value passed through `clean`.
 *
 * @example
 * ```ts
 * buildCanonicalHeaders({ Host: 'h', 'X-A': ' 1 ' }, normalizeHeaderValue)
 * // { block: 'host:h\nx-a:1\n', signedHeaders: 'host;x-a' }
 * ```
 */
export function buildCanonicalHeaders(
  headers: Record<string, string>,
  clean: (value: string) => string,
): CanonicalHeaders {
  const merged = new Map<string, string>()
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined || value === null) continue
    const lower = name.toLowerCase()
    const cleaned = clean(String(value))
    const prior = merged.get(lower)
    merged.set(lower, prior === undefined ? cleaned : `${prior},${cleaned}`)
  }
  const names = [...merged.keys()].sort()
  let block = ''
  for (const name of names) block += `${name}:${merged.get(name)}\n`
  return { block, signedHeaders: names.join(';') }
}

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
  return value.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '')
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
  return {
    block: names.map((name) => `${name}:${merged.get(name)}\n`).join(''),
    signedHeaders: names.join(';'),
  }
}

/** `true`, `false`, or `undefined` when the answer depends on something we do not know. */
export type Tristate = boolean | undefined

const STAR = -1
const ONE = -2
const LITERALS: Record<string, string> = { '*': '*', '?': '?', $: '$' }

/**
 * Compiles a policy pattern into code points, `STAR` and `ONE`. `${*}`, `${?}` and `${$}` are
 * the literal characters; any other `${name}` is looked up in `variables` (keys lower case) and
 * makes the result `undefined` when missing, because the cloud would substitute a value we do
 * not know.
 */
function compile(pattern: string, variables: ReadonlyMap<string, string>): number[] | undefined {
  const out: number[] = []
  let i = 0
  while (i < pattern.length) {
    if (pattern.startsWith('${', i)) {
      const end = pattern.indexOf('}', i + 2)
      if (end !== -1) {
        const name = pattern.slice(i + 2, end)
        const value = LITERALS[name] ?? variables.get(name.trim().toLowerCase())
        if (value === undefined) return undefined
        for (const ch of value) out.push(ch.codePointAt(0) as number)
        i = end + 1
        continue
      }
    }
    const cp = pattern.codePointAt(i) as number
    out.push(cp === 42 ? STAR : cp === 63 ? ONE : cp)
    i += cp > 0xffff ? 2 : 1
  }
  return out
}

/** Matches a pattern whose only metacharacter is `*`: ordered leftmost search of its parts. */
function starMatch(pattern: string, text: string): boolean {
  const parts = pattern.split('*')
  const first = parts[0] as string
  const last = parts[parts.length - 1] as string
  if (parts.length === 1) return pattern === text
  if (first.length + last.length > text.length) return false
  if (!text.startsWith(first) || !text.endsWith(last)) return false
  let at = first.length
  const end = text.length - last.length
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] as string
    const found = text.indexOf(part, at)
    if (found === -1 || found + part.length > end) return false
    at = found + part.length
  }
  return true
}

/**
 * Matches `text` against a policy pattern where `*` is any run of characters (including `/`)
 * and `?` exactly one character (code point). Linear backtracking on the last `*`, so hostile
 * patterns cannot make it exponential.
 */
export function wildcardMatch(
  pattern: string,
  text: string,
  variables: ReadonlyMap<string, string> = new Map(),
): Tristate {
  if (!pattern.includes('?') && !pattern.includes('${')) return starMatch(pattern, text)
  const pat = compile(pattern, variables)
  if (pat === undefined) return undefined
  const str = Array.from(text, (ch) => ch.codePointAt(0) as number)
  let p = 0
  let t = 0
  let starP = -1
  let starT = 0
  while (t < str.length) {
    const token = pat[p]
    if (token !== undefined && (token === ONE || token === str[t])) {
      p++
      t++
    } else if (token === STAR) {
      starP = p++
      starT = t
    } else if (starP !== -1) {
      p = starP + 1
      t = ++starT
    } else {
      return false
    }
  }
  while (pat[p] === STAR) p++
  return p === pat.length
}

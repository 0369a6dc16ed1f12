import { encodePath } from './canonical-uri'

const HEX = '0123456789ABCDEF'

// A-Z a-z 0-9 - . _ ~ by char code.
const isUnreserved = (c: number) =>
  (c > 47 && c < 58) ||
  ((c | 32) > 96 && (c | 32) < 123) ||
  c === 45 ||
  c === 46 ||
  c === 95 ||
  c === 126

const hexValue = (c: number) => {
  const lower = c | 32
  return c > 47 && c < 58 ? c - 48 : lower > 96 && lower < 103 ? lower - 87 : -1
}

/**
 * {@link encodePath} in one pass for ASCII paths: an escape of an ASCII byte is decoded and
 * re-encoded in place, with no intermediate strings; other paths (UTF-8 escapes or characters)
 * go through `encodePath`. Larger than `encodePath`, so only the node:crypto build uses it.
 *
 * @example
 * ```ts
 * encodePathFast('/photo%202026%20(1).jpg') // '/photo%202026%20%281%29.jpg'
 * ```
 */
export function encodePathFast(path: string): string {
  // One pass over ASCII text, an escape of an ASCII byte decoded and re-encoded in place. Other
  // text (UTF-8 escapes or characters) takes the decode-then-encode route per segment.
  let out = ''
  let from = 0
  for (let i = 0; i < path.length; i++) {
    let c = path.charCodeAt(i)
    if (c === 47 || isUnreserved(c)) continue
    const at = i
    if (c === 37) {
      const high = hexValue(path.charCodeAt(i + 1))
      const low = hexValue(path.charCodeAt(i + 2))
      if ((high | low) >= 0) {
        c = high * 16 + low
        i += 2
      }
    }
    if (c > 127) {
      return encodePath(path)
    }
    out +=
      path.slice(from, at) +
      (isUnreserved(c) ? String.fromCharCode(c) : `%${HEX[c >> 4]}${HEX[c & 15]}`)
    from = i + 1
  }
  return out + path.slice(from)
}

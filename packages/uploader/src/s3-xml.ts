const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

/**
 * The text of the first `<tag>` element in a small S3 XML document, entities decoded, or
 * `undefined`. A deliberately minimal reader: no DTDs, no external entities, no recursion,
 * so hostile bodies cannot make it expand or loop.
 *
 * @example
 * ```ts
 * xmlValue('<R><UploadId>abc</UploadId></R>', 'UploadId') // 'abc'
 * ```
 */
export function xmlValue(xml: string, tag: string): string | undefined {
  const open = new RegExp(`<${tag}(?:\\s[^>]*)?>`).exec(xml)
  if (!open) return undefined
  const start = open.index + open[0].length
  const end = xml.indexOf(`</${tag}>`, start)
  if (end < 0) return undefined
  return decodeXml(xml.slice(start, end).trim())
}

/**
 * Decodes the five predefined XML entities and numeric character references.
 *
 * @example
 * ```ts
 * decodeXml('a &amp; b &#38; c') // 'a & b & c'
 * ```
 */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name] ?? whole
  })
}

/**
 * Escapes text for an XML element body.
 *
 * @example
 * ```ts
 * escapeXml('"a"<b>') // '&quot;a&quot;&lt;b&gt;'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

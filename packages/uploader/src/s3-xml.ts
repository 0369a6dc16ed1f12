const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/**
 * Decodes the five predefined XML entities and numeric character references (MinIO writes
 * `&#34;` around ETags); anything else (custom entities included) stays as written.
 *
 * @example
 * ```ts
 * decodeXml('a &amp; b &#34;c&#x22;') // 'a & b "c"'
 * ```
 */
export function decodeXml(text: string): string {
  return text.replace(/&(#x?)?(\w+);/g, (whole, hash: string | undefined, name: string) => {
    const code = hash ? Number.parseInt(name, hash.length > 1 ? 16 : 10) : 0
    return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : (ENTITIES[name] ?? whole)
  })
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
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml)
  return match ? decodeXml(match[1]!.trim()) : undefined
}

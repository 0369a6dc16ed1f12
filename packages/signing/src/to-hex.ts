const HEX: string[] = []
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'))

/**
 * Lower-case hex of bytes.
 *
 * @example
 * ```ts
 * toHex(new Uint8Array([0, 171, 255])) // '00abff'
 * ```
 */
export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let out = ''
  for (let i = 0; i < view.length; i++) out += HEX[view[i]!]
  return out
}

/**
 * Lower-case hex of bytes.
 *
 * @example
 * ```ts
 * toHex(new Uint8Array([0, 171, 255])) // '00abff'
 * ```
 */
export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  let out = ''
  for (const b of new Uint8Array(bytes)) out += (b | 256).toString(16).slice(1)
  return out
}

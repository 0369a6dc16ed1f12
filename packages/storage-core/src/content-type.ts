import { lookup } from 'mime-types'

/** The type used when neither the caller nor the extension says otherwise. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream'

/**
 * The content type for an object name, from its extension (the `mime-types` database), or
 * `application/octet-stream` when the extension is unknown.
 *
 * @example
 * ```ts
 * detectContentType('docs/readme.txt') // 'text/plain'
 * detectContentType('data.bin.unknownext') // 'application/octet-stream'
 * ```
 */
export function detectContentType(objectName: string): string {
  const base = objectName.slice(objectName.lastIndexOf('/') + 1)
  if (!base.includes('.')) return DEFAULT_CONTENT_TYPE
  return lookup(base) || DEFAULT_CONTENT_TYPE
}

/**
 * The caller's type when given, else {@link detectContentType}.
 *
 * @example
 * ```ts
 * resolveContentType('a.png') // 'image/png'
 * resolveContentType('a.png', 'image/webp') // 'image/webp'
 * ```
 */
export function resolveContentType(objectName: string, given?: string): string {
  return given && given.length > 0 ? given : detectContentType(objectName)
}

import { compareKeys, type ListEntry, type ListOptions } from '@aury/storage-core'

/**
 * Apply `prefix`, `startAfter`, `delimiter` and `limit` to entries that arrive in key order
 * (objects, and prefixes a walker already collapsed), with S3 semantics: common prefixes are
 * derived from keys after `startAfter` and count towards `limit`.
 *
 * @example
 * ```ts
 * yield* applyListOptions(sortedEntries(), { prefix: 'a/', delimiter: '/' })
 * ```
 */
export async function* applyListOptions(
  entries: AsyncIterable<ListEntry> | Iterable<ListEntry>,
  options: ListOptions,
): AsyncGenerator<ListEntry> {
  const prefix = options.prefix ?? ''
  const { delimiter, startAfter, limit } = options
  if (limit !== undefined && limit <= 0) return
  let count = 0
  let lastPrefix: string | undefined
  for await (const entry of entries) {
    options.signal?.throwIfAborted()
    let out: ListEntry = entry
    if (entry.type === 'object') {
      if (!entry.key.startsWith(prefix)) continue
      if (startAfter !== undefined && compareKeys(entry.key, startAfter) <= 0) continue
      if (delimiter) {
        const at = entry.key.indexOf(delimiter, prefix.length)
        if (at >= 0) out = { type: 'prefix', prefix: entry.key.slice(0, at + delimiter.length) }
      }
    }
    if (out.type === 'prefix') {
      if (out.prefix === lastPrefix) continue
      lastPrefix = out.prefix
    }
    yield out
    count++
    if (limit !== undefined && count >= limit) return
  }
}

/** How many derived signing keys each build keeps (per secret, date, region and service). */
export const SIGNING_KEY_CACHE_SIZE = 64

/**
 * Reads a least-recently-used cache kept in a `Map`: a hit moves the entry to the back.
 *
 * @example
 * ```ts
 * const cache = new Map<string, number>()
 * lruSet(cache, 'a', 1, 2); lruSet(cache, 'b', 2, 2); lruGet(cache, 'a'); lruSet(cache, 'c', 3, 2)
 * cache.has('b') // false: 'b' was the least recently used
 * ```
 */
export function lruGet<K, V>(cache: Map<K, V>, key: K): V | undefined {
  const value = cache.get(key)
  if (value !== undefined) {
    cache.delete(key)
    cache.set(key, value)
  }
  return value
}

/** Writes to a `Map` used as an LRU cache, evicting the oldest entry beyond `capacity`. */
export function lruSet<K, V>(cache: Map<K, V>, key: K, value: V, capacity: number): void {
  cache.delete(key)
  if (cache.size >= capacity) cache.delete(cache.keys().next().value as K)
  cache.set(key, value)
}

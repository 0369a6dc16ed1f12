/**
 * A small least-recently-used map: at most `capacity` entries; a hit moves the entry to the
 * back, and inserting into a full cache evicts the oldest one.
 *
 * @example
 * ```ts
 * const cache = new BoundedCache<string, number>(2)
 * cache.set('a', 1); cache.set('b', 2); cache.get('a'); cache.set('c', 3)
 * cache.has('b') // false: 'b' was the least recently used
 * ```
 */
export class BoundedCache<K, V> {
  readonly capacity: number
  readonly #map = new Map<K, V>()

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be >= 1')
    this.capacity = capacity
  }

  get size(): number {
    return this.#map.size
  }

  has(key: K): boolean {
    return this.#map.has(key)
  }

  get(key: K): V | undefined {
    const value = this.#map.get(key)
    if (value !== undefined) {
      this.#map.delete(key)
      this.#map.set(key, value)
    }
    return value
  }

  set(key: K, value: V): void {
    if (this.#map.has(key)) this.#map.delete(key)
    else if (this.#map.size >= this.capacity) {
      const oldest = this.#map.keys().next()
      if (!oldest.done) this.#map.delete(oldest.value)
    }
    this.#map.set(key, value)
  }

  delete(key: K): boolean {
    return this.#map.delete(key)
  }

  clear(): void {
    this.#map.clear()
  }
}

/** How many derived signing keys each build keeps (per secret, date, region and service). */
export const SIGNING_KEY_CACHE_SIZE = 64

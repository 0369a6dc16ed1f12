/** Small, allocation-light statistics over samples; every function copies before sorting. */

/** The `q`-quantile (0..1) by linear interpolation between closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q))
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  const low = sorted[lower] as number
  const high = sorted[upper] as number
  return low + (high - low) * (position - lower)
}

/** The median: the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

/** Smallest and largest value. */
export function range(values: readonly number[]): [number, number] {
  if (values.length === 0) return [Number.NaN, Number.NaN]
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
  }
  return [min, max]
}

/** Half the interquartile range relative to the median, as a fraction (0.05 = ±5 %). */
export function relativeSpread(values: readonly number[]): number {
  const mid = median(values)
  if (!Number.isFinite(mid) || mid === 0) return Number.NaN
  return (quantile(values, 0.75) - quantile(values, 0.25)) / 2 / Math.abs(mid)
}

/** Element-wise ratios `a[i] / b[i]` over the common length. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.min(a.length, b.length)
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((a[i] as number) / (b[i] as number))
  return out
}

/** Element-wise differences `a[i] - b[i]` over the common length. */
export function differences(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.min(a.length, b.length)
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((a[i] as number) - (b[i] as number))
  return out
}

/** The order of `items` for round `round`: rotated left by `round` positions. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return []
  const k = ((round % items.length) + items.length) % items.length
  return [...items.slice(k), ...items.slice(0, k)]
}

/** Number formatting shared by the Markdown tables and the console output. */

/** `123456` → `123.5k`, `1234567` → `1.23M`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return 'n/a'
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(1)}k`
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(2)}k`
  return perSecond.toFixed(0)
}

/** A ratio with three significant decimals, `n/a` when not finite. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  if (value >= 100) return value.toFixed(0)
  if (value >= 10) return value.toFixed(1)
  return value.toFixed(3)
}

/** Fixed decimals, `n/a` when not finite. */
export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a'
}

/** A signed millisecond delta, `+12.3`. */
export function signedMs(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`
}

/** Bytes as KiB / MiB with one decimal. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a'
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${bytes} B`
}

/** A `[min, max]` pair as `min–max`. */
export function formatRange([min, max]: [number, number], format = formatRatio): string {
  return `${format(min)}–${format(max)}`
}

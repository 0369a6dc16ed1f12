import type { UploadLogger, UploadProgress } from './upload-options'

/**
 * A progress reporter for one upload of `total` bytes in `partsTotal` requests. Call it with no
 * argument to report the start, then with each confirmed request's size (and part number).
 * `loaded` only ever grows (a part counts once, when the server confirms it, so retries cannot
 * move it backwards) and ends at `total`; `percent` reaches 100 only when every part is done.
 *
 * @example
 * ```ts
 * const report = progressTracker(file.size, 3, onProgress)
 * report()
 * report(5_242_880, 1)
 * ```
 */
export function progressTracker(
  total: number,
  partsTotal: number,
  onProgress?: (progress: UploadProgress) => void,
  logger?: UploadLogger,
): (size?: number, partNumber?: number) => void {
  let loaded = 0
  let partsCompleted = 0
  return (size, partNumber) => {
    if (size !== undefined) {
      loaded += size
      partsCompleted++
    }
    try {
      onProgress?.({
        loaded,
        total,
        percent:
          partsCompleted < partsTotal
            ? Math.min(99.9, Math.floor((loaded * 1000) / (total || 1)) / 10)
            : 100,
        partsCompleted,
        partsTotal,
        part: partNumber ? { partNumber, size: size! } : undefined,
      })
    } catch (error) {
      logger?.warn?.('onProgress threw', { error })
    }
  }
}

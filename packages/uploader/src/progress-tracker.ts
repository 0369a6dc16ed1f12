import type { UploadLogger, UploadProgress } from './upload-options'

/**
 * Adds up confirmed bytes and reports them. `loaded` only ever grows (a part counts once, when
 * the server confirms it, so retries cannot move it backwards) and ends at `total`.
 *
 * @example
 * ```ts
 * const tracker = new ProgressTracker(file.size, 3, onProgress)
 * tracker.start()
 * tracker.done(5_242_880, 1)
 * ```
 */
export class ProgressTracker {
  private loaded = 0
  private partsCompleted = 0

  constructor(
    private readonly total: number,
    private readonly partsTotal: number,
    private readonly onProgress?: (progress: UploadProgress) => void,
    private readonly logger?: UploadLogger,
  ) {}

  /** Reports 0 bytes, so a progress bar appears before the first request completes. */
  start(): void {
    this.emit()
  }

  /** Records `size` more confirmed bytes (one part, or the whole object). */
  done(size: number, partNumber?: number): void {
    this.loaded = Math.min(this.total, this.loaded + size)
    this.partsCompleted++
    this.emit(partNumber === undefined ? undefined : { partNumber, size })
  }

  private emit(part?: { partNumber: number; size: number }): void {
    if (!this.onProgress) return
    const complete = this.partsCompleted >= this.partsTotal
    const percent =
      complete || this.total === 0
        ? complete
          ? 100
          : 0
        : Math.min(99.9, Math.floor((this.loaded * 1000) / this.total) / 10)
    const progress: UploadProgress = {
      loaded: this.loaded,
      total: this.total,
      percent,
      partsCompleted: this.partsCompleted,
      partsTotal: this.partsTotal,
    }
    if (part) progress.part = part
    try {
      this.onProgress(progress)
    } catch (error) {
      this.logger?.warn?.('onProgress threw; the upload continues', { error: String(error) })
    }
  }
}

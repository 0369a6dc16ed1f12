import { describe, expect, it } from 'vitest'
import { ProgressTracker } from './progress-tracker'
import type { UploadProgress } from './upload-options'

describe('ProgressTracker', () => {
  it('is monotonic, reports parts and ends at exactly total and 100 %', () => {
    const events: UploadProgress[] = []
    const tracker = new ProgressTracker(25, 3, (p) => events.push(p))
    tracker.start()
    tracker.done(10, 2)
    tracker.done(5, 3)
    tracker.done(10, 1)
    expect(events.map((e) => e.loaded)).toEqual([0, 10, 15, 25])
    expect(events.map((e) => e.percent)).toEqual([0, 40, 60, 100])
    expect(events[1]?.part).toEqual({ partNumber: 2, size: 10 })
    expect(events.at(-1)).toMatchObject({ loaded: 25, total: 25, partsCompleted: 3, partsTotal: 3 })
  })

  it('never shows 100 % before the last part', () => {
    const events: UploadProgress[] = []
    const tracker = new ProgressTracker(1000, 2, (p) => events.push(p))
    tracker.done(999, 1)
    expect(events[0]?.percent).toBeLessThan(100)
    tracker.done(1, 2)
    expect(events[1]?.percent).toBe(100)
  })

  it('handles empty files and callbacks that throw', () => {
    const warnings: string[] = []
    const tracker = new ProgressTracker(
      0,
      1,
      () => {
        throw new Error('ui bug')
      },
      { warn: (m) => warnings.push(m) },
    )
    tracker.start()
    tracker.done(0)
    expect(warnings).toHaveLength(2)
  })
})

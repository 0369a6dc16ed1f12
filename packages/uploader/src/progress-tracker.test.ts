import { describe, expect, it } from 'vitest'
import { progressTracker } from './progress-tracker'
import type { UploadProgress } from './upload-options'

describe('progressTracker', () => {
  it('is monotonic, reports parts and ends at exactly total and 100 %', () => {
    const events: UploadProgress[] = []
    const report = progressTracker(25, 3, (p) => events.push(p))
    report()
    report(10, 2)
    report(5, 3)
    report(10, 1)
    expect(events.map((e) => e.loaded)).toEqual([0, 10, 15, 25])
    expect(events.map((e) => e.percent)).toEqual([0, 40, 60, 100])
    expect(events[0]?.part).toBeUndefined()
    expect(events[1]?.part).toEqual({ partNumber: 2, size: 10 })
    expect(events.at(-1)).toMatchObject({ loaded: 25, total: 25, partsCompleted: 3, partsTotal: 3 })
  })

  it('never shows 100 % before the last part', () => {
    const events: UploadProgress[] = []
    const report = progressTracker(1000, 2, (p) => events.push(p))
    report(999, 1)
    expect(events[0]?.percent).toBeLessThan(100)
    report(1, 2)
    expect(events[1]?.percent).toBe(100)
  })

  it('handles empty files and callbacks that throw', () => {
    const warnings: string[] = []
    const percents: number[] = []
    const report = progressTracker(
      0,
      1,
      (p) => {
        percents.push(p.percent)
        throw new Error('ui bug')
      },
      { warn: (m) => warnings.push(m) },
    )
    report()
    report(0)
    expect(percents).toEqual([0, 100])
    expect(warnings).toHaveLength(2)
  })
})

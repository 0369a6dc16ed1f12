import { describe, expect, it } from 'vitest'
import { mapBounded } from './map-bounded'

describe('mapBounded', () => {
  it('never runs more than `concurrency` at once and keeps input order', async () => {
    let active = 0
    let peak = 0
    const items = Array.from({ length: 20 }, (_, i) => i)
    const out = await mapBounded(items, 3, async (n) => {
      active++
      peak = Math.max(peak, active)
      await new Promise((r) => setTimeout(r, (20 - n) % 7))
      active--
      if (n === 5) throw new Error('five')
      return n * 2
    })
    expect(peak).toBe(3)
    expect(out.map((o) => (o.ok ? o.value : 'err'))).toEqual(
      items.map((n) => (n === 5 ? 'err' : n * 2)),
    )
  })

  it('rejects a bad concurrency before running anything', async () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      await expect(mapBounded([1], bad, async () => 1)).rejects.toMatchObject({
        code: 'InvalidArgument',
      })
    }
  })
})

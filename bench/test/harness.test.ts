import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { runInterleaved } from '../src/harness/interleave'
import { installNetworkGuard } from '../src/harness/network-guard'
import {
  differences,
  median,
  quantile,
  range,
  ratios,
  relativeSpread,
  rotate,
} from '../src/harness/stats'

describe('stats', () => {
  it('computes medians, quantiles and ranges', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(quantile([0, 10], 0.25)).toBe(2.5)
    expect(range([3, -1, 7])).toEqual([-1, 7])
    expect(Number.isNaN(median([]))).toBe(true)
    expect(relativeSpread([10, 10, 10, 10])).toBe(0)
  })

  it('pairs samples per round', () => {
    expect(ratios([10, 20, 30], [5, 10])).toEqual([2, 2])
    expect(differences([10, 20], [1, 2])).toEqual([9, 18])
  })

  it('rotates the order every round', () => {
    expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c'])
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a'])
    expect(rotate(['a', 'b', 'c'], 5)).toEqual(['c', 'a', 'b'])
  })
})

function spin(microseconds: number) {
  const end = performance.now() + microseconds / 1000
  let x = 0
  while (performance.now() < end) x++
  return x
}

describe('runInterleaved', () => {
  it('measures every candidate in every round and ranks them by their cost', async () => {
    const order: string[] = []
    const run = await runInterleaved(
      [
        { name: 'slow', run: () => spin(400) },
        { name: 'fast', run: () => spin(50) },
        { name: 'async', run: async () => order.push('x'), async: true },
      ],
      { rounds: 3, minTimeMs: 30, warmupMs: 5 },
    )
    expect(run.names).toEqual(['slow', 'fast', 'async'])
    for (const samples of run.opsPerSec) expect(samples).toHaveLength(3)
    const [slow, fast] = run.opsPerSec as [number[], number[]]
    expect(median(fast)).toBeGreaterThan(median(slow) * 2)
    expect(order.length).toBeGreaterThan(0)
  })
})

describe('network guard', () => {
  it('counts and refuses connects, lookups, requests and fetches, then restores them', async () => {
    const server = http.createServer((_req, res) => res.end('ok'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const url = `http://127.0.0.1:${port}/`
    try {
      const guard = installNetworkGuard()
      await expect(fetch(url)).rejects.toThrow(/network guard/)
      expect(() => http.get(url)).toThrow(/network guard/)
      const { lookup } = await import('node:dns/promises')
      await expect(lookup('localhost')).rejects.toThrow(/network guard/)
      const net = await import('node:net')
      expect(() => net.connect(port, '127.0.0.1')).toThrow(/network guard/)
      expect(guard.counts()).toEqual({ connects: 1, lookups: 1, httpRequests: 1, fetches: 1 })
      expect(() => guard.assertNone('test')).toThrow(/network guard \(test\)/)
      guard.uninstall()
      expect(await (await fetch(url)).text()).toBe('ok')
    } finally {
      server.close()
    }
  })
})

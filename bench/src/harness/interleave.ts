import { performance } from 'node:perf_hooks'
import { rotate } from './stats'

/** One contender in a micro-benchmark. `run` may return a promise; it is then awaited. */
export interface Candidate {
  name: string
  run: () => unknown
  /** Awaited one call at a time. */
  async?: boolean
}

/** Timing knobs for {@link runInterleaved}. */
export interface MicroOptions {
  /** Interleaved rounds; the order rotates every round. */
  rounds: number
  /** Minimum measured time per candidate per round. */
  minTimeMs: number
  /** Warm-up time per candidate before the first round. */
  warmupMs: number
  /** Length of one turn; candidates alternate turns within a round. Default 25 ms. */
  sliceMs?: number
}

/** Per-round ops/s for every candidate, in candidate order. */
export interface MicroRun {
  names: string[]
  /** `opsPerSec[candidate][round]` */
  opsPerSec: number[][]
}

/** Calls made by the last measurement, kept so that no engine can drop the work as dead code. */
export let sink: unknown

const gc = (globalThis as { gc?: () => void }).gc

async function timeBatch(candidate: Candidate, batch: number): Promise<number> {
  const { run } = candidate
  const start = performance.now()
  if (candidate.async) {
    for (let i = 0; i < batch; i++) sink = await run()
  } else {
    for (let i = 0; i < batch; i++) sink = run()
  }
  return performance.now() - start
}

/** Ops/s of one candidate over at least `minTimeMs`, in batches of `batch` calls. */
async function measure(candidate: Candidate, batch: number, minTimeMs: number): Promise<number> {
  let elapsed = 0
  let calls = 0
  while (elapsed < minTimeMs) {
    elapsed += await timeBatch(candidate, batch)
    calls += batch
  }
  return (calls / elapsed) * 1000
}

/** Batch size that takes about `targetMs`, found by doubling. */
async function calibrate(candidate: Candidate, targetMs: number): Promise<number> {
  let batch = 1
  for (;;) {
    const ms = await timeBatch(candidate, batch)
    if (ms >= targetMs || batch >= 1 << 20) return batch
    batch = ms < 0.5 ? batch * 8 : Math.max(batch + 1, Math.ceil((batch * targetMs) / ms))
  }
}

/**
 * Interleaved micro-benchmark: warm every candidate, then run `rounds` rounds. In each round,
 * after a `gc()`, the candidates take turns in slices of about `sliceMs` (in an order rotated
 * every round) until each has run for at least `minTimeMs`, so that drift and the neighbours'
 * load on a shared machine hit every candidate alike. Ratios are taken per round later.
 */
export async function runInterleaved(
  candidates: readonly Candidate[],
  options: MicroOptions,
): Promise<MicroRun> {
  const sliceMs = Math.max(1, Math.min(options.sliceMs ?? 25, options.minTimeMs))
  const batches = new Map<Candidate, number>()
  for (const candidate of candidates) {
    const batch = await calibrate(candidate, sliceMs)
    batches.set(candidate, batch)
    if (options.warmupMs > 0) await measure(candidate, batch, options.warmupMs)
  }
  const results = new Map<Candidate, number[]>(candidates.map((c) => [c, []]))
  for (let round = 0; round < options.rounds; round++) {
    const order = rotate(candidates, round)
    const elapsed = new Map<Candidate, number>(order.map((c) => [c, 0]))
    const calls = new Map<Candidate, number>(order.map((c) => [c, 0]))
    gc?.()
    let pending = order
    while (pending.length > 0) {
      for (const candidate of pending) {
        const batch = batches.get(candidate) ?? 1
        elapsed.set(candidate, (elapsed.get(candidate) ?? 0) + (await timeBatch(candidate, batch)))
        calls.set(candidate, (calls.get(candidate) ?? 0) + batch)
      }
      pending = pending.filter((c) => (elapsed.get(c) ?? 0) < options.minTimeMs)
    }
    for (const candidate of order) {
      results
        .get(candidate)
        ?.push(((calls.get(candidate) ?? 0) / (elapsed.get(candidate) ?? 1)) * 1000)
    }
  }
  return {
    names: candidates.map((c) => c.name),
    opsPerSec: candidates.map((c) => results.get(c) ?? []),
  }
}

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
 * Interleaved micro-benchmark: warm every candidate, then run `rounds` rounds in which each
 * candidate is measured for at least `minTimeMs` after a `gc()`, in an order rotated every round,
 * so drift on a shared machine hits every candidate alike. Ratios are taken per round later.
 */
export async function runInterleaved(
  candidates: readonly Candidate[],
  options: MicroOptions,
): Promise<MicroRun> {
  const batches = new Map<Candidate, number>()
  for (const candidate of candidates) {
    const batch = await calibrate(candidate, Math.max(1, Math.min(10, options.minTimeMs / 20)))
    batches.set(candidate, batch)
    if (options.warmupMs > 0) await measure(candidate, batch, options.warmupMs)
  }
  const results = new Map<Candidate, number[]>(candidates.map((c) => [c, []]))
  for (let round = 0; round < options.rounds; round++) {
    for (const candidate of rotate(candidates, round)) {
      gc?.()
      const ops = await measure(candidate, batches.get(candidate) ?? 1, options.minTimeMs)
      results.get(candidate)?.push(ops)
    }
  }
  return {
    names: candidates.map((c) => c.name),
    opsPerSec: candidates.map((c) => results.get(c) ?? []),
  }
}

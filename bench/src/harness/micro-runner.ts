import { runChild } from './child-process'
import { fixed, formatRange, formatRate, formatRatio } from './format'
import type { MicroRun } from './interleave'
import type { Check, Missing } from './micro-suite'
import type { NetworkCounts } from './network-guard'
import type { Table } from './report'
import { median, range, ratios } from './stats'

/** What one child process reports. */
export interface MicroProcessResult {
  baseline: string
  run: MicroRun
  missing: Missing[]
  checks: Check[]
  notes: Record<string, string>
  network: NetworkCounts
  versions: string[]
}

/** Pooled figures for one candidate over every round of every process. */
export interface MicroSummary {
  name: string
  medianOps: number
  /** Median of the per-round ratios against the baseline (same round, same process). */
  ratio: number
  ratioRange: [number, number]
  /** Median ratio of each process. */
  processRatios: number[]
}

/** Everything a micro suite measured, pooled. */
export interface MicroResult {
  baseline: string
  processes: MicroProcessResult[]
  summaries: MicroSummary[]
  missing: Missing[]
  checks: Check[]
  notes: Record<string, string>
  network: NetworkCounts
  versions: string[]
}

/** Timing settings for a whole micro suite. */
export interface MicroPlan {
  processes: number
  rounds: number
  minTimeMs: number
  warmupMs: number
}

/** Runs the micro suite `suite` in `plan.processes` fresh processes, one after the other. */
export async function runMicroSuite(suite: string, plan: MicroPlan): Promise<MicroResult> {
  const processes: MicroProcessResult[] = []
  for (let i = 0; i < plan.processes; i++) {
    processes.push(
      await runChild<MicroProcessResult>('micro', [
        suite,
        JSON.stringify({ rounds: plan.rounds, minTimeMs: plan.minTimeMs, warmupMs: plan.warmupMs }),
      ]),
    )
  }
  const first = processes[0]!
  const names = first.run.names
  const summaries = names.map((name) => summarize(name, first.baseline, processes))
  const network = processes.reduce<NetworkCounts>(
    (sum, p) => ({
      connects: sum.connects + p.network.connects,
      lookups: sum.lookups + p.network.lookups,
      httpRequests: sum.httpRequests + p.network.httpRequests,
      fetches: sum.fetches + p.network.fetches,
    }),
    { connects: 0, lookups: 0, httpRequests: 0, fetches: 0 },
  )
  return {
    baseline: first.baseline,
    processes,
    summaries,
    missing: first.missing,
    checks: first.checks,
    notes: first.notes,
    network,
    versions: first.versions,
  }
}

function samplesOf(p: MicroProcessResult, name: string): number[] {
  const index = p.run.names.indexOf(name)
  return index < 0 ? [] : (p.run.opsPerSec[index] ?? [])
}

function summarize(name: string, baseline: string, processes: MicroProcessResult[]): MicroSummary {
  const allOps: number[] = []
  const allRatios: number[] = []
  const processRatios: number[] = []
  for (const p of processes) {
    const ops = samplesOf(p, name)
    const perRound = ratios(ops, samplesOf(p, baseline))
    allOps.push(...ops)
    allRatios.push(...perRound)
    processRatios.push(median(perRound))
  }
  return {
    name,
    medianOps: median(allOps),
    ratio: median(allRatios),
    ratioRange: range(allRatios),
    processRatios,
  }
}

/**
 * Median over every round of `numerator / denominator`, both measured in the same round of the
 * same process. Used for goals such as "ours ≥ 50x getSignedUrl".
 */
export function pairedRatio(result: MicroResult, numerator: string, denominator: string) {
  const all: number[] = []
  for (const p of result.processes)
    all.push(...ratios(samplesOf(p, numerator), samplesOf(p, denominator)))
  return { median: median(all), range: range(all), rounds: all.length }
}

/** The main table of a micro suite, sorted by median ratio, highest first. */
export function microTable(result: MicroResult, caption?: string): Table {
  const rows = [...result.summaries]
    .sort((a, b) => b.ratio - a.ratio)
    .map((s) => [
      s.name === result.baseline ? `${s.name}` : s.name,
      formatRate(s.medianOps),
      fixed(1e6 / s.medianOps, 2),
      formatRatio(s.ratio),
      formatRange(s.ratioRange),
      s.processRatios.map(formatRatio).join(' / '),
    ])
  for (const m of result.missing) rows.push([m.name, 'not measured', '', '', '', m.reason])
  return {
    ...(caption ? { caption } : {}),
    columns: ['candidate', 'median ops/s', 'µs/op', 'ratio', 'ratio range', 'per-process ratio'],
    rows,
  }
}

/** Notes every micro suite shares: checks, network guard, process count. */
export function microNotes(result: MicroResult, plan: MicroPlan): string[] {
  const notes = [
    `${plan.processes} process(es) × ${plan.rounds} interleaved rounds; in each round every candidate runs ≥ ${plan.minTimeMs} ms in turns of ~25 ms, order rotated per round, \`gc()\` at the start of each round. Ratios are per round against **${result.baseline}**; the table shows their median, range and per-process medians.`,
    `Network guard: ${result.network.connects} TCP connects, ${result.network.lookups} DNS lookups, ${result.network.httpRequests} HTTP requests, ${result.network.fetches} fetches during the signing runs.`,
  ]
  for (const c of result.checks)
    notes.push(`Check ${c.ok ? 'passed' : '**FAILED**'}: ${c.name}: ${c.detail}`)
  for (const [name, note] of Object.entries(result.notes)) notes.push(`${name}: ${note}.`)
  return notes
}

import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fixed, signedMs } from '../harness/format'
import { benchDir, versionOf } from '../harness/packages'
import type { Goal, Table } from '../harness/report'
import { differences, median, range, rotate } from '../harness/stats'
import type { Suite } from '../harness/suite'

const ours = ['@aury/sts-tencent', '@aury/policy', '@aury/storage-s3']
const anchors = [
  'qcloud-cos-sts',
  'tencentcloud-sdk-nodejs-common',
  '@aws-sdk/client-sts',
  '@aws-sdk/client-s3',
]
const BARE = 'bare node -e 0'

type Mode = 'import' | 'require'

function argsFor(name: string, mode: Mode): string[] {
  if (name === BARE) return ['-e', '0']
  return mode === 'import'
    ? ['--input-type=module', '-e', `await import(${JSON.stringify(name)})`]
    : ['-e', `require(${JSON.stringify(name)})`]
}

/** Wall time of one fresh process, in ms; undefined when it failed. */
function timeProcess(args: string[]): { ms: number; error?: string } {
  const start = performance.now()
  const result = spawnSync(process.execPath, args, {
    cwd: benchDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '' },
  })
  const ms = performance.now() - start
  if (result.status !== 0) {
    const stderr = result.stderr
      .toString()
      .split('\n')
      .find((l) => /Error/.test(l))
    return { ms, error: stderr ?? `exit ${result.status}` }
  }
  return { ms }
}

/**
 * Cold import: whole-process wall time of loading one package in a fresh `node`, next to bare
 * `node -e 0`, interleaved with the order rotated each round; Δ is computed per round.
 */
export const coldImportSuite: Suite = {
  id: 'cold-import',
  title: 'Cold import time (fresh process, Δ over bare Node)',
  async run({ smoke, log }) {
    const rounds = smoke ? 1 : 15
    const modes: Mode[] = smoke ? ['import'] : ['import', 'require']
    const names = [BARE, ...ours, ...anchors]
    const failed = new Map<string, string>()
    // One untimed pass warms the page cache and finds packages that do not load.
    for (const name of names) {
      for (const mode of modes) {
        const { error } = timeProcess(argsFor(name, mode))
        if (error) failed.set(name, `${mode}: ${error}`)
      }
    }
    const runnable = names.filter((n) => !failed.has(n))
    const samples: Record<Mode, Record<string, number[]>> = { import: {}, require: {} }
    for (const mode of modes) {
      for (const name of runnable) samples[mode][name] = []
      for (let round = 0; round < rounds; round++) {
        for (const name of rotate(runnable, round)) {
          samples[mode][name]!.push(timeProcess(argsFor(name, mode)).ms)
        }
      }
      log(`  ${mode}: ${rounds} rounds done`)
    }
    const delta = (mode: Mode, name: string) =>
      differences(samples[mode][name] ?? [], samples[mode][BARE] ?? [])
    const rows = names.map((name) => {
      if (failed.has(name)) return [name, 'failed', '', '', '', failed.get(name) ?? '']
      const row = [name === BARE ? `${BARE} (absolute)` : name]
      for (const mode of ['import', 'require'] as const) {
        if (!modes.includes(mode)) {
          row.push('', '')
          continue
        }
        if (name === BARE) {
          row.push(`${fixed(median(samples[mode][BARE] ?? []))} ms`, '')
          continue
        }
        const d = delta(mode, name)
        const [lo, hi] = range(d)
        row.push(signedMs(median(d)), `${signedMs(lo)}…${signedMs(hi)}`)
      }
      row.push(name.startsWith('@aury/') ? 'ours' : 'anchor')
      return row
    })
    const table: Table = {
      columns: ['package', 'import Δ ms', 'import Δ range', 'require Δ ms', 'require Δ range', ''],
      rows,
    }
    const goals: Goal[] = []
    const problems = [...failed].map(([name, why]) => `cold import of ${name} failed (${why})`)
    const sts = '@aury/sts-tencent'
    if (!failed.has(sts)) {
      const d = median(delta('import', sts))
      goals.push({
        name: '@aury/sts-tencent cold import',
        target: '≤ +15 ms over bare Node',
        measured: `${signedMs(d)} ms`,
        met: d <= 15,
      })
    }
    return {
      id: 'cold-import',
      title: this.title,
      method: `Each command is a fresh \`node\` (ESM: \`node --input-type=module -e "await import('<pkg>')"\`; CJS: \`node -e "require('<pkg>')"\`) run from the bench package, timed from spawn to exit. ${rounds} interleaved rounds per mode with the order rotated every round, after one untimed warm-up pass; Δ is the per-round difference to bare \`node -e 0\` in the same round, and the table gives its median and range.`,
      tables: [table],
      goals,
      notes: [],
      data: {
        rounds,
        samples,
        failed: Object.fromEntries(failed),
        versions: names.filter((n) => n !== BARE).map(versionOf),
        problems,
      },
    }
  },
}

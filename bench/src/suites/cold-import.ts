import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { profileImport, profileTables } from '../harness/cpu-profile'
import { fixed, signedMs } from '../harness/format'
import { benchDir, packageDir, versionOf } from '../harness/packages'
import type { Goal, Table } from '../harness/report'
import { differences, median, range, rotate } from '../harness/stats'
import type { Suite } from '../harness/suite'

interface Target {
  label: string
  specifier: string
  /** Folder the process starts in (resolution starts there). */
  cwd: string
  kind: 'ours' | 'anchor' | 'dependency' | 'baseline'
}

const BARE = 'bare node -e 0'

function targets(): Target[] {
  const at = (label: string, kind: Target['kind'], specifier = label, cwd = benchDir) => ({
    label,
    specifier,
    cwd,
    kind,
  })
  const stsCore = packageDir('@aury/sts-core') ?? benchDir
  return [
    at(BARE, 'baseline', ''),
    at('@aury/sts-tencent', 'ours'),
    at('@aury/policy', 'ours'),
    at('@aury/storage-s3', 'ours'),
    at('qcloud-cos-sts', 'anchor'),
    at('tencentcloud-sdk-nodejs-common', 'anchor'),
    at('@aws-sdk/client-sts', 'anchor'),
    at('@aws-sdk/client-s3', 'anchor'),
    // Packages in the dependency tree of @aury/sts-tencent, to show which layer costs what.
    at('@aury/errors', 'dependency'),
    at('@aury/signing', 'dependency'),
    at('zod (dependency of @aury/sts-core)', 'dependency', 'zod', stsCore),
    at('@aury/sts-core', 'dependency'),
  ]
}

type Mode = 'import' | 'require'

function argsFor(target: Target, mode: Mode): string[] {
  if (target.kind === 'baseline') return ['-e', '0']
  const specifier = JSON.stringify(target.specifier)
  return mode === 'import'
    ? ['--input-type=module', '-e', `await import(${specifier})`]
    : ['-e', `require(${specifier})`]
}

/** Wall time of one fresh process, in ms; undefined when it failed. */
function timeProcess(target: Target, mode: Mode): { ms: number; error?: string } {
  const args = argsFor(target, mode)
  const start = performance.now()
  const result = spawnSync(process.execPath, args, {
    cwd: target.cwd,
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
    const all = targets()
    const failed = new Map<string, string>()
    // One untimed pass warms the page cache and finds packages that do not load.
    for (const target of all) {
      for (const mode of modes) {
        const { error } = timeProcess(target, mode)
        if (error) failed.set(target.label, `${mode}: ${error}`)
      }
    }
    const runnable = all.filter((t) => !failed.has(t.label))
    const samples: Record<Mode, Record<string, number[]>> = { import: {}, require: {} }
    for (const mode of modes) {
      for (const target of runnable) samples[mode][target.label] = []
      for (let round = 0; round < rounds; round++) {
        for (const target of rotate(runnable, round)) {
          samples[mode][target.label]?.push(timeProcess(target, mode).ms)
        }
      }
      log(`  ${mode}: ${rounds} rounds done`)
    }
    const delta = (mode: Mode, label: string) =>
      differences(samples[mode][label] ?? [], samples[mode][BARE] ?? [])
    const kinds = {
      baseline: '',
      ours: 'ours',
      anchor: 'anchor',
      dependency: 'in the tree of sts-tencent',
    }
    const rows = all.map(({ label, kind }) => {
      if (failed.has(label)) return [label, 'failed', '', '', '', failed.get(label) ?? '']
      const row = [kind === 'baseline' ? `${BARE} (absolute)` : label]
      for (const mode of ['import', 'require'] as const) {
        if (!modes.includes(mode)) {
          row.push('', '')
          continue
        }
        if (kind === 'baseline') {
          row.push(`${fixed(median(samples[mode][BARE] ?? []))} ms`, '')
          continue
        }
        const d = delta(mode, label)
        const [lo, hi] = range(d)
        row.push(signedMs(median(d)), `${signedMs(lo)}…${signedMs(hi)}`)
      }
      row.push(kinds[kind])
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
    const tables = [table]
    if (!smoke && goals.some((g) => !g.met))
      tables.push(...profileTables(profileImport(sts, benchDir)))
    return {
      id: 'cold-import',
      title: this.title,
      method: `Each command is a fresh \`node\` (ESM: \`node --input-type=module -e "await import('<pkg>')"\`; CJS: \`node -e "require('<pkg>')"\`) run from the bench package, timed from spawn to exit. ${rounds} interleaved rounds per mode with the order rotated every round, after one untimed warm-up pass; Δ is the per-round difference to bare \`node -e 0\` in the same round, and the table gives its median and range.`,
      tables,
      goals,
      notes: [
        'Rows marked "in the tree of sts-tencent" import one package that @aury/sts-tencent depends on, directly or not, on its own (zod from @aury/sts-core\'s folder); whether sts-tencent loads all of it depends on which entry points it uses. Read them as the cost of each layer.',
      ],
      data: {
        rounds,
        samples,
        failed: Object.fromEntries(failed),
        versions: all
          .filter((t) => t.kind === 'ours' || t.kind === 'anchor')
          .map((t) => versionOf(t.specifier)),
        problems,
      },
    }
  },
}

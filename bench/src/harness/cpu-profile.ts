import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runChild } from './child-process'
import { fixed } from './format'
import type { Table } from './report'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Where one candidate's time goes, from the V8 sampling profiler (what `--cpu-prof` writes). */
export interface ProfileSummary {
  candidate: string
  calls: number
  sampledMs: number
  /** Self time by function, highest first. */
  functions: Array<{ name: string; where: string; ms: number; share: number }>
  /** Self time by package or file group, highest first. */
  groups: Array<{ group: string; ms: number; share: number }>
}

function shortUrl(url: string): string {
  if (!url) return '(native)'
  if (url.startsWith('node:')) return url
  const pnpm = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(
    url,
  )
  if (pnpm) return `${pnpm[1]}/${pnpm[2]}`
  const workspace = /\/packages\/([^/]+)\/(.*)$/.exec(url)
  if (workspace) return `@aury/${workspace[1]}/${workspace[2]}`
  return url.replace(/^file:\/\/.*\/bench\//, 'bench/')
}

function groupOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native / V8 builtins)'
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/')
  const short = shortUrl(url)
  const m = /^((?:@[^/]+\/)?[^/]+)/.exec(short)
  return m?.[1] ?? short
}

/** Sums the self time of a V8 CPU profile by function and by package. */
export function summarizeProfile(
  profiles: CpuProfile[],
  candidate: string,
  calls: number,
): ProfileSummary {
  const functions = new Map<string, { name: string; where: string; ms: number }>()
  const groups = new Map<string, number>()
  let total = 0
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]))
    const self = new Map<number, number>()
    profile.samples.forEach((id, i) => {
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
    })
    for (const [id, ms] of self) {
      const node = byId.get(id)
      if (!node) continue
      const { functionName, url, lineNumber } = node.callFrame
      if (functionName === '(idle)' || functionName === '(program)') continue
      total += ms
      const name = functionName || '(anonymous)'
      const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : ''
      const key = `${name}@${where}`
      const entry = functions.get(key) ?? { name, where, ms: 0 }
      entry.ms += ms
      functions.set(key, entry)
      const group = groupOf(url, name)
      groups.set(group, (groups.get(group) ?? 0) + ms)
    }
  }
  const n = Math.max(1, profiles.length)
  return {
    candidate,
    calls,
    sampledMs: total / n,
    functions: [...functions.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15)
      .map((f) => ({ ...f, ms: f.ms / n, share: f.ms / total })),
    groups: [...groups]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([group, ms]) => ({ group, ms: ms / n, share: ms / total })),
  }
}

/**
 * Profiles one micro candidate for `seconds` in a fresh process, after its modules are loaded
 * and it is warm, and sums the sampled self time by function and by package.
 */
export async function profileCandidate(
  suite: string,
  candidate: string,
  seconds: number,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'aury-bench-prof-'))
  try {
    const file = join(dir, 'run.cpuprofile')
    const { calls } = await runChild<{ calls: number }>('profile-run', [
      suite,
      candidate,
      String(seconds),
      file,
    ])
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
    return summarizeProfile([profile], candidate, calls)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Profiles `runs` fresh processes (`node --cpu-prof`) that only import `specifier`, and averages
 * their self time by package: where a cold import spends its time.
 */
export function profileImport(specifier: string, cwd: string, runs = 5): ProfileSummary {
  const dir = mkdtempSync(join(tmpdir(), 'aury-bench-prof-'))
  try {
    for (let i = 0; i < runs; i++) {
      spawnSync(
        process.execPath,
        [
          '--cpu-prof',
          `--cpu-prof-dir=${dir}`,
          '--cpu-prof-interval=100',
          '--input-type=module',
          '-e',
          `await import(${JSON.stringify(specifier)})`,
        ],
        { cwd, stdio: 'ignore' },
      )
    }
    const profiles = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile)
    return summarizeProfile(profiles, `import('${specifier}')`, runs)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Two tables: self time by package, and the top functions. */
export function profileTables(summary: ProfileSummary): Table[] {
  const pct = (x: number) => `${fixed(x * 100)} %`
  return [
    {
      caption: `**CPU profile of ${summary.candidate}** (${summary.calls} ${summary.candidate.startsWith('import(') ? 'processes, mean' : 'calls,'} ${fixed(summary.sampledMs, 0)} ms sampled, idle excluded): self time by package`,
      columns: ['package / group', 'self ms', 'share'],
      rows: summary.groups.map((g) => [g.group, fixed(g.ms, 0), pct(g.share)]),
    },
    {
      caption: 'Top functions by self time',
      columns: ['function', 'where', 'self ms', 'share'],
      align: ['l', 'l', 'r', 'r'],
      rows: summary.functions.map((f) => [f.name, f.where, fixed(f.ms, 0), pct(f.share)]),
    },
  ]
}

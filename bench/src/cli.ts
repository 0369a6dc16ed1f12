// `pnpm bench`: runs every suite and writes BENCHMARKS.md at the repository root.
//   --smoke        tiny iteration counts, proves nothing rotted (< 2 min); writes no Markdown
//   --json [file]  also print the results as JSON (and write them to `file` when given)
//   --only a,b     run only these suites (ids: presign, tc3, sts-load, cold-import, footprint,
//                  transfer, bundle)
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { machineInfo } from './harness/machine'
import { renderMarkdown } from './harness/markdown'
import { benchDir, repoRoot, revision } from './harness/packages'
import type { SuiteResult } from './harness/report'
import { problemsOf, type Suite } from './harness/suite'
import { bundleSuite } from './suites/bundle'
import { coldImportSuite } from './suites/cold-import'
import { footprintSuite } from './suites/footprint'
import { presignSuite } from './suites/presign'
import { stsLoadSuite } from './suites/sts-load'
import { tc3Suite } from './suites/tc3'
import { transferSuite } from './suites/transfer'

const suites: Suite[] = [
  presignSuite,
  tc3Suite,
  stsLoadSuite,
  coldImportSuite,
  footprintSuite,
  bundleSuite,
  transferSuite,
]

interface Args {
  smoke: boolean
  json: boolean
  jsonFile?: string
  only?: string[]
  out?: string
}

function parseArgs(argv: string[]): Args {
  const args: Args = { smoke: false, json: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') continue
    if (arg === '--smoke') args.smoke = true
    else if (arg === '--json') {
      args.json = true
      const next = argv[i + 1]
      if (next && !next.startsWith('--')) {
        args.jsonFile = resolve(process.env.INIT_CWD ?? process.cwd(), next)
        i++
      }
    } else if (arg === '--only') args.only = (argv[++i] ?? '').split(',').filter(Boolean)
    else if (arg === '--out') args.out = argv[++i]
    else throw new Error(`unknown argument ${arg}`)
  }
  return args
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const log = (message: string) => process.stderr.write(`${message}\n`)
  const selected = args.only ? suites.filter((s) => args.only?.includes(s.id)) : suites
  if (args.only && selected.length !== args.only.length) {
    throw new Error(`unknown suite in --only; known: ${suites.map((s) => s.id).join(', ')}`)
  }
  const started = Date.now()
  const atStart = revision()
  const results: SuiteResult[] = []
  const failures: string[] = []
  for (const suite of selected) {
    const t = Date.now()
    log(`▶ ${suite.title}`)
    try {
      const result = await suite.run({ smoke: args.smoke, log })
      result.seconds = (Date.now() - t) / 1000
      results.push(result)
      failures.push(...problemsOf(result))
      log(`✓ ${suite.id} (${result.seconds.toFixed(1)} s)`)
    } catch (error) {
      failures.push(`${suite.id}: ${(error as Error).message}`)
      log(`✗ ${suite.id}: ${(error as Error).stack ?? error}`)
    }
  }
  const report = {
    smoke: args.smoke,
    revision: atStart,
    machine: machineInfo(),
    seconds: (Date.now() - started) / 1000,
    failures,
    suites: results,
  }
  const resultsDir = join(benchDir, 'results')
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(
    join(resultsDir, args.smoke ? 'smoke.json' : 'latest.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  )
  if (args.jsonFile) {
    mkdirSync(dirname(args.jsonFile), { recursive: true })
    writeFileSync(args.jsonFile, `${JSON.stringify(report, null, 2)}\n`)
  }
  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  const markdown = renderMarkdown(report)
  if (!args.smoke) {
    // A partial run (--only) never replaces the full report unless --out says so.
    const fallback = args.only ? join(resultsDir, 'partial.md') : join(repoRoot, 'BENCHMARKS.md')
    const out = args.out ? resolve(process.env.INIT_CWD ?? process.cwd(), args.out) : fallback
    writeFileSync(out, markdown)
    log(`wrote ${out}`)
  } else if (!args.json) {
    process.stdout.write(markdown)
  }
  log(`${args.smoke ? 'smoke run' : 'bench'} finished in ${report.seconds.toFixed(1)} s`)
  if (failures.length > 0) {
    log(`\n✗ ${failures.length} problem(s):\n${failures.map((f) => `  - ${f}`).join('\n')}`)
    process.exitCode = 1
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exitCode = 1
})

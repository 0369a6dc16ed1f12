// Child process of one micro-benchmark: guard the network, load the candidates, check their
// output, time them interleaved, and send the per-round samples to the parent over IPC.
import { runInterleaved } from '../harness/interleave'
import { installNetworkGuard } from '../harness/network-guard'
import { versionOf } from '../harness/packages'
import { definitions } from './micro-definitions'

const [suite = '', optionsJson = '{}'] = process.argv.slice(2)
const options = JSON.parse(optionsJson) as { rounds: number; minTimeMs: number; warmupMs: number }

async function main() {
  const define = definitions[suite]
  if (!define) throw new Error(`unknown micro suite ${suite}`)
  // Versions are read before the guard: `git` is a child process, not a network call, but keep
  // the guarded window to the candidates themselves.
  const guard = installNetworkGuard()
  const definition = await define()
  const passing = new Set(definition.checks.filter((c) => c.ok).map((c) => c.name))
  const timed = definition.candidates.filter((c) => passing.has(c.name))
  const run = await runInterleaved(timed, options)
  const network = guard.counts()
  guard.assertNone(suite)
  guard.uninstall()
  const message = {
    baseline: definition.baseline,
    run,
    missing: definition.missing,
    checks: definition.checks,
    notes: definition.notes ?? {},
    network,
    versions: definition.packages.map(versionOf),
  }
  await new Promise<void>((resolve, reject) =>
    process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())),
  )
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exitCode = 1
})

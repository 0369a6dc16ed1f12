// Runs one micro-benchmark candidate in a loop under the V8 sampling profiler, after its
// module loading and warm-up, and writes the `.cpuprofile` to the given path.
// argv: <suite> <candidate name> <seconds> <output file>
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { definitions } from './micro-definitions'

const [suite = '', name = '', seconds = '3', output = ''] = process.argv.slice(2)

async function loop(run: () => unknown, async: boolean, ms: number): Promise<number> {
  const end = performance.now() + ms
  let calls = 0
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) {
      if (async) await run()
      else run()
    }
    calls += 50
  }
  return calls
}

async function main() {
  const define = definitions[suite]
  if (!define) throw new Error(`unknown micro suite ${suite}`)
  const definition = await define()
  const candidate = definition.candidates.find((c) => c.name === name)
  if (!candidate) throw new Error(`no candidate ${name} in ${suite}`)
  await loop(candidate.run, candidate.async === true, 500)
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  const calls = await loop(candidate.run, candidate.async === true, Number(seconds) * 1000)
  const { profile } = await session.post('Profiler.stop')
  session.disconnect()
  writeFileSync(output, JSON.stringify(profile))
  process.send?.({ calls })
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exitCode = 1
})

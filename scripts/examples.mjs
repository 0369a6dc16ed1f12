// Runs the README's snippets as programs against local servers: every `examples/run-*.ts`
// runner (each starts the servers its examples need) and the standalone examples.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = 'examples'
const standalone = ['storage-local.ts', 'sts-aws-run-local.ts', 'policy-is-allowed.ts']
const runners = readdirSync(dir)
  .filter((f) => /^run-.*\.ts$/.test(f))
  .concat(standalone.filter((f) => existsSync(join(dir, f))))

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx')
let failed = 0
for (const file of runners) {
  const started = Date.now()
  const result = spawnSync(tsx, [file], { cwd: dir, stdio: 'inherit', env: process.env })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status === 0) console.log(`  ✓ examples/${file} (${seconds} s)`)
  else {
    failed++
    console.error(`  ✗ examples/${file} exited ${result.status}`)
  }
}
if (runners.length === 0) console.log('  (no examples yet)')
process.exit(failed ? 1 : 0)

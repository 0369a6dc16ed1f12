// The whole test suite, as the README's quick start runs it: `npm test`.
// Installs the workspace, builds, lints, typechecks, runs every package's tests (including the
// MinIO and Chromium suites), the README examples and the bundle-size budgets.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { installDependencies, pnpm } from './pnpm.mjs'

const started = Date.now()
const step = (name, fn) => {
  const t = Date.now()
  console.log(`\n▶ ${name}`)
  fn()
  console.log(`✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`)
}
const node = (script, args = []) => {
  const r = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

process.env.TURBO_TELEMETRY_DISABLED = '1'
step('install', installDependencies)
if (existsSync('scripts/ensure-minio.mjs'))
  step('minio binary', () => node('scripts/ensure-minio.mjs'))
step('build', () => pnpm(['run', 'build']))
step('lint (biome, publint, attw)', () => pnpm(['run', 'lint']))
step('typecheck', () => pnpm(['run', 'typecheck']))
step('unit and integration tests', () => pnpm(['run', 'test:unit']))
if (existsSync('scripts/examples.mjs')) step('README examples', () => node('scripts/examples.mjs'))
step('quick start on a fresh clone: npm run demo', () => node('scripts/quickstart-check.mjs'))
if (existsSync('scripts/size.mjs')) step('bundle-size budgets', () => node('scripts/size.mjs'))
if (existsSync('bench/package.json'))
  step('bench smoke run', () => pnpm(['--filter', '@aury/bench', 'run', 'bench:smoke']))
console.log(`\n✓ all checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`)

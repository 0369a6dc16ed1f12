// The whole test suite, as the README's quick start runs it: `npm test`.
// Installs the workspace, builds, lints, typechecks, runs every package's tests (including the
// MinIO and Chromium suites), the README examples and the bundle-size budgets.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { installDependencies, pnpm, pnpmCommand } from './pnpm.mjs'

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
let minioBinary = ''
step('minio binary', () => {
  const r = spawnSync(process.execPath, ['scripts/ensure-minio.mjs'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) process.exit(r.status ?? 1)
  const lines = r.stdout.trim().split('\n')
  console.log(r.stdout.trim())
  minioBinary = existsSync(lines.at(-1) ?? '') ? (lines.at(-1) ?? '') : ''
})
step('build', () => pnpm(['run', 'build']))
// MinIO's real credential expiry takes 15 minutes of waiting: start that test now, in the
// background (it mostly sleeps), and collect its result at the end.
const expiryLog = 'test-artifacts/minio-expiry.log'
let expiryRun
if (minioBinary && process.env.AURY_SKIP_EXPIRY_WAIT !== '1') {
  mkdirSync('test-artifacts', { recursive: true })
  // The log file is the child's stdout: the sync steps below block this process's event loop.
  const out = openSync(expiryLog, 'w')
  const [cmd, argv] = pnpmCommand([
    '--filter',
    '@aury/sts-aws',
    'exec',
    'vitest',
    'run',
    'test/aws-sts-minio.test.ts',
    '-t',
    'real expiry',
  ])
  const child = spawn(cmd, argv, {
    env: { ...process.env, AURY_MINIO_EXPIRY_WAIT: '1' },
    stdio: ['ignore', out, out],
  })
  expiryRun = new Promise((resolve) => child.on('exit', (code) => resolve(code)))
  console.log(`\n▶ MinIO credential-expiry test started in the background (log: ${expiryLog})`)
}
step('lint (biome, publint, attw)', () => pnpm(['run', 'lint']))
step('typecheck', () => pnpm(['run', 'typecheck']))
step('unit and integration tests', () => pnpm(['run', 'test:unit']))
if (existsSync('scripts/examples.mjs')) step('README examples', () => node('scripts/examples.mjs'))
step('quick start on a fresh clone: npm run demo', () => node('scripts/quickstart-check.mjs'))
if (existsSync('scripts/size.mjs')) step('bundle-size budgets', () => node('scripts/size.mjs'))
if (existsSync('bench/package.json'))
  step('bench smoke run', () => pnpm(['--filter', '@aury/bench', 'run', 'bench:smoke']))
if (expiryRun) {
  const t = Date.now()
  console.log('\n▶ waiting for the MinIO credential-expiry test')
  const code = await expiryRun
  const log = readFileSync(expiryLog, 'utf8')
  if (code !== 0 || !/1 passed/.test(log)) {
    console.error(log.slice(-4000))
    console.error('✗ MinIO credential-expiry test failed')
    process.exit(1)
  }
  console.log(
    `✓ MinIO credential-expiry test (waited ${((Date.now() - t) / 1000).toFixed(0)} s more)`,
  )
}
console.log(`\n✓ all checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`)

#!/usr/bin/env node
// Makes sure the pinned MinIO server binary used by the strict S3 and STS tests exists.
//
//   node scripts/ensure-minio.mjs
//
// - `$AURY_MINIO_BIN` or `~/.cache/aury/minio/<version>/minio` exists: print its path, exit 0.
// - otherwise build it with `go install github.com/minio/minio@<version>` into that folder and
//   print the build time (about 6 minutes on 2 cores, cold module cache).
// - Go missing: with `CI=true` exit 1 (CI must run the MinIO suites); elsewhere explain that the
//   MinIO suites will be skipped and exit 0.
//
// Keep MINIO_VERSION equal to the one in tools/testkit/src/minio.ts.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

const MINIO_VERSION = 'v0.0.0-20260212201848-7aac2a2c5b7c'
const MODULE = 'github.com/minio/minio'

const inCI = process.env.CI === 'true' || process.env.CI === '1'
const cacheDir = join(homedir(), '.cache', 'aury', 'minio', MINIO_VERSION)
const cached = join(cacheDir, 'minio')

function out(line) {
  process.stdout.write(`${line}\n`)
}

function fail(message) {
  process.stderr.write(`ensure-minio: ${message}\n`)
  process.exit(1)
}

const fromEnv = process.env.AURY_MINIO_BIN
if (fromEnv) {
  if (existsSync(fromEnv)) {
    out(fromEnv)
    process.exit(0)
  }
  fail(`AURY_MINIO_BIN points at ${fromEnv}, which does not exist`)
}
if (existsSync(cached)) {
  out(cached)
  process.exit(0)
}

const go = spawnSync('go', ['version'], { encoding: 'utf8' })
if (go.error || go.status !== 0) {
  const why = `Go is not installed, so MinIO ${MINIO_VERSION} cannot be built into ${cacheDir}.`
  if (inCI) fail(`${why} CI needs it: install Go >= 1.24 or set AURY_MINIO_BIN.`)
  out(`ensure-minio: ${why} The MinIO test suites will be skipped (they fail under CI=true).`)
  process.exit(0)
}

mkdirSync(cacheDir, { recursive: true })
out(`ensure-minio: building ${MODULE}@${MINIO_VERSION} with ${go.stdout.trim()} (minutes)...`)
const started = process.hrtime.bigint()
const build = spawnSync('go', ['install', `${MODULE}@${MINIO_VERSION}`], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, GOBIN: cacheDir },
})
const seconds = Number(process.hrtime.bigint() - started) / 1e9
if (build.status !== 0 || !existsSync(cached)) {
  fail(`go install failed after ${seconds.toFixed(1)} s (exit ${build.status ?? build.signal})`)
}
out(`ensure-minio: built in ${seconds.toFixed(1)} s`)
out(cached)

// 256 MiB streaming upload: Aury's uploadObject vs @aws-sdk/lib-storage `Upload`, same client
// settings (path-style, checksums WHEN_REQUIRED), same server, same file, 8 MiB parts x 4.
// Each upload runs in a fresh child process; candidates are interleaved and their order rotated
// every round; the ratios (aury / lib-storage) are computed per round and their median reported.
//
//   pnpm --filter @aury/storage-s3 bench:upload            # 5 rounds against s3rver (child process)
//   ROUNDS=3 TARGET=minio pnpm --filter @aury/storage-s3 bench:upload
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const rounds = Number(process.env.ROUNDS ?? 5)
const sizeMiB = Number(process.env.SIZE_MIB ?? 256)
const bucket = 'bench-bucket'

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

async function startServer(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'aury-bench-s3rver-'))
  const port = await freePort()
  const bin = join(dirname(require.resolve('s3rver/package.json')), 'bin', 's3rver.js')
  const child = spawn(
    process.execPath,
    [bin, '-d', dir, '-a', '127.0.0.1', '-p', String(port), '-s', '--configure-bucket', bucket],
    { stdio: 'ignore' },
  )
  const endpoint = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(endpoint)
      break
    } catch {
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  return {
    endpoint,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      await rm(dir, { recursive: true, force: true })
    },
  }
}

function runWorker(candidate: string, endpoint: string, file: string, key: string) {
  const r = spawnSync(
    process.execPath,
    [
      '--conditions=@aury/source',
      '--expose-gc',
      '--no-warnings',
      '--import',
      'tsx',
      join(here, 'upload-worker.ts'),
      candidate,
      endpoint,
      bucket,
      key,
      file,
    ],
    { encoding: 'utf8', cwd: join(here, '..'), maxBuffer: 1 << 20 },
  )
  if (r.status !== 0) throw new Error(`${candidate} failed:\n${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Record<string, number>
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

const work = await mkdtemp(join(tmpdir(), 'aury-bench-'))
const file = join(work, 'source.bin')
const fh = await open(file, 'w')
const block = randomBytes(8 * 1024 * 1024)
for (let i = 0; i < sizeMiB / 8; i++) await fh.write(block.fill(i, 0, 1))
await fh.close()

const server = await startServer()
const candidates = ['aury', 'lib-storage']
const results: Record<string, Record<string, number>[]> = { aury: [], 'lib-storage': [] }
const ratios = { throughput: [] as number[], deltaRss: [] as number[], cpu: [] as number[] }
try {
  runWorker('aury', server.endpoint, file, 'warm-up') // warm the server and page cache
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? candidates : [...candidates].reverse()
    const row: Record<string, Record<string, number>> = {}
    for (const c of order) {
      row[c] = runWorker(c, server.endpoint, file, `${c}-${round}`)
      results[c]?.push(row[c] as Record<string, number>)
    }
    const a = row.aury as Record<string, number>
    const l = row['lib-storage'] as Record<string, number>
    ratios.throughput.push((a.mbPerS as number) / (l.mbPerS as number))
    ratios.deltaRss.push((a.deltaRssMiB as number) / (l.deltaRssMiB as number))
    ratios.cpu.push((a.cpuMs as number) / (l.cpuMs as number))
    process.stdout.write(
      `round ${round + 1}: aury ${a.mbPerS?.toFixed(1)} MB/s +${a.deltaRssMiB?.toFixed(0)} MiB | ` +
        `lib-storage ${l.mbPerS?.toFixed(1)} MB/s +${l.deltaRssMiB?.toFixed(0)} MiB\n`,
    )
  }
} finally {
  await server.stop()
  await rm(work, { recursive: true, force: true })
}

const summary = (c: string) => {
  const rs = results[c] ?? []
  return {
    'MB/s': median(rs.map((r) => r.mbPerS as number)).toFixed(1),
    'peak RSS MiB': median(rs.map((r) => r.peakRssMiB as number)).toFixed(0),
    'RSS growth MiB': median(rs.map((r) => r.deltaRssMiB as number)).toFixed(0),
    'arrayBuffers MiB': median(rs.map((r) => r.peakArrayBuffersMiB as number)).toFixed(0),
    'CPU ms': median(rs.map((r) => r.cpuMs as number)).toFixed(0),
  }
}
process.stdout.write(
  `\n${sizeMiB} MiB upload to s3rver (separate process), 8 MiB parts x 4, ${rounds} rounds\n`,
)
const table = { aury: summary('aury'), 'lib-storage': summary('lib-storage') }
const columns = Object.keys(table.aury)
process.stdout.write(
  `| candidate | ${columns.join(' | ')} |\n|---|${columns.map(() => '---:').join('|')}|\n`,
)
for (const [name, row] of Object.entries(table)) {
  process.stdout.write(`| ${name} | ${Object.values(row).join(' | ')} |\n`)
}
process.stdout.write(
  `median ratios aury/lib-storage: throughput ${median(ratios.throughput).toFixed(3)}, ` +
    `RSS growth ${median(ratios.deltaRss).toFixed(3)}, CPU ${median(ratios.cpu).toFixed(3)}\n`,
)

// biome-ignore-all lint/suspicious/noConsole: a benchmark reports on stdout
/**
 * LocalStorage vs plain fs.promises on one 256 MiB object, in the same run.
 * Run: npx tsx --conditions=@aury/source bench/throughput.ts [MiB] [rounds]
 * Prints MB/s (10^6 bytes per second) per case: median of the rounds (best in brackets).
 */
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { LocalStorage } from '../src/index'

const MiB = 1024 * 1024
const size = Number(process.argv[2] ?? 256) * MiB
const rounds = Number(process.argv[3] ?? 3)
const dir = await mkdtemp(join(tmpdir(), 'aury-bench-'))
const storage = new LocalStorage({ basePath: join(dir, 'store') })
const payload = new Uint8Array(randomBytes(size))
const source = join(dir, 'source.bin')
await writeFile(source, payload)

async function drain(stream: AsyncIterable<unknown> | ReadableStream<Uint8Array>): Promise<number> {
  let n = 0
  for await (const chunk of stream as AsyncIterable<Uint8Array>) n += chunk.byteLength
  return n
}

const cases: [string, () => Promise<unknown>][] = [
  ['write bytes: fs.promises.writeFile', () => writeFile(join(dir, 'plain.bin'), payload)],
  [
    'write bytes: LocalStorage.uploadFile',
    () => storage.uploadFile({ objectName: 'bench/bytes.bin', data: payload }),
  ],
  [
    'write stream: createReadStream -> createWriteStream',
    () => pipeline(createReadStream(source), createWriteStream(join(dir, 'plain-stream.bin'))),
  ],
  [
    'write stream: LocalStorage.uploadFile(createReadStream)',
    () => storage.uploadFile({ objectName: 'bench/stream.bin', data: createReadStream(source) }),
  ],
  ['read bytes: fs.promises.readFile', () => readFile(join(dir, 'plain.bin'))],
  ['read bytes: LocalStorage.downloadFile', () => storage.downloadFile('bench/bytes.bin')],
  ['read stream: createReadStream', () => drain(createReadStream(join(dir, 'plain.bin')))],
  [
    'read stream: LocalStorage.downloadStream',
    async () => drain(await storage.downloadStream('bench/bytes.bin')),
  ],
]

const results: Record<string, number[]> = {}
try {
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of cases) {
      const start = process.hrtime.bigint()
      await run()
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      const list = results[name] ?? []
      list.push(size / 1e6 / seconds)
      results[name] = list
    }
  }
  console.log(`object ${size / MiB} MiB, ${rounds} rounds, node ${process.version}`)
  for (const [name] of cases) {
    const all = [...(results[name] ?? [])].sort((a, b) => a - b)
    const median = all[Math.floor(all.length / 2)] ?? 0
    console.log(
      `${name.padEnd(58)} ${median.toFixed(0).padStart(6)} MB/s  (best ${all[all.length - 1]?.toFixed(0)})`,
    )
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}

// Uploads a stream of unknown length through S3Storage and reports peak memory growth.
// argv: <endpoint> <bucket> <sizeMiB> <partSizeMiB> <concurrency>
import { randomBytes } from 'node:crypto'
import { S3Storage } from '../../src/index'

const [endpoint, bucket, sizeArg, partArg, concArg] = process.argv.slice(2)
const MiB = 1024 * 1024
const size = Number(sizeArg) * MiB
const storage = new S3Storage({
  backend: 's3',
  bucketName: bucket as string,
  endpoint,
  forcePathStyle: true,
  allowHttp: true,
  accessKeyId: 'S3RVER',
  accessKeySecret: 'S3RVER',
  partSize: Number(partArg) * MiB,
  concurrency: Number(concArg),
})

// Warm up every code path (single PUT and a 2-part upload) before taking the baseline.
await storage.uploadFile({ objectName: 'warm/a', data: 'x' })
await storage.uploadFile({ objectName: 'warm/b', data: new Uint8Array(Number(partArg) * MiB + 1) })
globalThis.gc?.()
await new Promise((r) => setTimeout(r, 50))
const base = process.memoryUsage()
let peakRss = base.rss
let peakAb = base.arrayBuffers
const timer = setInterval(() => {
  const m = process.memoryUsage()
  peakRss = Math.max(peakRss, m.rss)
  peakAb = Math.max(peakAb, m.arrayBuffers)
}, 2)

async function* source() {
  const block = randomBytes(64 * 1024)
  for (let sent = 0; sent < size; sent += block.length) {
    const chunk = Buffer.allocUnsafeSlow(block.length)
    block.copy(chunk)
    yield chunk
  }
}
const t0 = performance.now()
const result = await storage.uploadFile({ objectName: 'mem/big.bin', data: source() })
const ms = performance.now() - t0
clearInterval(timer)
const maxRss = process.resourceUsage().maxRSS * 1024
storage.destroy()
process.stdout.write(
  `${JSON.stringify({
    size: result.size,
    ms,
    rssGrowthMiB: (Math.max(peakRss, maxRss) - base.rss) / MiB,
    arrayBuffersGrowthMiB: (peakAb - base.arrayBuffers) / MiB,
  })}\n`,
)

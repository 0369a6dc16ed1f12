// One measured upload in a fresh process (so peak RSS belongs to this upload alone).
// argv: <candidate: aury|lib-storage> <endpoint> <bucket> <key> <file> [partSizeMiB] [queue]
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { uploadObject } from '../src/upload-object'

const [candidate, endpoint, bucket, key, file, partMiB = '8', queue = '4'] = process.argv.slice(2)
const partSize = Number(partMiB) * 1024 * 1024
const concurrency = Number(queue)

const client = new S3Client({
  endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
})

// Warm-up: load every code path and open a socket, so the baseline includes the modules.
await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${key}.warm`, Body: 'warm' }))
await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${key}.warm` }))
globalThis.gc?.()
const base = process.memoryUsage()
let peakRss = base.rss
let peakArrayBuffers = base.arrayBuffers
const sampler = setInterval(() => {
  const m = process.memoryUsage()
  if (m.rss > peakRss) peakRss = m.rss
  if (m.arrayBuffers > peakArrayBuffers) peakArrayBuffers = m.arrayBuffers
}, 5)

const size = (await stat(file)).size
const cpu0 = process.cpuUsage()
const t0 = performance.now()
if (candidate === 'aury') {
  await uploadObject({
    client,
    bucket,
    key,
    body: createReadStream(file),
    partSize,
    concurrency,
  })
} else {
  await new Upload({
    client,
    params: { Bucket: bucket, Key: key, Body: createReadStream(file) },
    partSize,
    queueSize: concurrency,
  }).done()
}
const ms = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
clearInterval(sampler)
const maxRss = process.resourceUsage().maxRSS * 1024
const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
if (head.ContentLength !== size) throw new Error(`size mismatch: ${head.ContentLength} != ${size}`)
await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
client.destroy()
const MiBf = 1024 * 1024
process.stdout.write(
  `${JSON.stringify({
    candidate,
    ms,
    mbPerS: size / 1e6 / (ms / 1000),
    baseRssMiB: base.rss / MiBf,
    peakRssMiB: Math.max(peakRss, maxRss) / MiBf,
    deltaRssMiB: (Math.max(peakRss, maxRss) - base.rss) / MiBf,
    peakArrayBuffersMiB: (peakArrayBuffers - base.arrayBuffers) / MiBf,
    cpuMs: (cpu.user + cpu.system) / 1000,
  })}\n`,
)

// One measured transfer in a fresh process, so that its peak RSS is its own.
// argv[2] is a JSON TransferJob; the result goes back over IPC.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import type { Readable } from 'node:stream'

/** What the parent asks one worker to do. */
export interface TransferJob {
  op: 'upload' | 'download' | 'put-many' | 'get-many'
  candidate: 'aury' | 'sdk' | 'plain'
  endpoint: string
  bucket: string
  /** Object key (upload, download) or key prefix (put-many, get-many). */
  key: string
  /** Source file for `upload`. */
  file?: string
  /** Bytes of the object(s). */
  size: number
  /** Number of objects for the `-many` operations. */
  count: number
  concurrency: number
  partSize: number
  /** Hash what was received (downloads) to prove the bytes are right. */
  hash: boolean
}

/** What one worker reports. */
export interface TransferOutcome {
  ms: number
  bytes: number
  cpuMs: number
  baseRssMiB: number
  peakRssMiB: number
  sha256?: string
}

const job = JSON.parse(process.argv[2] ?? '{}') as TransferJob
const MiB = 1024 * 1024
const url = new URL(job.endpoint)
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(job.concurrency, 4) })
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

function plainRequest(
  method: string,
  key: string,
  body?: Buffer | Readable,
  length?: number,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        method,
        host: url.hostname,
        port: url.port,
        path: `/${job.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
        agent,
        headers: length !== undefined ? { 'content-length': String(length) } : {},
      },
      resolve,
    )
    req.on('error', reject)
    if (body && Buffer.isBuffer(body)) req.end(body)
    else if (body) (body as Readable).pipe(req)
    else req.end()
  })
}

async function drain(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  hash?: ReturnType<typeof createHash>,
): Promise<number> {
  let bytes = 0
  for await (const chunk of source as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength
    hash?.update(chunk)
  }
  return bytes
}

async function plainOk(res: http.IncomingMessage, what: string): Promise<number> {
  if ((res.statusCode ?? 0) >= 300) {
    const text = Buffer.concat(await res.toArray()).toString()
    throw new Error(`${what}: HTTP ${res.statusCode} ${text.slice(0, 200)}`)
  }
  return drain(res)
}

async function pool(count: number, concurrency: number, task: (i: number) => Promise<number>) {
  let next = 0
  let bytes = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      const n = await task(i)
      bytes += n
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return bytes
}

async function main() {
  const { S3Client, PutObjectCommand, GetObjectCommand, HeadObjectCommand } = await import(
    '@aws-sdk/client-s3'
  )
  const sdk = new S3Client({
    endpoint: job.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  let storage: {
    uploadFile(file: Record<string, unknown>): Promise<unknown>
    downloadStream(key: string): Promise<ReadableStream<Uint8Array>>
    downloadFile(key: string): Promise<Uint8Array>
  } | null = null
  if (job.candidate === 'aury') {
    const { S3Storage } = (await import('@aury/storage-s3')) as unknown as {
      S3Storage: new (config: Record<string, unknown>) => NonNullable<typeof storage>
    }
    storage = new S3Storage({
      backend: 's3',
      bucketName: job.bucket,
      region: 'us-east-1',
      endpoint: job.endpoint,
      forcePathStyle: true,
      allowHttp: true,
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.secretAccessKey,
      partSize: job.partSize,
      concurrency: job.concurrency,
    })
  }
  const { Upload } = await import('@aws-sdk/lib-storage')
  const small = Buffer.alloc(job.op === 'put-many' ? job.size : 0, 7)
  for (let i = 0; i < small.length; i += 4096) small[i] = i & 0xff

  // Warm-up: load every code path and open a connection before measuring.
  const warmKey = `warm/${process.pid}`
  if (job.candidate === 'aury') {
    await storage!.uploadFile({ objectName: warmKey, data: Buffer.from('warm') })
    await drain(await storage!.downloadStream(warmKey))
  } else if (job.candidate === 'sdk') {
    await sdk.send(new PutObjectCommand({ Bucket: job.bucket, Key: warmKey, Body: 'warm' }))
    const out = await sdk.send(new GetObjectCommand({ Bucket: job.bucket, Key: warmKey }))
    await out.Body?.transformToByteArray()
  } else {
    await plainOk(await plainRequest('PUT', warmKey, Buffer.from('warm'), 4), 'warm PUT')
    await plainOk(await plainRequest('GET', warmKey), 'warm GET')
  }
  await plainOk(await plainRequest('DELETE', warmKey), 'warm DELETE')
  ;(globalThis as { gc?: () => void }).gc?.()

  const baseRss = process.memoryUsage().rss
  const hash = job.hash ? createHash('sha256') : undefined
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let bytes = 0
  if (job.op === 'upload') {
    const body = createReadStream(job.file as string, { highWaterMark: MiB })
    if (job.candidate === 'aury') {
      await storage!.uploadFile({ objectName: job.key, data: body, contentLength: job.size })
    } else if (job.candidate === 'sdk') {
      await new Upload({
        client: sdk,
        params: { Bucket: job.bucket, Key: job.key, Body: body },
        partSize: job.partSize,
        queueSize: job.concurrency,
      }).done()
    } else {
      await plainOk(await plainRequest('PUT', job.key, body, job.size), 'PUT')
    }
    bytes = job.size
  } else if (job.op === 'download') {
    if (job.candidate === 'aury') bytes = await drain(await storage!.downloadStream(job.key), hash)
    else if (job.candidate === 'sdk') {
      const out = await sdk.send(new GetObjectCommand({ Bucket: job.bucket, Key: job.key }))
      bytes = await drain(out.Body as Readable, hash)
    } else {
      const res = await plainRequest('GET', job.key)
      if (res.statusCode !== 200) throw new Error(`GET: HTTP ${res.statusCode}`)
      bytes = await drain(res, hash)
    }
  } else if (job.op === 'put-many') {
    bytes = await pool(job.count, job.concurrency, async (i) => {
      const key = `${job.key}${i}`
      if (job.candidate === 'aury') await storage!.uploadFile({ objectName: key, data: small })
      else if (job.candidate === 'sdk') {
        await sdk.send(new PutObjectCommand({ Bucket: job.bucket, Key: key, Body: small }))
      } else await plainOk(await plainRequest('PUT', key, small, small.length), 'PUT')
      return small.length
    })
  } else {
    bytes = await pool(job.count, job.concurrency, async (i) => {
      const key = `${job.key}${i}`
      if (job.candidate === 'aury') return (await storage!.downloadFile(key)).byteLength
      if (job.candidate === 'sdk') {
        const out = await sdk.send(new GetObjectCommand({ Bucket: job.bucket, Key: key }))
        return (await out.Body!.transformToByteArray()).byteLength
      }
      const res = await plainRequest('GET', key)
      if (res.statusCode !== 200) throw new Error(`GET: HTTP ${res.statusCode}`)
      return Buffer.concat(await res.toArray()).byteLength
    })
  }
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const peakRss = process.resourceUsage().maxRSS * 1024

  if (job.op === 'upload') {
    const head = await sdk.send(new HeadObjectCommand({ Bucket: job.bucket, Key: job.key }))
    if (head.ContentLength !== job.size) {
      throw new Error(`uploaded ${head.ContentLength} bytes, expected ${job.size}`)
    }
  } else if (bytes !== job.size * (job.op.endsWith('many') ? job.count : 1)) {
    throw new Error(`transferred ${bytes} bytes, expected ${job.size * job.count}`)
  }
  if (job.op === 'upload') await plainOk(await plainRequest('DELETE', job.key), 'DELETE')
  if (job.op === 'put-many') {
    // One at a time: s3rver answers concurrent deletes in one folder with 500 now and then.
    for (let i = 0; i < job.count; i++) {
      await plainOk(await plainRequest('DELETE', `${job.key}${i}`), 'DELETE')
    }
  }
  sdk.destroy()
  agent.destroy()
  const outcome: TransferOutcome = {
    ms,
    bytes,
    cpuMs: (cpu.user + cpu.system) / 1000,
    baseRssMiB: baseRss / MiB,
    peakRssMiB: peakRss / MiB,
    ...(hash ? { sha256: hash.digest('hex') } : {}),
  }
  await new Promise<void>((resolve, reject) =>
    process.send?.(outcome, (error: Error | null) => (error ? reject(error) : resolve())),
  )
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exitCode = 1
})

import { createHash, randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { TransferJob, TransferOutcome } from '../child/transfer'
import { runChild } from '../harness/child-process'
import { fixed, formatRatio } from '../harness/format'
import { versionOf } from '../harness/packages'
import type { Table } from '../harness/report'
import { startS3rverProcess } from '../harness/s3rver-process'
import { median, range, ratios, rotate } from '../harness/stats'
import type { Suite } from '../harness/suite'

const MiB = 1024 * 1024
const bucket = 'bench-bucket'
const candidates = ['plain', 'aury', 'sdk'] as const
type CandidateId = (typeof candidates)[number]

const labels: Record<TransferJob['op'], Record<CandidateId, string>> = {
  upload: {
    plain: 'plain HTTP PUT (floor)',
    aury: '@aury/storage-s3 S3Storage.uploadFile (stream)',
    sdk: '@aws-sdk/lib-storage Upload',
  },
  download: {
    plain: 'plain HTTP GET (floor)',
    aury: '@aury/storage-s3 S3Storage.downloadStream',
    sdk: '@aws-sdk/client-s3 GetObject stream',
  },
  'put-many': {
    plain: 'plain HTTP PUT (floor)',
    aury: '@aury/storage-s3 S3Storage.uploadFile',
    sdk: '@aws-sdk/client-s3 PutObject',
  },
  'get-many': {
    plain: 'plain HTTP GET (floor)',
    aury: '@aury/storage-s3 S3Storage.downloadFile',
    sdk: '@aws-sdk/client-s3 GetObject',
  },
}

async function writeSource(file: string, size: number): Promise<string> {
  const hash = createHash('sha256')
  const out = createWriteStream(file)
  for (let written = 0; written < size; ) {
    const chunk = randomBytes(Math.min(MiB, size - written))
    hash.update(chunk)
    if (!out.write(chunk)) await once(out, 'drain')
    written += chunk.length
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  )
  return hash.digest('hex')
}

function plainPut(endpoint: string, key: string, body: Buffer | string, size: number) {
  const url = new URL(`${endpoint}/${bucket}/${key}`)
  return new Promise<void>((resolve, reject) => {
    const req = http.request(url, { method: 'PUT', headers: { 'content-length': size } }, (res) => {
      res.resume()
      res.on('end', () =>
        (res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`seed PUT ${res.statusCode}`)),
      )
    })
    req.on('error', reject)
    if (typeof body === 'string') pipeline(createReadStream(body), req).catch(reject)
    else req.end(body)
  })
}

interface Plan {
  bigSize: number
  smallSize: number
  count: number
  concurrency: number
  partSize: number
  rounds: number
  hash: boolean
}

/**
 * Upload and download of one large object and of many 1 MiB objects against one s3rver process
 * on 127.0.0.1: S3Storage against the AWS SDK (lib-storage for the large upload) and a plain
 * HTTP request of the same bytes (the floor), each measurement in its own child process.
 */
export const transferSuite: Suite = {
  id: 'transfer',
  title: 'Upload and download throughput, peak RSS (s3rver)',
  async run({ smoke, log }) {
    const plan: Plan = smoke
      ? {
          bigSize: 8 * MiB,
          smallSize: MiB,
          count: 10,
          concurrency: 4,
          partSize: 5 * MiB,
          rounds: 1,
          hash: true,
        }
      : {
          bigSize: 256 * MiB,
          smallSize: MiB,
          count: 200,
          concurrency: 8,
          partSize: 8 * MiB,
          rounds: 3,
          hash: false,
        }
    const bigConcurrency = 4
    const work = mkdtempSync(join(tmpdir(), 'aury-bench-transfer-'))
    const file = join(work, 'source.bin')
    const sourceHash = await writeSource(file, plan.bigSize)
    const server = await startS3rverProcess([bucket])
    const samples = new Map<string, TransferOutcome[]>()
    const problems: string[] = []
    const ops: TransferJob['op'][] = ['upload', 'download', 'put-many', 'get-many']
    try {
      await plainPut(server.endpoint, 'source/big', file, plan.bigSize)
      const small = Buffer.alloc(plan.smallSize, 3)
      for (let i = 0; i < plan.count; i++) {
        await plainPut(server.endpoint, `source/small/${i}`, small, small.length)
      }
      for (const op of ops) {
        for (let round = 0; round < plan.rounds; round++) {
          for (const candidate of rotate(candidates, round)) {
            const many = op.endsWith('many')
            const job: TransferJob = {
              op,
              candidate,
              endpoint: server.endpoint,
              bucket,
              key:
                op === 'upload'
                  ? `up/${candidate}-${round}`
                  : op === 'download'
                    ? 'source/big'
                    : op === 'put-many'
                      ? `many/${candidate}-${round}/`
                      : 'source/small/',
              file,
              size: many ? plan.smallSize : plan.bigSize,
              count: many ? plan.count : 1,
              concurrency: many ? plan.concurrency : bigConcurrency,
              partSize: plan.partSize,
              hash: plan.hash && op === 'download',
            }
            const id = `${op}/${candidate}`
            try {
              const outcome = await runChild<TransferOutcome>('transfer', [JSON.stringify(job)], {
                timeoutMs: 600_000,
              })
              if (job.hash && outcome.sha256 !== sourceHash) {
                problems.push(`${id}: downloaded bytes differ from the source`)
              }
              samples.set(id, [...(samples.get(id) ?? []), outcome])
            } catch (error) {
              problems.push(`${id}: ${(error as Error).message}`)
            }
          }
        }
        log(`  ${op}: ${plan.rounds} round(s) done`)
      }
    } finally {
      await server.stop()
      rmSync(work, { recursive: true, force: true })
    }

    const tables: Table[] = []
    for (const op of ops) {
      const many = op.endsWith('many')
      const floor = (samples.get(`${op}/plain`) ?? []).map((s) => s.bytes / 1e6 / (s.ms / 1000))
      const sdk = (samples.get(`${op}/sdk`) ?? []).map((s) => s.bytes / 1e6 / (s.ms / 1000))
      const rows = candidates.map((candidate) => {
        const list = samples.get(`${op}/${candidate}`) ?? []
        if (list.length === 0) return [labels[op][candidate], 'failed', '', '', '', '', '', '']
        const mbps = list.map((s) => s.bytes / 1e6 / (s.ms / 1000))
        const vsFloor = ratios(mbps, floor)
        const vsSdk = ratios(mbps, sdk)
        const [lo, hi] = range(vsFloor)
        return [
          labels[op][candidate],
          fixed(median(mbps)),
          many ? fixed((plan.count / median(list.map((s) => s.ms))) * 1000, 0) : '',
          `${formatRatio(median(vsFloor))} (${formatRatio(lo)}–${formatRatio(hi)})`,
          formatRatio(median(vsSdk)),
          fixed(median(list.map((s) => s.peakRssMiB)), 0),
          fixed(median(list.map((s) => s.peakRssMiB - s.baseRssMiB)), 0),
          fixed(median(list.map((s) => s.cpuMs)), 0),
        ]
      })
      const what = many
        ? `${plan.count} × ${plan.smallSize / MiB} MiB ${op === 'put-many' ? 'PUT' : 'GET'}, concurrency ${plan.concurrency}`
        : `${plan.bigSize / MiB} MiB ${op}${op === 'upload' ? `, ${plan.partSize / MiB} MiB parts × ${bigConcurrency} in flight` : ''}`
      tables.push({
        caption: `**${what}**`,
        columns: [
          'candidate',
          'MB/s',
          'objects/s',
          'vs floor (range)',
          'vs SDK',
          'peak RSS MiB',
          'RSS growth MiB',
          'CPU ms',
        ],
        rows,
      })
    }
    return {
      id: 'transfer',
      title: this.title,
      method: `s3rver 3.7.1 (patched) in its own process on 127.0.0.1, data in a temp folder; every measurement is a fresh child process (warm-up PUT/GET first, then \`gc()\`), so peak RSS (\`process.resourceUsage().maxRSS\`, including Node, tsx and the loaded modules) is the candidate's own. ${plan.rounds} round(s), candidates interleaved with the order rotated each round; ratios are per round. Uploads stream a random file from disk; downloads are consumed and discarded${plan.hash ? ' (and hashed, to prove the bytes)' : ''}. The SDK client and S3Storage both use path style and \`WHEN_REQUIRED\` checksums (s3rver stores aws-chunked framing otherwise).`,
      tables,
      goals: [],
      notes: [
        'The floor is a plain `node:http` request of the same bytes to the same server, without signing or the S3 client stack; it bounds what any S3 client can reach against s3rver on this machine.',
        '"RSS growth" is peak RSS minus the RSS after warm-up: the memory the transfer itself needed. For the streaming upload it should stay near part size × parts in flight × a small factor.',
      ],
      data: {
        plan,
        samples: Object.fromEntries(samples),
        versions: ['@aury/storage-s3', '@aws-sdk/client-s3', '@aws-sdk/lib-storage', 's3rver'].map(
          versionOf,
        ),
        problems,
      },
    }
  },
}

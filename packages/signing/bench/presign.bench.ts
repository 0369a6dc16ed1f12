// biome-ignore-all lint/suspicious/noConsole: benchmark output
// Presign throughput: ours (node:crypto and WebCrypto builds) vs a minimal node:crypto floor with
// a cached key, @smithy/signature-v4 presign and @aws-sdk getSignedUrl. Interleaved rounds with
// rotating order; reports median ops/s and the median of per-round ratios.
// Run: npx tsx bench/presign.bench.ts   (not part of the tests)
import { createHash, createHmac } from 'node:crypto'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import { presignV4 } from '../src/index'
import { presignV4 as presignV4Web } from '../src/web/index'

const creds = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/TOKEN+abc=',
}
const region = 'us-east-1'
const host = 'bucket.s3.us-east-1.amazonaws.com'
const key = 'user/42/photo.jpg'
const date = new Date('2024-05-01T10:00:00Z')

// The floor: the least work a correct SigV4 presign can do, with the signing key cached.
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
const floorKey = ['20240501', region, 's3', 'aws4_request'].reduce<Buffer | string>(
  (k, part) => createHmac('sha256', k).update(part).digest(),
  `AWS4${creds.secretAccessKey}`,
)
function floor(): string {
  const amz = date.toISOString().replace(/[-:]|\.\d+/g, '')
  const scope = `${amz.slice(0, 8)}/${region}/s3/aws4_request`
  const query = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${enc(`${creds.accessKeyId}/${scope}`)}&X-Amz-Date=${amz}&X-Amz-Expires=900&X-Amz-Security-Token=${enc(creds.sessionToken)}&X-Amz-SignedHeaders=host`
  const canonical = `GET\n/${key}\n${query}\nhost:${host}\n\nhost\nUNSIGNED-PAYLOAD`
  const sts = `AWS4-HMAC-SHA256\n${amz}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`
  return `https://${host}/${key}?${query}&X-Amz-Signature=${createHmac('sha256', floorKey).update(sts).digest('hex')}`
}

const smithy = new SignatureV4({
  credentials: creds,
  region,
  service: 's3',
  sha256: Hash.bind(null, 'sha256'),
  uriEscapePath: false,
})
const s3 = new S3Client({ region, credentials: creds })
const options = { ...creds, region, service: 's3', date, expiresIn: 900 }
const request = { method: 'GET', url: `https://${host}/${key}` }

type Candidate = [name: string, run: () => unknown | Promise<unknown>]
const candidates: Candidate[] = [
  ['floor: minimal node:crypto, key cached', floor],
  ['@aury/signing presignV4 (node:crypto)', () => presignV4(request, options)],
  ['@aury/signing presignV4 (WebCrypto)', () => presignV4Web(request, options)],
  [
    '@smithy/signature-v4 presign + URL',
    async () => {
      const r = await smithy.presign(
        {
          method: 'GET',
          protocol: 'https:',
          hostname: host,
          path: `/${key}`,
          query: {},
          headers: { host },
          body: {},
        } as never,
        { signingDate: date, expiresIn: 900 },
      )
      const q = Object.entries(r.query ?? {})
        .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
        .join('&')
      return `https://${host}${r.path}?${q}`
    },
  ],
  [
    '@aws-sdk getSignedUrl',
    () =>
      getSignedUrl(s3, new GetObjectCommand({ Bucket: 'bucket', Key: key }), { expiresIn: 900 }),
  ],
].filter(([name], i) => i === 0 || !process.env.ONLY || name.includes(process.env.ONLY))

async function measure(run: Candidate[1], ms: number): Promise<number> {
  let n = 0
  const start = performance.now()
  let now = start
  while (now - start < ms) {
    for (let i = 0; i < 50; i++) {
      const r = run()
      if (r instanceof Promise) await r
    }
    n += 50
    now = performance.now()
  }
  return (n * 1000) / (now - start)
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

const ROUNDS = Number(process.env.ROUNDS ?? 7)
const MS = Number(process.env.ROUND_MS ?? 400)
for (const [, run] of candidates) await measure(run, 100) // warm-up
const ops = new Map<string, number[]>(candidates.map(([n]) => [n, []]))
const ratios = new Map<string, number[]>(candidates.map(([n]) => [n, []]))
for (let round = 0; round < ROUNDS; round++) {
  const order = candidates.map((_, i) => candidates[(i + round) % candidates.length]!)
  const result = new Map<string, number>()
  for (const [name, run] of order) {
    ;(globalThis as { gc?: () => void }).gc?.()
    result.set(name, await measure(run, MS))
  }
  const base = result.get(candidates[0]![0])!
  for (const [name, value] of result) {
    ops.get(name)!.push(value)
    ratios.get(name)!.push(value / base)
  }
}
console.log(
  `node ${process.version}, ${ROUNDS} rounds x ${MS} ms, ratio vs floor (median of per-round ratios)`,
)
for (const [name] of candidates) {
  const o = median(ops.get(name)!)
  console.log(
    `${name.padEnd(42)} ${Math.round(o).toString().padStart(8)} ops/s  ratio ${median(ratios.get(name)!).toFixed(3)}`,
  )
}
const ours = ratios.get('@aury/signing presignV4 (node:crypto)')
const sdk = ratios.get('@aws-sdk getSignedUrl')
if (ours && sdk) {
  console.log(`ours / getSignedUrl: ${median(ours.map((r, i) => r / sdk[i]!)).toFixed(1)}x`)
}

// Presigned GET URLs per second: S3Storage.getFileUrl (signed by @aury/signing's presignV4)
// against @smithy/signature-v4 `presign` and @aws-sdk's `getSignedUrl`, same credentials, same
// object. Interleaved rounds with rotating order; ratios per round, medians reported.
//
//   pnpm --filter @aury/storage-s3 bench:presign
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import { S3Storage } from '../src/index'

const ROUNDS = Number(process.env.ROUNDS ?? 7)
const ROUND_MS = Number(process.env.ROUND_MS ?? 400)
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FQoGZXIvYXdzEXAMPLETOKENxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
}
const bucket = 'examplebucket'
const region = 'us-east-1'
const key = 'user/42/photos/a photo.jpg'

const storage = new S3Storage({
  backend: 's3',
  bucketName: bucket,
  region,
  accessKeyId: credentials.accessKeyId,
  accessKeySecret: credentials.secretAccessKey,
  sessionToken: credentials.sessionToken,
})
const client = new S3Client({ region, credentials })
const signer = new SignatureV4({
  service: 's3',
  region,
  credentials,
  sha256: Hash.bind(null, 'sha256'),
  uriEscapePath: false,
  applyChecksum: false,
})
const host = `${bucket}.s3.${region}.amazonaws.com`
const path = `/${key.split('/').map(encodeURIComponent).join('/')}`

const candidates: Record<string, () => Promise<string>> = {
  'aury S3Storage.getFileUrl': () => storage.getFileUrl(key, { expiresIn: 900 }),
  '@smithy/signature-v4 presign': async () => {
    const signed = await signer.presign(
      { method: 'GET', protocol: 'https:', hostname: host, path, headers: { host }, query: {} },
      { expiresIn: 900 },
    )
    const query = Object.entries(signed.query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&')
    return `https://${host}${signed.path}?${query}`
  },
  '@aws-sdk getSignedUrl': () =>
    getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 900 }),
}

async function measure(fn: () => Promise<string>, ms: number): Promise<number> {
  let n = 0
  const start = performance.now()
  const end = start + ms
  let now = start
  while (now < end) {
    for (let i = 0; i < 20; i++) await fn()
    n += 20
    now = performance.now()
  }
  return n / ((now - start) / 1000)
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

// Sanity: every candidate signs the same object URL.
for (const [name, fn] of Object.entries(candidates)) {
  const url = new URL(await fn())
  if (url.host !== host || !url.searchParams.get('X-Amz-Signature')) throw new Error(name)
}
const names = Object.keys(candidates)
for (const fn of Object.values(candidates)) await measure(fn, 200) // warm-up
const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
const ratios: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
for (let round = 0; round < ROUNDS; round++) {
  const order = names.map((_, i) => names[(i + round) % names.length] as string)
  const row: Record<string, number> = {}
  for (const name of order) {
    ;(globalThis as { gc?: () => void }).gc?.()
    row[name] = await measure(candidates[name] as () => Promise<string>, ROUND_MS)
    rates[name]?.push(row[name] as number)
  }
  for (const name of names)
    ratios[name]?.push((row[name] as number) / (row[names[0] as string] as number))
}
process.stdout.write(
  `presigned GET URLs per second, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms\n`,
)
process.stdout.write('| candidate | median URLs/s | median ratio to aury |\n|---|---:|---:|\n')
for (const name of names) {
  process.stdout.write(
    `| ${name} | ${median(rates[name] as number[]).toFixed(0)} | ${median(ratios[name] as number[]).toFixed(3)} |\n`,
  )
}
storage.destroy()
client.destroy()

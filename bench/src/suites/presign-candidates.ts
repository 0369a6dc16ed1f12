import { createRequire } from 'node:module'
import { minimalPresign } from '../floor/minimal-presign'
import type { Candidate } from '../harness/interleave'
import type { Check, MicroDefinition, Missing } from '../harness/micro-suite'
import { loadExport } from '../harness/packages'

/** Fixed inputs: a session-token GET of an object whose key needs encoding. */
export const presignWorkload = {
  bucket: 'examplebucket',
  key: 'uploads/user-123/photo 2026 (1).jpg',
  region: 'us-east-1',
  expiresIn: 900,
  credentials: {
    accessKeyId: 'ASIAEXAMPLEBENCH0001',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    sessionToken:
      'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDbenchmarkTokenOnlyNotARealOne+abc=',
  },
} as const

export const FLOOR = 'minimal node:crypto presign, key cached (floor)'
export const OURS = '@aury/signing presignV4'
export const GET_SIGNED_URL = '@aws-sdk getSignedUrl(S3Client, GetObjectCommand)'

const checkDate = new Date('2026-12-03T12:34:56Z')

function encodeKey(key: string): string {
  return key
    .split('/')
    .map((part) =>
      encodeURIComponent(part).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/')
}

const signatureOf = (url: string) => new URL(url).searchParams.get('X-Amz-Signature') ?? ''

type Signer = (date?: Date) => Promise<string> | string

/**
 * SigV4 presigned GET URLs: ours against the AWS SDK (`getSignedUrl`, smithy `SignatureV4`),
 * aws4fetch, minio and a minimal node:crypto floor. Every signer is created once and reused, as
 * a server would; each call formats its own date. Before timing, every signer signs the same GET
 * at a fixed date and must produce the floor's signature (`getSignedUrl` signs two more query
 * parameters by design, so it is only checked for shape).
 */
export async function definePresign(): Promise<MicroDefinition> {
  const { bucket, key, region, expiresIn, credentials } = presignWorkload
  const host = `${bucket}.s3.${region}.amazonaws.com`
  const encodedUrl = `https://${host}/${encodeKey(key)}`
  const signers = new Map<string, Signer>()
  const missing: Missing[] = []
  const notes: Record<string, string> = {}

  // Inputs are built once, as a server holding its configuration would; only a check passes a date.
  const floorInput = { host, key, ...credentials, region, expiresIn }
  signers.set(FLOOR, (date) => minimalPresign(date ? { ...floorInput, date } : floorInput))
  notes[FLOOR] = 'written in the bench: 1 SHA-256 + 1 HMAC, signing key cached per day'

  const presignV4 = await loadExport<
    (request: unknown, options: Record<string, unknown>) => Promise<string>
  >('@aury/signing', 'presignV4')
  if (presignV4.ok) {
    const sign = presignV4.value
    const options = { ...credentials, region, service: 's3', expiresIn }
    signers.set(OURS, (date) =>
      sign({ method: 'GET', url: encodedUrl }, date ? { ...options, date } : options),
    )
    notes[OURS] = 'node:crypto build, a new Date per call'
  } else missing.push({ name: OURS, reason: presignV4.reason })

  const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3')
  const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner')
  const client = new S3Client({ region, credentials })
  signers.set(GET_SIGNED_URL, (date) =>
    getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn,
      ...(date ? { signingDate: date } : {}),
    }),
  )
  notes[GET_SIGNED_URL] = 'one S3Client, a new GetObjectCommand per call'

  const { SignatureV4 } = await import('@smithy/signature-v4')
  const { Hash } = await import('@smithy/hash-node')
  const presignerRequire = createRequire(require_resolve('@aws-sdk/s3-request-presigner'))
  const { formatUrl } = presignerRequire('@aws-sdk/core/util') as {
    formatUrl: (request: unknown) => string
  }
  const smithy = new SignatureV4({
    credentials,
    region,
    service: 's3',
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: false,
  })
  const smithyName = '@smithy/signature-v4 presign + formatUrl'
  const unsigned = new Set(['x-amz-content-sha256'])
  signers.set(smithyName, async (date) => {
    const request = await smithy.presign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname: host,
        path: `/${encodeKey(key)}`,
        headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        query: {},
      },
      {
        expiresIn,
        unsignableHeaders: unsigned,
        unhoistableHeaders: unsigned,
        ...(date ? { signingDate: date } : {}),
      },
    )
    return formatUrl(request)
  })
  notes[smithyName] = 'one SignatureV4 with @smithy/hash-node, unsigned payload'

  const { AwsV4Signer } = await import('aws4fetch')
  const aws4fetchName = 'aws4fetch AwsV4Signer (signQuery)'
  const aws4fetchCache = new Map<string, ArrayBuffer>()
  signers.set(aws4fetchName, async (date) => {
    const signer = new AwsV4Signer({
      url: `${encodedUrl}?X-Amz-Expires=${expiresIn}`,
      method: 'GET',
      ...credentials,
      region,
      service: 's3',
      signQuery: true,
      cache: aws4fetchCache,
      ...(date ? { datetime: date.toISOString().replace(/[:-]|\.\d{3}/g, '') } : {}),
    })
    return (await signer.sign()).url.toString()
  })
  notes[aws4fetchName] = 'WebCrypto, signing-key cache shared between calls'

  const Minio = await import('minio')
  const minio = new Minio.Client({
    endPoint: 's3.amazonaws.com',
    useSSL: true,
    accessKey: credentials.accessKeyId,
    secretKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    region,
  })
  const minioName = 'minio presignedGetObject (region set)'
  signers.set(minioName, (date) => minio.presignedGetObject(bucket, key, expiresIn, {}, date))
  notes[minioName] = 'region given, so no bucket-location request'

  const expected = signatureOf(await signers.get(FLOOR)!(checkDate))
  const checks: Check[] = []
  for (const [name, sign] of signers) {
    try {
      const url = await sign(checkDate)
      const signature = signatureOf(url)
      if (name === GET_SIGNED_URL) {
        const params = new URL(url).searchParams
        const ok =
          /^[0-9a-f]{64}$/.test(signature) &&
          params.get('X-Amz-Expires') === String(expiresIn) &&
          params.get('X-Amz-Security-Token') === credentials.sessionToken
        checks.push({ name, ok, detail: 'shape only: signs x-id and x-amz-checksum-mode too' })
      } else {
        const ok = signature === expected
        checks.push({ name, ok, detail: ok ? 'same signature as the floor' : `got ${url}` })
      }
    } catch (error) {
      checks.push({ name, ok: false, detail: `threw ${(error as Error).message}` })
    }
  }

  const candidates: Candidate[] = [...signers].map(([name, sign]) => ({
    name,
    run: () => sign(),
    async: name !== FLOOR,
  }))
  return {
    baseline: FLOOR,
    candidates,
    missing,
    checks,
    notes,
    packages: [
      '@aury/signing',
      '@aws-sdk/client-s3',
      '@aws-sdk/s3-request-presigner',
      '@smithy/signature-v4',
      '@smithy/hash-node',
      'aws4fetch',
      'minio',
    ],
  }
}

function require_resolve(specifier: string): string {
  return createRequire(import.meta.url).resolve(specifier)
}

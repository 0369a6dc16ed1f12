import { createHash, createHmac } from 'node:crypto'

/** Inputs of the floor presigner: one GET, host-only signed header, unsigned payload. */
export interface MinimalPresignInput {
  host: string
  /** Object key, not yet encoded. */
  key: string
  /** Path prefix before the key, e.g. `/bucket` for path style or '' for virtual-host style. */
  pathPrefix?: string
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  region: string
  service?: string
  expiresIn: number
  date?: Date
  protocol?: 'https' | 'http'
}

const keyCache = new Map<string, Buffer>()

function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}

function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${day}/${region}/${service}/${secret}`
  let key = keyCache.get(id)
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request')
    if (keyCache.size > 64) keyCache.clear()
    keyCache.set(id, key)
  }
  return key
}

/**
 * The floor every SigV4 presigner is measured against: the least work a correct node:crypto
 * presign can do (one SHA-256, one HMAC with the signing key cached per day, region and service,
 * plus the string building). Written for the benchmark; not a library.
 */
export function minimalPresign(input: MinimalPresignInput): string {
  const service = input.service ?? 's3'
  const amzDate = (input.date ?? new Date()).toISOString().replace(/[-:]|\.\d{3}/g, '')
  const day = amzDate.slice(0, 8)
  const scope = `${day}/${input.region}/${service}/aws4_request`
  const path = `${input.pathPrefix ?? ''}/${encode(input.key).replaceAll('%2F', '/')}`
  let query =
    'X-Amz-Algorithm=AWS4-HMAC-SHA256' +
    `&X-Amz-Credential=${encode(`${input.accessKeyId}/${scope}`)}` +
    `&X-Amz-Date=${amzDate}&X-Amz-Expires=${input.expiresIn}`
  if (input.sessionToken) query += `&X-Amz-Security-Token=${encode(input.sessionToken)}`
  query += '&X-Amz-SignedHeaders=host'
  const canonical = `GET\n${path}\n${query}\nhost:${input.host}\n\nhost\nUNSIGNED-PAYLOAD`
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`
  const signature = createHmac(
    'sha256',
    signingKey(input.secretAccessKey, day, input.region, service),
  )
    .update(stringToSign)
    .digest('hex')
  return `${input.protocol ?? 'https'}://${input.host}${path}?${query}&X-Amz-Signature=${signature}`
}

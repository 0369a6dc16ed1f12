import { createHash, createHmac } from 'node:crypto'

/** Inputs of the floor TC3 signer: a JSON POST signed over `content-type;host`. */
export interface MinimalTC3Input {
  host: string
  service: string
  secretId: string
  secretKey: string
  /** Seconds since the epoch. */
  timestamp: number
  contentType: string
  body: string
}

const keyCache = new Map<string, Buffer>()

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}

/**
 * The floor for TC3-HMAC-SHA256: two SHA-256 and one HMAC with the derived key cached per day and
 * service, plus the string building. Returns the `Authorization` header value. Written for the
 * benchmark; not a library.
 */
export function minimalTC3(input: MinimalTC3Input): string {
  const day = new Date(input.timestamp * 1000).toISOString().slice(0, 10)
  const cacheId = `${day}/${input.service}/${input.secretKey}`
  let key = keyCache.get(cacheId)
  if (!key) {
    key = hmac(hmac(hmac(`TC3${input.secretKey}`, day), input.service), 'tc3_request')
    if (keyCache.size > 64) keyCache.clear()
    keyCache.set(cacheId, key)
  }
  const payloadHash = createHash('sha256').update(input.body).digest('hex')
  const canonical = `POST\n/\n\ncontent-type:${input.contentType}\nhost:${input.host}\n\ncontent-type;host\n${payloadHash}`
  const scope = `${day}/${input.service}/tc3_request`
  const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex')
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`
}

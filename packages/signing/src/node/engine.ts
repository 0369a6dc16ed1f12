import * as nodeCrypto from 'node:crypto'
import { lruGet, lruSet, SIGNING_KEY_CACHE_SIZE } from '../bounded-cache'
import type { CryptoEngine } from '../crypto-engine'
import { encodePathFast } from '../encode-path-fast'

const { createHash, createHmac, randomBytes } = nodeCrypto
// crypto.hash (Node >= 20.12) is a one-shot digest about 3x cheaper than createHash.
const oneShotHash = (
  nodeCrypto as { hash?: (alg: string, data: string | Uint8Array, enc: 'hex') => string }
).hash

const cache = new Map<string, Buffer>()

function sha256Hex(data: string | Uint8Array): string {
  if (oneShotHash) return oneShotHash('sha256', data, 'hex')
  return createHash('sha256').update(data).digest('hex')
}

let lastSecret = ''
let lastParts: readonly string[] = []
let lastKey: Buffer | undefined

function derivedKey(secret: string, parts: readonly string[]): Buffer {
  // Fast path: the same scope as the previous call (no string building, no map traffic).
  if (lastKey !== undefined && secret === lastSecret && parts.length === lastParts.length) {
    let i = 0
    while (i < parts.length && parts[i] === lastParts[i]) i++
    if (i === parts.length) return lastKey
  }
  const id = `${parts.join('\n')}\n${secret}`
  let key = lruGet(cache, id)
  if (key === undefined) {
    let k: string | Buffer = secret
    for (const part of parts) k = createHmac('sha256', k).update(part).digest()
    key = k as Buffer
    lruSet(cache, id, key, SIGNING_KEY_CACHE_SIZE)
  }
  lastSecret = secret
  lastParts = parts
  lastKey = key
  return key
}

/** The node:crypto engine: synchronous, with derived keys cached as Buffers. */
export const nodeEngine: CryptoEngine<Buffer> = {
  sha256Hex,
  hmacSha256: (key, data) => new Uint8Array(createHmac('sha256', key).update(data).digest()),
  hmacSha1Base64: (key, data) => createHmac('sha1', key).update(data).digest('base64'),
  derivedKey,
  hmacHexWithKey: (key, data) => createHmac('sha256', key).update(data).digest('hex'),
  hmacHexWithSecret: (secret, data) => createHmac('sha256', secret).update(data).digest('hex'),
  randomHex: (bytes) => randomBytes(bytes).toString('hex'),
  encodePath: encodePathFast,
  cacheSize: () => cache.size,
}

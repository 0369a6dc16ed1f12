import type * as NodeCrypto from 'node:crypto'
import { createRequire } from 'node:module'
import { lruGet, lruSet, SIGNING_KEY_CACHE_SIZE } from '../bounded-cache'
import type { CryptoEngine, SyncEngine } from '../crypto-engine'
import { encodePathFast } from '../encode-path-fast'

type Crypto = typeof NodeCrypto & {
  // crypto.hash (Node >= 20.12) is a one-shot digest about 3x cheaper than createHash.
  hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string
}

let createHash: Crypto['createHash']
let createHmac: Crypto['createHmac']
let randomBytes: Crypto['randomBytes']
let oneShotHash: Crypto['hash']

// node:crypto is loaded on first use, not at import: loading it costs several milliseconds of
// start-up (about a quarter of a provider's cold import), and a process that imports a signer
// signs nothing until its first request. `process.getBuiltinModule` exists from Node 20.16.
function load(): void {
  const getBuiltin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule
  const crypto = (getBuiltin?.('node:crypto') ??
    createRequire(`${process.cwd()}/`)('node:crypto')) as Crypto
  createHmac = crypto.createHmac
  randomBytes = crypto.randomBytes
  oneShotHash = crypto.hash
  createHash = crypto.createHash
}

const cache = new Map<string, Buffer>()

function sha256Hex(data: string | Uint8Array): string {
  if (createHash === undefined) load()
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
  if (createHmac === undefined) load()
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

/** An HMAC of `key`, loading node:crypto on first use. */
function hmac(algorithm: string, key: string | Uint8Array) {
  if (createHmac === undefined) load()
  return createHmac(algorithm, key)
}

/** The node:crypto engine: synchronous, with derived keys cached as Buffers. */
export const nodeEngine: SyncEngine<CryptoEngine<Buffer>> = {
  sha256Hex,
  hmacSha256: (key, data) => new Uint8Array(hmac('sha256', key).update(data).digest()),
  hmacSha1Base64: (key, data) => hmac('sha1', key).update(data).digest('base64'),
  derivedKey,
  hmacHexWithKey: (key, data) => hmac('sha256', key).update(data).digest('hex'),
  hmacHexWithSecret: (secret, data) => hmac('sha256', secret).update(data).digest('hex'),
  randomHex: (bytes) => {
    if (randomBytes === undefined) load()
    return randomBytes(bytes).toString('hex')
  },
  encodePath: encodePathFast,
  sync: true,
  cacheSize: () => cache.size,
}

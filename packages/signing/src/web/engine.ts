import { StorageSDKError } from '@aury/errors'
import { SIGNING_KEY_CACHE_SIZE } from '../bounded-cache'
import type { CryptoEngine } from '../crypto-engine'
import { toHex } from '../to-hex'
import { utf8 } from '../uri-encode'

const cache = new Map<string, Promise<CryptoKey>>()

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle
  if (!s) {
    throw new StorageSDKError('WebCrypto (crypto.subtle) is unavailable', {
      code: 'Unsupported',
    })
  }
  return s
}

function bytes(data: string | Uint8Array | ArrayBuffer): BufferSource {
  return typeof data === 'string' ? utf8.encode(data) : (data as BufferSource)
}

function importHmac(
  key: string | Uint8Array | ArrayBuffer,
  hash: 'SHA-256' | 'SHA-1' = 'SHA-256',
): Promise<CryptoKey> {
  return subtle().importKey('raw', bytes(key), { name: 'HMAC', hash }, false, ['sign'])
}

async function sign(key: CryptoKey, data: string | Uint8Array): Promise<ArrayBuffer> {
  return subtle().sign('HMAC', key, bytes(data))
}

/** Hex SHA-256 through `crypto.subtle.digest`. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return toHex(await subtle().digest('SHA-256', bytes(data)))
}

/** HMAC-SHA256 with a raw key. */
export async function hmacSha256(
  key: string | Uint8Array,
  data: string | Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(await sign(await importHmac(key), data))
}

async function derive(secret: string, parts: readonly string[]): Promise<CryptoKey> {
  let k: string | ArrayBuffer = secret
  for (const part of parts) k = await sign(await importHmac(k), part)
  return importHmac(k)
}

/** The derived signing key as a non-extractable CryptoKey, cached (LRU, 64 entries). */
export function derivedKey(secret: string, parts: readonly string[]): Promise<CryptoKey> {
  const id = `${parts.join('\n')}\n${secret}`
  let key = cache.get(id)
  // Least recently used first: a hit moves to the back, a miss evicts the front when full.
  cache.delete(id)
  if (key === undefined) {
    if (cache.size >= SIGNING_KEY_CACHE_SIZE) cache.delete(cache.keys().next().value!)
    key = derive(secret, parts)
    // A failed derivation must not stay cached.
    key.catch(() => cache.delete(id))
  }
  cache.set(id, key)
  return key
}

/** Hex HMAC-SHA256 with a derived key. */
export async function hmacHexWithKey(key: CryptoKey, data: string): Promise<string> {
  return toHex(await sign(key, data))
}

/** Hex HMAC-SHA256 with a raw secret. */
export async function hmacHexWithSecret(secret: string, data: string): Promise<string> {
  return toHex(await sign(await importHmac(secret), data))
}

/** Base64 HMAC-SHA1 with a raw secret. */
export async function hmacSha1Base64(key: string, data: string): Promise<string> {
  let s = ''
  for (const b of new Uint8Array(await sign(await importHmac(key, 'SHA-1'), data))) {
    s += String.fromCharCode(b)
  }
  return btoa(s)
}

/** `n` random bytes as hex. */
export function randomHex(n: number): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(n)))
}

/** The WebCrypto engine (browsers, workers, Deno, Node): derived keys cached as CryptoKeys. */
export const webEngine: CryptoEngine<CryptoKey> = {
  sha256Hex,
  hmacSha256,
  hmacSha1Base64,
  derivedKey,
  hmacHexWithKey,
  hmacHexWithSecret,
  randomHex,
  cacheSize: () => cache.size,
}

import { StorageSDKError } from '@aury/errors'
import { BoundedCache, SIGNING_KEY_CACHE_SIZE } from '../bounded-cache'
import type { CryptoEngine } from '../crypto-engine'
import { toHex } from '../to-hex'

const encoder = new TextEncoder()
const cache = new BoundedCache<string, Promise<CryptoKey>>(SIGNING_KEY_CACHE_SIZE)

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle
  if (!s) {
    throw new StorageSDKError('WebCrypto (crypto.subtle) is not available in this runtime', {
      code: 'Unsupported',
    })
  }
  return s
}

function bytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return (typeof data === 'string' ? encoder.encode(data) : data) as Uint8Array<ArrayBuffer>
}

function importHmac(key: string | Uint8Array, hash: 'SHA-256' | 'SHA-1'): Promise<CryptoKey> {
  return subtle().importKey('raw', bytes(key), { name: 'HMAC', hash }, false, ['sign'])
}

async function hmac(key: string | Uint8Array, data: string | Uint8Array): Promise<Uint8Array> {
  const k = await importHmac(key, 'SHA-256')
  return new Uint8Array(await subtle().sign('HMAC', k, bytes(data)))
}

async function derive(secret: string, parts: readonly string[]): Promise<CryptoKey> {
  let k: string | Uint8Array = secret
  for (const part of parts) k = await hmac(k, part)
  return importHmac(k, 'SHA-256')
}

function derivedKey(secret: string, parts: readonly string[]): Promise<CryptoKey> {
  const id = `${parts.join('\n')}\n${secret}`
  let key = cache.get(id)
  if (key === undefined) {
    key = derive(secret, parts)
    cache.set(id, key)
    // A failed derivation must not stay cached.
    key.catch(() => cache.delete(id))
  }
  return key
}

function base64(buf: ArrayBuffer): string {
  let s = ''
  for (const b of new Uint8Array(buf)) s += String.fromCharCode(b)
  return btoa(s)
}

/** The WebCrypto engine (browsers, workers, Deno, Node): derived keys cached as CryptoKeys. */
export const webEngine: CryptoEngine<CryptoKey> = {
  sha256Hex: async (data) => toHex(await subtle().digest('SHA-256', bytes(data))),
  hmacSha256: hmac,
  hmacSha1Base64: async (key, data) =>
    base64(await subtle().sign('HMAC', await importHmac(key, 'SHA-1'), bytes(data))),
  derivedKey,
  hmacHexWithKey: async (key, data) => toHex(await subtle().sign('HMAC', key, bytes(data))),
  hmacHexWithSecret: async (secret, data) =>
    toHex(await subtle().sign('HMAC', await importHmac(secret, 'SHA-256'), bytes(data))),
  randomHex: (n) => toHex(globalThis.crypto.getRandomValues(new Uint8Array(n))),
  cacheSize: () => cache.size,
}

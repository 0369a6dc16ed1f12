import type { MaybePromise } from './types'

/**
 * The primitives a signer needs. The node:crypto engine answers synchronously; the WebCrypto
 * engine returns promises. Signing flows `await` every call, so one flow serves both.
 */
export interface CryptoEngine<Key = unknown> {
  /** Hex SHA-256 of a UTF-8 string or bytes. */
  sha256Hex(data: string | Uint8Array): MaybePromise<string>
  /** HMAC-SHA256 with a raw key. */
  hmacSha256(key: string | Uint8Array, data: string | Uint8Array): MaybePromise<Uint8Array>
  /** Base64 HMAC-SHA1 (Aliyun RPC v1). */
  hmacSha1Base64(key: string, data: string): MaybePromise<string>
  /**
   * The derived key `HMAC(...HMAC(HMAC(secret, parts[0]), parts[1])..., parts[n])`, cached per
   * (secret, parts) in a bounded LRU cache.
   */
  derivedKey(secret: string, parts: readonly string[]): MaybePromise<Key>
  /** Hex HMAC-SHA256 with a derived key. */
  hmacHexWithKey(key: Key, data: string): MaybePromise<string>
  /** Hex HMAC-SHA256 with a raw string key (ACS3: no derivation). */
  hmacHexWithSecret(secret: string, data: string): MaybePromise<string>
  /** `bytes` random bytes as hex. */
  randomHex(bytes: number): string
  /** A faster `encodePath` with the same output, where the build can afford the bytes. */
  encodePath?(path: string): string
  /** `true` when every method answers at once (node:crypto): flows may skip their `await`s. */
  sync?: true
  /** Number of cached derived keys (for tests). */
  cacheSize(): number
}

/** What SigV4, TC3 and POST-policy signing use: a bundle of `presignV4` carries no more. */
export type KeyedEngine<K> = Pick<
  CryptoEngine<K>,
  'sha256Hex' | 'derivedKey' | 'hmacHexWithKey' | 'encodePath' | 'sync'
>

/** What ACS3 signing uses. */
export type SecretEngine = Pick<CryptoEngine, 'sha256Hex' | 'hmacHexWithSecret' | 'randomHex'>

/** What Aliyun RPC v1 signing uses. */
export type Sha1Engine = Pick<CryptoEngine, 'hmacSha1Base64' | 'randomHex'>

/** An engine whose answers are ready at once (node:crypto), for flows that need no `await`. */
export type SyncEngine<E> = {
  [M in keyof E]: E[M] extends ((...args: infer A) => infer R) | undefined
    ? (...args: A) => Awaited<R>
    : E[M]
}

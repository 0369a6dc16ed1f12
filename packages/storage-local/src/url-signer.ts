import { ErrorCode, ValidationError } from '@aury/errors'

/** What a signed local URL grants. */
export interface UrlGrant {
  /** `GET` (also serves `HEAD`), `PUT` or `POST`. */
  method: 'GET' | 'PUT' | 'POST'
  bucket: string
  key: string
  /** Unix seconds. */
  expires: number
  /** An upload must declare exactly this type. */
  contentType?: string
  /** An upload may not exceed this many bytes. */
  maxSize?: number
  /** Extra signed form fields (presigned POST). */
  fields?: Record<string, string>
}

/** Options of {@link UrlSigner}. */
export interface UrlSignerOptions {
  /** HMAC-SHA256 key; at least 16 bytes (32 random bytes recommended). */
  secret: string | Uint8Array
  /** Clock in ms, injectable for tests. Defaults to `Date.now`. */
  now?: () => number
  /** WebCrypto implementation. Defaults to `globalThis.crypto`. */
  crypto?: Crypto
}

const encoder = new TextEncoder()

/** Query parameter names of signed local URLs. */
export const SIGNED_URL_PARAMS = {
  method: 'x-aury-method',
  expires: 'x-aury-expires',
  contentType: 'x-aury-content-type',
  maxSize: 'x-aury-max-size',
  signature: 'x-aury-signature',
} as const

/**
 * Compare two byte arrays in time that depends only on their length (both are fixed-length
 * HMAC digests here). Unequal lengths are simply unequal.
 *
 * @example
 * ```ts
 * timingSafeEqual(expectedMac, givenMac) // boolean
 * ```
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}

function hexToBytes(hex: string): Uint8Array | undefined {
  if (!/^[0-9a-f]{64}$/.test(hex)) return undefined
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}

/** The canonical text that is MACed; every field is bound, so none can be swapped. */
function stringToSign(grant: UrlGrant): string {
  const fields = Object.entries(grant.fields ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return [
    'AURY1-HMAC-SHA256',
    grant.method,
    grant.bucket,
    grant.key,
    String(grant.expires),
    grant.contentType ?? '',
    grant.maxSize === undefined ? '' : String(grant.maxSize),
    JSON.stringify(fields),
  ].join('\n')
}

/** Why a signature was refused. */
export type VerifyFailure = 'malformed' | 'expired' | 'mismatch'

/**
 * Signs and verifies local URL grants with HMAC-SHA256 (WebCrypto, so it runs anywhere).
 * Method, bucket, key, expiry, content type, size limit and extra fields are all bound into the
 * MAC; verification checks expiry first, then compares fixed-length digests in constant time.
 *
 * @example
 * ```ts
 * const signer = new UrlSigner({ secret: process.env.LOCAL_URL_SECRET! })
 * const sig = await signer.sign({
 *   method: 'GET',
 *   bucket: 'default',
 *   key: 'a.txt',
 *   expires: 1900000000,
 * })
 * ```
 */
export class UrlSigner {
  readonly #now: () => number
  readonly #key: Promise<CryptoKey>

  constructor(options: UrlSignerOptions) {
    const secret =
      typeof options.secret === 'string' ? encoder.encode(options.secret) : options.secret
    if (!(secret instanceof Uint8Array) || secret.length < 16) {
      throw new ValidationError('signingSecret must be at least 16 bytes', {
        code: ErrorCode.InvalidConfig,
        field: 'signingSecret',
      })
    }
    this.#now = options.now ?? Date.now
    const subtle = (options.crypto ?? globalThis.crypto).subtle
    this.#key = subtle.importKey(
      'raw',
      new Uint8Array(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    this.#key.catch(() => undefined)
    this.#subtle = subtle
  }

  readonly #subtle: SubtleCrypto

  /** The current time in Unix seconds. */
  nowSeconds(): number {
    return Math.floor(this.#now() / 1000)
  }

  /** The hex HMAC of a grant. */
  async sign(grant: UrlGrant): Promise<string> {
    const mac = await this.#subtle.sign(
      'HMAC',
      await this.#key,
      encoder.encode(stringToSign(grant)),
    )
    return toHex(new Uint8Array(mac))
  }

  /**
   * Check `signature` for `grant`: `undefined` when valid, else why not. Expiry is checked
   * first; the comparison is constant-time over the 32-byte digest.
   */
  async verify(grant: UrlGrant, signature: string): Promise<VerifyFailure | undefined> {
    const given = hexToBytes(signature)
    if (!given || !Number.isSafeInteger(grant.expires)) return 'malformed'
    if (grant.expires < this.nowSeconds()) return 'expired'
    const mac = await this.#subtle.sign(
      'HMAC',
      await this.#key,
      encoder.encode(stringToSign(grant)),
    )
    return timingSafeEqual(new Uint8Array(mac), given) ? undefined : 'mismatch'
  }
}

import { ErrorCode, ValidationError } from '@aury/errors'
import {
  type PresignedPost,
  type PresignedPostOptions,
  type PresignedRequest,
  validateExpiresIn,
} from '@aury/storage-core'
import { SIGNED_URL_PARAMS, type UrlGrant, UrlSigner } from './url-signer'

/**
 * Percent-encode each segment of a key for a URL path; the WHATWG-parsed, decoded path equals
 * the key again (keys were validated, so no `.`/`..` segment can be normalised away).
 *
 * @example
 * ```ts
 * encodeKeyPath('文件/a b.txt') // '%E6%96%87%E4%BB%B6/a%20b.txt'
 * ```
 */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

/** Options of {@link SignedUrls}. */
export interface SignedUrlsOptions {
  /** Where `createLocalStorageHandler` is served, e.g. `http://127.0.0.1:8080/files`. */
  baseUrl: string
  signingSecret: string | Uint8Array
  bucket: string
  now?: () => number
}

/**
 * Builds the signed GET/PUT/POST URLs of a local or memory backend (served by
 * `createLocalStorageHandler`).
 *
 * @example
 * ```ts
 * const urls = new SignedUrls({
 *   baseUrl: 'http://127.0.0.1:8080/files',
 *   signingSecret,
 *   bucket: 'default',
 * })
 * const url = await urls.get('docs/readme.txt', 600)
 * ```
 */
export class SignedUrls {
  readonly signer: UrlSigner
  readonly baseUrl: string
  readonly bucket: string

  constructor(options: SignedUrlsOptions) {
    let parsed: URL
    try {
      parsed = new URL(options.baseUrl)
    } catch {
      throw new ValidationError('baseUrl must be an absolute http(s) URL', {
        code: ErrorCode.InvalidConfig,
        field: 'baseUrl',
      })
    }
    if (!/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash || parsed.username) {
      throw new ValidationError('baseUrl must be an http(s) URL without query or credentials', {
        code: ErrorCode.InvalidConfig,
        field: 'baseUrl',
      })
    }
    this.baseUrl = parsed.href.replace(/\/+$/, '')
    this.bucket = options.bucket
    this.signer = new UrlSigner({ secret: options.signingSecret, now: options.now })
  }

  /** The unsigned URL of a key. */
  keyUrl(key: string): string {
    return `${this.baseUrl}/${encodeKeyPath(key)}`
  }

  async #signedUrl(grant: UrlGrant): Promise<string> {
    const url = new URL(this.keyUrl(grant.key))
    url.searchParams.set(SIGNED_URL_PARAMS.method, grant.method)
    url.searchParams.set(SIGNED_URL_PARAMS.expires, String(grant.expires))
    if (grant.contentType) url.searchParams.set(SIGNED_URL_PARAMS.contentType, grant.contentType)
    if (grant.maxSize !== undefined) {
      url.searchParams.set(SIGNED_URL_PARAMS.maxSize, String(grant.maxSize))
    }
    url.searchParams.set(SIGNED_URL_PARAMS.signature, await this.signer.sign(grant))
    return url.href
  }

  /** A signed GET (and HEAD) URL valid for `expiresIn` seconds. */
  async get(key: string, expiresIn: number): Promise<string> {
    return this.#signedUrl({
      method: 'GET',
      bucket: this.bucket,
      key,
      expires: this.signer.nowSeconds() + expiresIn,
    })
  }

  /** A signed PUT request; when `contentType` is given the upload must send exactly it. */
  async put(
    key: string,
    options: { expiresIn: number; contentType?: string; maxSize?: number },
  ): Promise<PresignedRequest> {
    const url = await this.#signedUrl({
      method: 'PUT',
      bucket: this.bucket,
      key,
      expires: this.signer.nowSeconds() + options.expiresIn,
      contentType: options.contentType,
      maxSize: options.maxSize,
    })
    return {
      method: 'PUT',
      url,
      headers: options.contentType ? { 'content-type': options.contentType } : {},
    }
  }

  /** A signed form upload posted to `baseUrl`. */
  async post(key: string, options: PresignedPostOptions = {}): Promise<PresignedPost> {
    const expiresIn = validateExpiresIn(options.expiresIn, 900)
    if (
      options.maxSize !== undefined &&
      (!Number.isSafeInteger(options.maxSize) || options.maxSize < 0)
    ) {
      throw new ValidationError('maxSize must be a non-negative integer', {
        code: ErrorCode.InvalidArgument,
        field: 'maxSize',
      })
    }
    const extra = { ...(options.fields ?? {}) }
    for (const name of Object.keys(extra)) {
      if (name === 'key' || name === 'file' || name.toLowerCase().startsWith('x-aury-')) {
        throw new ValidationError(`Form field "${name}" is reserved`, {
          code: ErrorCode.InvalidArgument,
          field: 'fields',
        })
      }
    }
    const grant: UrlGrant = {
      method: 'POST',
      bucket: this.bucket,
      key,
      expires: this.signer.nowSeconds() + expiresIn,
      contentType: options.contentType,
      maxSize: options.maxSize,
      fields: extra,
    }
    const fields: Record<string, string> = { ...extra, key }
    if (grant.contentType) fields['Content-Type'] = grant.contentType
    fields[SIGNED_URL_PARAMS.expires] = String(grant.expires)
    if (grant.maxSize !== undefined) fields[SIGNED_URL_PARAMS.maxSize] = String(grant.maxSize)
    fields[SIGNED_URL_PARAMS.signature] = await this.signer.sign(grant)
    return { url: `${this.baseUrl}/`, fields }
  }
}

import { ErrorCode, isStorageSDKError, protectSecrets, STSSignatureError } from '@aury/errors'
import { signTC3 } from '@aury/signing'

/** Default host of the Tencent Cloud STS API (China site). */
export const TENCENT_STS_HOST = 'sts.tencentcloudapi.com'
/** STS API version sent as `X-TC-Version`. */
export const TENCENT_STS_VERSION = '2018-08-13'
/** The exact Content-Type TC3 signs; it must match the wire byte for byte. */
export const TENCENT_JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

/** Options of {@link TencentTC3Signer}. */
export interface TencentTC3SignerOptions {
  secretId: string
  secretKey: string
  /** Set when the caller itself uses temporary credentials: sent as `X-TC-Token`. */
  sessionToken?: string
  /** Service in the credential scope. Default: the first label of the host (`sts`). */
  service?: string
}

/** What one API 3.0 call needs signed. */
export interface TencentTC3SignInput {
  /** API name, e.g. `GetFederationToken`. */
  action: string
  /**
   * The JSON body: pass the exact string you send (objects are serialised with
   * `JSON.stringify`).
   */
  payload: string | Record<string, unknown>
  /** `X-TC-Region`; required by STS. */
  region?: string
  /** Unix seconds; default now. */
  timestamp?: number
  /** Default `sts.tencentcloudapi.com`. A port, if any, is not part of the signed host. */
  host?: string
  /** Default `2018-08-13`. */
  version?: string
}

/**
 * Signs Tencent Cloud API 3.0 requests with TC3-HMAC-SHA256 (built on `signTC3` from
 * `@aury/signing`). Like the official SDKs it signs `content-type;host`; the `X-TC-*` headers
 * travel unsigned. The returned headers are everything to send with the JSON body.
 *
 * @example
 * ```ts
 * const signer = new TencentTC3Signer({ secretId, secretKey })
 * const body = JSON.stringify({ Name: 'uploader', Policy: encodeURIComponent(policy) })
 * const headers = await signer.sign({
 *   action: 'GetFederationToken',
 *   payload: body,
 *   region: 'ap-guangzhou',
 * })
 * await fetch('https://sts.tencentcloudapi.com/', { method: 'POST', headers, body })
 * ```
 */
export class TencentTC3Signer {
  readonly secretId: string
  readonly #secretKey: string
  readonly #sessionToken: string | undefined
  readonly #service: string | undefined

  constructor(options: TencentTC3SignerOptions) {
    if (typeof options?.secretId !== 'string' || options.secretId.trim() === '') {
      throw new STSSignatureError('TencentTC3Signer needs a secretId', {
        code: ErrorCode.InvalidConfig,
        provider: 'tencent',
      })
    }
    if (typeof options.secretKey !== 'string' || options.secretKey === '') {
      throw new STSSignatureError('TencentTC3Signer needs a secretKey', {
        code: ErrorCode.InvalidConfig,
        provider: 'tencent',
      })
    }
    this.secretId = options.secretId
    this.#secretKey = options.secretKey
    this.#sessionToken = options.sessionToken
    this.#service = options.service
    protectSecrets(this, ['secretId'])
  }

  /**
   * Returns the headers of a signed request: `Host`, `Content-Type`, `X-TC-Action`,
   * `X-TC-Timestamp`, `X-TC-Version`, `X-TC-Region` (when given), `X-TC-Token` (temporary
   * caller credentials) and `Authorization`.
   *
   * @example
   * ```ts
   * const headers = await signer.sign({
   *   action: 'AssumeRole',
   *   payload: body,
   *   region: 'ap-guangzhou',
   * })
   * ```
   */
  async sign(input: TencentTC3SignInput): Promise<Record<string, string>> {
    const host = (input.host ?? TENCENT_STS_HOST).replace(/:\d+$/, '')
    const service = this.#service ?? host.split('.')[0] ?? 'sts'
    const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000)
    const body = typeof input.payload === 'string' ? input.payload : JSON.stringify(input.payload)
    let signed: Record<string, string>
    try {
      signed = await signTC3(
        {
          method: 'POST',
          url: `https://${host}/`,
          headers: { 'Content-Type': TENCENT_JSON_CONTENT_TYPE, Host: host },
          body,
        },
        { secretId: this.secretId, secretKey: this.#secretKey, service, timestamp },
      )
    } catch (cause) {
      if (isStorageSDKError(cause)) throw cause
      throw new STSSignatureError('TC3 signing failed', {
        code: ErrorCode.SignatureError,
        provider: 'tencent',
        cause,
        secrets: [this.#secretKey, this.#sessionToken],
      })
    }
    const authorization = signed.Authorization ?? signed.authorization
    if (!authorization) {
      throw new STSSignatureError('TC3 signing returned no Authorization header', {
        code: ErrorCode.SignatureError,
        provider: 'tencent',
      })
    }
    const headers: Record<string, string> = {
      Host: host,
      'Content-Type': TENCENT_JSON_CONTENT_TYPE,
      'X-TC-Action': input.action,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Version': input.version ?? TENCENT_STS_VERSION,
    }
    if (input.region !== undefined) headers['X-TC-Region'] = input.region
    if (this.#sessionToken !== undefined) headers['X-TC-Token'] = this.#sessionToken
    headers.Authorization = authorization
    return headers
  }
}

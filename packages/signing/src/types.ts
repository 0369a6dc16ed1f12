/** A value that is either ready or on its way: node:crypto answers synchronously, WebCrypto not. */
export type MaybePromise<T> = T | Promise<T>

/**
 * The request to sign: method, absolute URL, headers and an optional body.
 *
 * @example
 * ```ts
 * const request: SignableRequest = {
 *   method: 'PUT',
 *   url: 'https://bucket.s3.amazonaws.com/a.txt',
 *   headers: { 'Content-Type': 'text/plain' },
 *   body: 'hello',
 * }
 * ```
 */
export interface SignableRequest {
  method: string
  /** An absolute URL. Strings are split by hand (no WHATWG normalisation of `.`/`..`). */
  url: string | URL
  headers?: Record<string, string>
  body?: string | Uint8Array
}

/**
 * Options of {@link signV4}: the credentials and the scope of an AWS Signature Version 4.
 *
 * @example
 * ```ts
 * const options: SigV4Options = {
 *   accessKeyId: 'AKID', secretAccessKey: 'secret', region: 'us-east-1', service: 's3',
 * }
 * ```
 */
export interface SigV4Options {
  accessKeyId: string
  secretAccessKey: string
  /**
   * Temporary credentials: signed as `x-amz-security-token` (header) or `X-Amz-Security-Token`
   * (query).
   */
  sessionToken?: string
  region: string
  service: string
  /** Signing time; defaults to now. */
  date?: Date
  /**
   * Remove dot segments and double-encode the path. Default: `false` for `s3`, `true`
   * otherwise.
   */
  normalizePath?: boolean
  /** Send the body hash as `x-amz-content-sha256` (always done for `s3`). */
  signBody?: boolean
  /** Sign the literal `UNSIGNED-PAYLOAD` instead of the body hash (default for `s3` presigning). */
  unsignedPayload?: boolean
}

/**
 * Options of {@link presignV4}: those of {@link SigV4Options} plus the lifetime in seconds.
 *
 * @example
 * ```ts
 * const options: PresignV4Options = {
 *   accessKeyId: 'AKID', secretAccessKey: 'secret', region: 'us-east-1', service: 's3',
 *   expiresIn: 900,
 * }
 * ```
 */
export interface PresignV4Options extends SigV4Options {
  /** Lifetime of the URL in seconds, 1..604800. */
  expiresIn: number
}

/**
 * Every value computed while signing, for tests and debugging. It holds the signature (and the
 * session token inside the canonical request): treat it as a secret.
 *
 * @example
 * ```ts
 * const { canonicalRequest, stringToSign } = await signV4Detailed(request, options)
 * ```
 */
export interface SigningSteps {
  canonicalRequest: string
  stringToSign: string
  signature: string
  signedHeaders: string
}

/**
 * Options of {@link signTC3}: Tencent Cloud API 3.0 credentials and the service (`sts`, `cvm`).
 *
 * @example
 * ```ts
 * const options: TC3Options = { secretId: 'AKID...', secretKey: 'key', service: 'sts' }
 * ```
 */
export interface TC3Options {
  secretId: string
  secretKey: string
  service: string
  /** Unix seconds; defaults to now. Sent as `X-TC-Timestamp` when that header is not given. */
  timestamp?: number
  /** Temporary credentials: sent (unsigned) as `X-TC-Token` when that header is not given. */
  sessionToken?: string
}

/**
 * Options of {@link signACS3}: Alibaba Cloud V3 (`ACS3-HMAC-SHA256`) credentials.
 *
 * @example
 * ```ts
 * const options: ACS3Options = { accessKeyId: 'LTAI...', accessKeySecret: 'secret' }
 * ```
 */
export interface ACS3Options {
  accessKeyId: string
  accessKeySecret: string
  /** Temporary credentials: signed as `x-acs-security-token`. */
  securityToken?: string
  /** Signing time (`x-acs-date`); defaults to now. */
  date?: Date
  /** `x-acs-signature-nonce`; defaults to 16 random bytes in hex. */
  nonce?: string
}

/**
 * Options of {@link signAliyunRpcV1}: Alibaba Cloud RPC signature v1 (`HMAC-SHA1`).
 *
 * @example
 * ```ts
 * const options: AliyunRpcV1Options = {
 *   method: 'POST', accessKeyId: 'LTAI...', accessKeySecret: 'secret',
 * }
 * ```
 */
export interface AliyunRpcV1Options {
  /** `GET` or `POST`: where the parameters travel (query or form body). */
  method: string
  accessKeyId: string
  accessKeySecret: string
  /** Temporary credentials: added as `SecurityToken`. */
  securityToken?: string
  /** `Timestamp` when the parameters have none; defaults to now. */
  date?: Date
  /** `SignatureNonce` when the parameters have none; defaults to 16 random bytes in hex. */
  nonce?: string
}

/** One condition of an S3 POST policy: `{ field: value }` or `[op, '$field', value]`. */
export type PostPolicyCondition =
  | Record<string, string>
  | [string, string, string]
  | ['content-length-range', number, number]

/**
 * Options of {@link presignPostV4}: what a browser form upload may do, and the credentials.
 *
 * @example
 * ```ts
 * const options: PresignPostV4Options = {
 *   url: 'https://bucket.s3.amazonaws.com/', bucket: 'bucket', key: 'user/42/${filename}',
 *   contentLengthRange: [1, 10_000_000], expiresIn: 600,
 *   accessKeyId: 'AKID', secretAccessKey: 'secret', region: 'us-east-1',
 * }
 * ```
 */
export interface PresignPostV4Options {
  /** The form's action URL (the bucket endpoint). Returned as is. */
  url: string
  /** Adds a `bucket` field and condition. */
  bucket?: string
  /**
   * The object key. A key ending in `${filename}` is a prefix: the condition becomes
   * `["starts-with", "$key", prefix]` and S3 substitutes the uploaded file's name.
   */
  key: string
  /**
   * Extra form fields (`Content-Type`, `success_action_status`, `x-amz-meta-*`); each is pinned
   * by an exact condition.
   */
  fields?: Record<string, string>
  /** Extra conditions, e.g. `['starts-with', '$Content-Type', 'image/']`. */
  conditions?: PostPolicyCondition[]
  /** Pins the `Content-Type` field. */
  contentType?: string
  /** `[min, max]` bytes, enforced by S3. */
  contentLengthRange?: [number, number]
  /** Lifetime of the policy in seconds, 1..604800. */
  expiresIn: number
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  region: string
  /** Defaults to `s3`. */
  service?: string
  /** Signing time; defaults to now. */
  date?: Date
}

/**
 * A presigned POST: the form action URL and the fields to send before the file.
 *
 * @example
 * ```ts
 * const form = new FormData()
 * for (const [name, value] of Object.entries(post.fields)) form.append(name, value)
 * form.append('file', file)
 * await fetch(post.url, { method: 'POST', body: form })
 * ```
 */
export interface PresignedPost {
  url: string
  fields: Record<string, string>
}

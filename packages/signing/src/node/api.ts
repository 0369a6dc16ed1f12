// The public signing functions bound to the node:crypto engine (see ../web/api.ts for WebCrypto).
import { signAliyunRpcV1With } from '../aliyun-rpc-v1'
import {
  type PostPolicySigningOptions,
  presignPostV4With,
  signPostPolicyV4With,
} from '../presign-post-v4'
import { type SignedACS3, signACS3With } from '../sign-acs3'
import { type SignedTC3, signTC3Sync } from '../sign-tc3'
import { type PresignedV4, presignV4With, type SignedV4, signV4With } from '../sign-v4'
import { toHex } from '../to-hex'
import type {
  ACS3Options,
  AliyunRpcV1Options,
  PresignedPost,
  PresignPostV4Options,
  PresignV4Options,
  SignableRequest,
  SigV4Options,
  TC3Options,
} from '../types'
import { nodeEngine } from './engine'

const keyed = nodeEngine
const secretEngine = nodeEngine
const sha1Engine = nodeEngine
const { sha256Hex: digest, hmacSha256: mac } = nodeEngine

/**
 * Signs a request with AWS Signature Version 4 in headers. Every given header is signed, plus
 * `host`, `x-amz-date`, `x-amz-security-token` (with a session token) and
 * `x-amz-content-sha256` (for `s3`, `signBody` or `unsignedPayload`).
 *
 * @returns every header to send, `authorization` included.
 * @example
 * ```ts
 * const headers = await signV4(
 *   { method: 'POST', url: 'https://sts.us-east-1.amazonaws.com/', body,
 *     headers: { 'content-type': 'application/x-www-form-urlencoded' } },
 *   { accessKeyId, secretAccessKey, region: 'us-east-1', service: 'sts' },
 * )
 * await fetch('https://sts.us-east-1.amazonaws.com/', { method: 'POST', headers, body })
 * ```
 */
export async function signV4(
  request: SignableRequest,
  options: SigV4Options,
): Promise<Record<string, string>> {
  return (await signV4With(keyed, request, options)).headers
}

/**
 * {@link signV4} that also returns the canonical request, string to sign and signature.
 *
 * @example
 * ```ts
 * const { headers, canonicalRequest, stringToSign } = await signV4Detailed(request, options)
 * ```
 */
export function signV4Detailed(request: SignableRequest, options: SigV4Options): Promise<SignedV4> {
  return signV4With(keyed, request, options)
}

/**
 * Presigns a request with SigV4 query parameters. The path is signed as sent (S3: no dot-segment
 * removal, encoded once), the payload is `UNSIGNED-PAYLOAD` by default for `s3`, and a session
 * token travels as `X-Amz-Security-Token`, inside the signature. Given headers are signed and
 * must be sent with the URL.
 *
 * @returns the presigned URL.
 * @example
 * ```ts
 * const url = await presignV4(
 *   { method: 'GET', url: 'https://bucket.s3.amazonaws.com/user/42/a.png' },
 *   {
 *     accessKeyId,
 *     secretAccessKey,
 *     sessionToken,
 *     region: 'us-east-1',
 *     service: 's3',
 *     expiresIn: 900,
 *   },
 * )
 * ```
 */
export async function presignV4(
  request: SignableRequest,
  options: PresignV4Options,
): Promise<string> {
  return (await presignV4With(keyed, request, options)).url
}

/**
 * {@link presignV4} that also returns the canonical request, string to sign and signature.
 *
 * @example
 * ```ts
 * const { url, canonicalRequest } = await presignV4Detailed(request, { ...options, expiresIn: 60 })
 * ```
 */
export function presignV4Detailed(
  request: SignableRequest,
  options: PresignV4Options,
): Promise<PresignedV4> {
  return presignV4With(keyed, request, options)
}

/**
 * Signs a Tencent Cloud API 3.0 request with TC3-HMAC-SHA256. Every given header is signed
 * (name and value lower-cased and trimmed), plus `Host`; the date in the scope is the UTC date
 * of `timestamp`.
 *
 * @returns the headers to send: the given ones, `Host`, `X-TC-Timestamp` (unless given),
 *   `X-TC-Token` (with a session token) and `Authorization`.
 * @example
 * ```ts
 * const body = JSON.stringify({ Name: 'uploader', Policy: encodeURIComponent(policy) })
 * const headers = await signTC3(
 *   { method: 'POST', url: 'https://sts.tencentcloudapi.com/', body, headers: {
 *     'Content-Type': 'application/json; charset=utf-8', 'X-TC-Action': 'GetFederationToken',
 *     'X-TC-Version': '2018-08-13', 'X-TC-Region': 'ap-guangzhou' } },
 *   { secretId, secretKey, service: 'sts' },
 * )
 * ```
 */
export async function signTC3(
  request: SignableRequest,
  options: TC3Options,
): Promise<Record<string, string>> {
  return signTC3Sync(keyed, request, options).headers
}

/**
 * {@link signTC3} that also returns the canonical request, string to sign and signature.
 *
 * @example
 * ```ts
 * const { headers, canonicalRequest, stringToSign } = await signTC3Detailed(request, options)
 * ```
 */
export async function signTC3Detailed(
  request: SignableRequest,
  options: TC3Options,
): Promise<SignedTC3> {
  return signTC3Sync(keyed, request, options)
}

/**
 * Signs an Alibaba Cloud request with the V3 signature (ACS3-HMAC-SHA256). Adds `host`,
 * `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256` and `x-acs-security-token`
 * when missing; the caller sets `x-acs-action` and `x-acs-version`. Every header is signed.
 *
 * @returns every header to send, `Authorization` included.
 * @example
 * ```ts
 * const headers = await signACS3(
 *   { method: 'POST', url: 'https://sts.aliyuncs.com/?RoleArn=...', headers: {
 *     'x-acs-action': 'AssumeRole', 'x-acs-version': '2015-04-01' } },
 *   { accessKeyId, accessKeySecret },
 * )
 * ```
 */
export async function signACS3(
  request: SignableRequest,
  options: ACS3Options,
): Promise<Record<string, string>> {
  return (await signACS3With(secretEngine, request, options)).headers
}

/**
 * {@link signACS3} that also returns the canonical request, string to sign and signature.
 *
 * @example
 * ```ts
 * const { headers, canonicalRequest } = await signACS3Detailed(request, options)
 * ```
 */
export function signACS3Detailed(
  request: SignableRequest,
  options: ACS3Options,
): Promise<SignedACS3> {
  return signACS3With(secretEngine, request, options)
}

/**
 * Signs Alibaba Cloud RPC parameters with signature v1 (HMAC-SHA1). Adds `AccessKeyId`,
 * `SignatureMethod`, `SignatureVersion`, `Timestamp`, `SignatureNonce` and `SecurityToken`
 * when missing, then `Signature`.
 *
 * @returns the parameters to send (query for GET, form body for POST), `Signature` included.
 * @example
 * ```ts
 * const params = await signAliyunRpcV1(
 *   { Action: 'AssumeRole', Version: '2015-04-01', Format: 'JSON', RoleArn, RoleSessionName },
 *   { method: 'POST', accessKeyId, accessKeySecret },
 * )
 * const body = new URLSearchParams(params).toString()
 * ```
 */
export function signAliyunRpcV1(
  params: Record<string, string>,
  options: AliyunRpcV1Options,
): Promise<Record<string, string>> {
  return signAliyunRpcV1With(sha1Engine, params, options)
}

/**
 * Builds and signs an S3 POST policy for a browser form upload: bucket, exact key or
 * `starts-with` prefix (a key ending in `${filename}`), pinned fields, `content-length-range`,
 * credential, date and session token, all covered by conditions.
 *
 * @returns the form action URL and the fields to send before the file.
 * @example
 * ```ts
 * const post = await presignPostV4({
 *   url: 'https://bucket.s3.amazonaws.com/', bucket: 'bucket', key: 'user/42/${filename}',
 *   contentType: 'image/png', contentLengthRange: [1, 5_000_000], expiresIn: 600,
 *   accessKeyId, secretAccessKey, sessionToken, region: 'us-east-1',
 * })
 * ```
 */
export function presignPostV4(options: PresignPostV4Options): Promise<PresignedPost> {
  return presignPostV4With(keyed, options)
}

/**
 * Signs a base64 POST policy document with the SigV4 key of its day, region and service.
 *
 * @returns the hex signature (the `X-Amz-Signature` field).
 * @example
 * ```ts
 * const signature = await signPostPolicyV4(policyBase64, {
 *   secretAccessKey, region: 'us-east-1', date: '20151229',
 * })
 * ```
 */
export function signPostPolicyV4(
  policyBase64: string,
  options: PostPolicySigningOptions,
): Promise<string> {
  return signPostPolicyV4With(keyed, policyBase64, options)
}

/**
 * Hex SHA-256 of a UTF-8 string or bytes.
 *
 * @example
 * ```ts
 * await sha256Hex('') // 'e3b0c442...b855'
 * ```
 */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return digest(data)
}

/**
 * HMAC-SHA256 of `data` under `key` (UTF-8 strings or bytes).
 *
 * @example
 * ```ts
 * const mac = await hmacSha256('key', 'message') // Uint8Array(32)
 * ```
 */
export async function hmacSha256(
  key: string | Uint8Array,
  data: string | Uint8Array,
): Promise<Uint8Array> {
  return mac(key, data)
}

/**
 * Hex HMAC-SHA256 of `data` under `key`.
 *
 * @example
 * ```ts
 * await hmacSha256Hex('key', 'The quick brown fox jumps over the lazy dog')
 * // 'f7bc83f4...'
 * ```
 */
export async function hmacSha256Hex(
  key: string | Uint8Array,
  data: string | Uint8Array,
): Promise<string> {
  return toHex(await mac(key, data))
}

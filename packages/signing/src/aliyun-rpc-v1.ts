import { ValidationError } from '@aury/errors'
import { formatIsoSeconds } from './amz-date'
import type { Sha1Engine } from './crypto-engine'
import type { AliyunRpcV1Options } from './types'
import { uriEncode } from './uri-encode'
import { requireMethod, requireString } from './validate'

/**
 * The Aliyun RPC v1 string to sign: `METHOD&%2F&` + the percent-encoded canonical query
 * (parameters sorted by name, names and values RFC 3986-encoded, joined with `&`).
 *
 * @example
 * ```ts
 * buildAliyunRpcV1StringToSign('GET', { Action: 'DescribeRegions', Format: 'XML' })
 * // 'GET&%2F&Action%3DDescribeRegions%26Format%3DXML'
 * ```
 */
export function buildAliyunRpcV1StringToSign(
  method: string,
  params: Record<string, string>,
): string {
  const names = Object.keys(params).sort()
  let query = ''
  for (const name of names) {
    const value = params[name]
    if (value === undefined || value === null) continue
    query += `${query === '' ? '' : '&'}${uriEncode(name)}=${uriEncode(String(value))}`
  }
  return `${requireMethod(method)}&%2F&${uriEncode(query)}`
}

/**
 * Aliyun RPC v1 (HMAC-SHA1) signing on a crypto engine.
 * @internal
 */
export async function signAliyunRpcV1With(
  engine: Sha1Engine,
  params: Record<string, string>,
  options: AliyunRpcV1Options,
): Promise<Record<string, string>> {
  if (params === null || typeof params !== 'object') {
    throw new ValidationError('params must be an object', {
      code: 'InvalidArgument',
      field: 'params',
    })
  }
  if (options === null || typeof options !== 'object') {
    throw new ValidationError('signing options are required', { code: 'InvalidConfig' })
  }
  const method = requireMethod(options.method)
  requireString(options.accessKeyId, 'accessKeyId')
  requireString(options.accessKeySecret, 'accessKeySecret')
  const out: Record<string, string> = {}
  for (const name in params) {
    const value = params[name]
    if (value !== undefined && value !== null && name !== 'Signature') out[name] = String(value)
  }
  out.AccessKeyId = options.accessKeyId
  out.SignatureMethod ??= 'HMAC-SHA1'
  out.SignatureVersion ??= '1.0'
  out.Timestamp ??= formatIsoSeconds(options.date ?? new Date())
  out.SignatureNonce ??= options.nonce ?? engine.randomHex(16)
  if (options.securityToken) out.SecurityToken ??= options.securityToken
  const stringToSign = buildAliyunRpcV1StringToSign(method, out)
  out.Signature = await engine.hmacSha1Base64(`${options.accessKeySecret}&`, stringToSign)
  return out
}

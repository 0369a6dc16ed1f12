import { uriEncode } from './uri-encode'

/**
 * Encodes parameters as an `application/x-www-form-urlencoded` body the way the AWS and Aliyun
 * STS APIs sign and read it: {@link uriEncode} on every name and value (RFC 3986, so `!'()*`
 * are encoded too and a space is `%20`), in the order given.
 *
 * @example
 * ```ts
 * encodeForm({ Action: 'AssumeRole', RoleSessionName: "o'neil" })
 * // "Action=AssumeRole&RoleSessionName=o%27neil"
 * ```
 */
export function encodeForm(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`)
    .join('&')
}

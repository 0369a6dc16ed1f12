/**
 * Encodes parameters as an `application/x-www-form-urlencoded` body the way the AWS and Aliyun
 * STS APIs sign and read it: RFC 3986 percent-encoding (`!'()*` encoded too, space as `%20`),
 * in the order given.
 *
 * @example
 * ```ts
 * encodeForm({ Action: 'AssumeRole', RoleSessionName: "o'neil" })
 * // "Action=AssumeRole&RoleSessionName=o%27neil"
 * ```
 */
export function encodeForm(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&')
}

function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

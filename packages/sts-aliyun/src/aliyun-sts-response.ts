/** Credentials and metadata read from a successful Aliyun AssumeRole answer. */
export interface AliyunSTSResult {
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
  expiration: Date
  requestId?: string
}

/** An Aliyun error body: `{ RequestId, HostId, Code, Message, Recommend }`. */
export interface AliyunSTSErrorBody {
  code: string
  message: string
  requestId?: string
}

type Json = Record<string, unknown>

function parseObject(body: string): Json | undefined {
  try {
    const value = JSON.parse(body) as unknown
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Json)
      : undefined
  } catch {
    return undefined
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/

/**
 * Reads an AssumeRole success body. `undefined` when a credential field is missing or
 * `Expiration` is not an ISO-8601 UTC instant.
 *
 * @example
 * ```ts
 * parseAliyunSTSResult(body)?.expiration
 * ```
 */
export function parseAliyunSTSResult(body: string): AliyunSTSResult | undefined {
  const json = parseObject(body)
  const credentials = json?.Credentials
  if (!credentials || typeof credentials !== 'object') return undefined
  const c = credentials as Json
  const accessKeyId = str(c.AccessKeyId)
  const accessKeySecret = str(c.AccessKeySecret)
  const securityToken = str(c.SecurityToken)
  const expirationText = str(c.Expiration)
  if (!accessKeyId || !accessKeySecret || !securityToken || !expirationText) return undefined
  if (!ISO_UTC.test(expirationText)) return undefined
  const expiration = new Date(expirationText)
  if (Number.isNaN(expiration.getTime())) return undefined
  const result: AliyunSTSResult = { accessKeyId, accessKeySecret, securityToken, expiration }
  const requestId = str(json?.RequestId)
  if (requestId) result.requestId = requestId
  return result
}

/**
 * Reads an Aliyun error body. `undefined` when the text is not one.
 *
 * @example
 * ```ts
 * parseAliyunSTSError('{"Code":"NoPermission","Message":"..."}')?.code // 'NoPermission'
 * ```
 */
export function parseAliyunSTSError(body: string): AliyunSTSErrorBody | undefined {
  const json = parseObject(body)
  const code = str(json?.Code)
  if (!code) return undefined
  const out: AliyunSTSErrorBody = { code, message: str(json?.Message) ?? '' }
  const requestId = str(json?.RequestId)
  if (requestId) out.requestId = requestId
  return out
}

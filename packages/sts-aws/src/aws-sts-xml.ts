import { XMLParser } from 'fast-xml-parser'

/**
 * The parser for STS answers: no attributes, no DOCTYPE entities (documents declaring any are
 * refused before parsing), only the five predefined XML entities and numeric references, values
 * kept as strings (an access key id must never become a number).
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  removeNSPrefix: true,
  trimValues: true,
})

/** Credentials and metadata read from a successful STS answer. */
export interface AwsSTSResult {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: Date
  requestId?: string
  /** `PackedPolicySize`: percentage of the packed-policy limit used, when reported. */
  packedPolicySize?: number
}

/** An `<ErrorResponse>` read from an STS answer. */
export interface AwsSTSErrorBody {
  code: string
  message: string
  type?: string
  requestId?: string
}

type Tree = Record<string, unknown>

function child(node: unknown, name: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Tree)[name] : undefined
}

function text(node: unknown): string | undefined {
  return typeof node === 'string' ? node : undefined
}

/**
 * Parses XML safely: `undefined` for anything that is not a well-formed document without
 * DOCTYPE or entity declarations.
 */
function parse(xml: string): Tree | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return undefined
  try {
    const tree = parser.parse(xml, true) as unknown
    return tree !== null && typeof tree === 'object' ? (tree as Tree) : undefined
  } catch {
    return undefined
  }
}

/**
 * Reads the credentials of an `AssumeRoleResponse` or `GetFederationTokenResponse`. Returns
 * `undefined` when a required field is missing or the expiration is not a date. The assumed
 * role or federated user fields are optional (MinIO leaves them empty).
 *
 * @example
 * ```ts
 * const result = parseAwsSTSResult(xml, 'AssumeRole')
 * ```
 */
export function parseAwsSTSResult(xml: string, operation: string): AwsSTSResult | undefined {
  const tree = parse(xml)
  const response = child(tree, `${operation}Response`)
  const credentials = child(child(response, `${operation}Result`), 'Credentials')
  const accessKeyId = text(child(credentials, 'AccessKeyId'))
  const secretAccessKey = text(child(credentials, 'SecretAccessKey'))
  const sessionToken = text(child(credentials, 'SessionToken'))
  const expirationText = text(child(credentials, 'Expiration'))
  if (!accessKeyId || !secretAccessKey || !sessionToken || !expirationText) return undefined
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/.test(expirationText)) {
    return undefined
  }
  const expiration = new Date(expirationText)
  if (Number.isNaN(expiration.getTime())) return undefined
  const result: AwsSTSResult = { accessKeyId, secretAccessKey, sessionToken, expiration }
  const requestId = text(child(child(response, 'ResponseMetadata'), 'RequestId'))
  if (requestId) result.requestId = requestId
  const packed = Number(text(child(child(response, `${operation}Result`), 'PackedPolicySize')))
  if (Number.isFinite(packed) && packed > 0) result.packedPolicySize = packed
  return result
}

/**
 * Reads an STS `<ErrorResponse>` (also a bare `<Error>` document). Returns `undefined` when the
 * text is not such a document.
 *
 * @example
 * ```ts
 * parseAwsSTSError('<ErrorResponse><Error><Code>AccessDenied</Code>...')?.code // 'AccessDenied'
 * ```
 */
export function parseAwsSTSError(xml: string): AwsSTSErrorBody | undefined {
  const tree = parse(xml)
  const response = child(tree, 'ErrorResponse')
  const error = child(response, 'Error') ?? child(tree, 'Error')
  const code = text(child(error, 'Code'))
  if (!code) return undefined
  const out: AwsSTSErrorBody = { code, message: text(child(error, 'Message')) ?? '' }
  const type = text(child(error, 'Type'))
  if (type) out.type = type
  const requestId = text(child(response, 'RequestId')) ?? text(child(error, 'RequestId'))
  if (requestId) out.requestId = requestId
  return out
}

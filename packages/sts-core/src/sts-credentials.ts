import { ErrorCode, REDACTED, ValidationError } from '@aury/errors'
import { ProviderType } from './provider-type'

/**
 * Temporary credentials scoped by an STS call. Field names are the AWS ones on every cloud
 * (Tencent `TmpSecretId`/`TmpSecretKey`/`Token` become `accessKeyId`/`secretAccessKey`/
 * `sessionToken`). `expiration` is an absolute UTC instant. Objects made by
 * {@link createSTSCredentials} hide the secret and the token from `util.inspect` and
 * `String()`, but `JSON.stringify` keeps them: JSON is how they reach a browser.
 *
 * @example
 * ```ts
 * const credentials: STSCredentials = await provider.getCredentials(request)
 * res.json(credentials) // sent to the browser that uploads
 * ```
 */
export interface STSCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** When the credentials stop working (UTC). */
  expiration: Date
  region: string
  /**
   * The object-storage endpoint the credentials are meant for, e.g.
   * `https://cos.ap-guangzhou.myqcloud.com`.
   */
  endpoint: string
  bucket: string
  provider: ProviderType
  /** The cloud's request id of the STS call. */
  requestId?: string
  /**
   * When the credentials became valid, if the cloud says so or it can be derived (see the
   * provider).
   */
  startTime?: Date
}

/**
 * The JSON form of {@link STSCredentials}: dates as ISO-8601 UTC strings. This is what a server
 * returns to a browser; {@link credentialsFromJSON} reads it back.
 *
 * @example
 * ```ts
 * const body: STSCredentialsJSON = credentialsToJSON(credentials)
 * ```
 */
export interface STSCredentialsJSON {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: string
  region: string
  endpoint: string
  bucket: string
  provider: ProviderType
  requestId?: string
  startTime?: string
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')
const PROVIDERS = new Set<string>(Object.values(ProviderType))

function redactedView(c: STSCredentials): Record<string, unknown> {
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: REDACTED,
    sessionToken: REDACTED,
    expiration: c.expiration,
    region: c.region,
    endpoint: c.endpoint,
    bucket: c.bucket,
    provider: c.provider,
    ...(c.requestId !== undefined ? { requestId: c.requestId } : {}),
    ...(c.startTime !== undefined ? { startTime: c.startTime } : {}),
  }
}

/**
 * Builds an {@link STSCredentials} object whose `util.inspect` and `toString` hide
 * `secretAccessKey` and `sessionToken`. Providers use it for every result.
 *
 * @example
 * ```ts
 * const credentials = createSTSCredentials({
 *   accessKeyId: 'AKID...', secretAccessKey: '...', sessionToken: '...',
 *   expiration: new Date(expiredTime * 1000), region, endpoint, bucket, provider: 'tencent',
 * })
 * ```
 */
export function createSTSCredentials(fields: STSCredentials): STSCredentials {
  const credentials: STSCredentials = {
    accessKeyId: fields.accessKeyId,
    secretAccessKey: fields.secretAccessKey,
    sessionToken: fields.sessionToken,
    expiration: fields.expiration,
    region: fields.region,
    endpoint: fields.endpoint,
    bucket: fields.bucket,
    provider: fields.provider,
  }
  if (fields.requestId !== undefined) credentials.requestId = fields.requestId
  if (fields.startTime !== undefined) credentials.startTime = fields.startTime
  Object.defineProperties(credentials, {
    [inspectSymbol]: {
      value: (_depth: number, options: unknown, inspect?: (v: unknown, o: unknown) => string) =>
        typeof inspect === 'function'
          ? `STSCredentials ${inspect(redactedView(credentials), options)}`
          : redactedView(credentials),
      enumerable: false,
      configurable: true,
    },
    toString: {
      value: () => `[STSCredentials ${credentials.provider} ${credentials.bucket}]`,
      enumerable: false,
      configurable: true,
    },
  })
  return credentials
}

/**
 * Converts credentials to their JSON form (ISO-8601 UTC dates), secrets included, for a
 * browser or a mobile app.
 *
 * @example
 * ```ts
 * response.end(JSON.stringify(credentialsToJSON(credentials)))
 * ```
 */
export function credentialsToJSON(credentials: STSCredentials): STSCredentialsJSON {
  const out: STSCredentialsJSON = {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: credentials.expiration.toISOString(),
    region: credentials.region,
    endpoint: credentials.endpoint,
    bucket: credentials.bucket,
    provider: credentials.provider,
  }
  if (credentials.requestId !== undefined) out.requestId = credentials.requestId
  if (credentials.startTime !== undefined) out.startTime = credentials.startTime.toISOString()
  return out
}

function requireString(json: Record<string, unknown>, field: string, allowEmpty = false): string {
  const value = json[field]
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0)) {
    throw new ValidationError(`Invalid STS credentials JSON: ${field} must be a string`, {
      code: ErrorCode.InvalidArgument,
      field,
    })
  }
  return value
}

function requireDate(value: unknown, field: string): Date {
  const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : null
  if (date === null || Number.isNaN(date.getTime())) {
    throw new ValidationError(`Invalid STS credentials JSON: ${field} must be an ISO date`, {
      code: ErrorCode.InvalidArgument,
      field,
    })
  }
  return date
}

/**
 * Reads credentials back from their JSON form (a parsed object or the JSON text), validating
 * every field. Throws a `ValidationError` (`InvalidArgument`) naming the bad field; the error
 * never contains the secret values.
 *
 * @example
 * ```ts
 * const credentials = credentialsFromJSON(await (await fetch('/api/sts')).json())
 * if (credentials.expiration.getTime() < Date.now()) refresh()
 * ```
 */
export function credentialsFromJSON(json: STSCredentialsJSON | string | unknown): STSCredentials {
  let value: unknown = json
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json)
    } catch {
      throw new ValidationError('Invalid STS credentials JSON: not JSON', {
        code: ErrorCode.InvalidArgument,
      })
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError('Invalid STS credentials JSON: not an object', {
      code: ErrorCode.InvalidArgument,
    })
  }
  const o = value as Record<string, unknown>
  const provider = requireString(o, 'provider')
  if (!PROVIDERS.has(provider)) {
    throw new ValidationError('Invalid STS credentials JSON: unknown provider', {
      code: ErrorCode.InvalidArgument,
      field: 'provider',
    })
  }
  const fields: STSCredentials = {
    accessKeyId: requireString(o, 'accessKeyId'),
    secretAccessKey: requireString(o, 'secretAccessKey'),
    sessionToken: requireString(o, 'sessionToken', true),
    expiration: requireDate(o.expiration, 'expiration'),
    region: requireString(o, 'region'),
    endpoint: requireString(o, 'endpoint'),
    bucket: requireString(o, 'bucket'),
    provider: provider as ProviderType,
  }
  if (o.requestId !== undefined) fields.requestId = requireString(o, 'requestId')
  if (o.startTime !== undefined) fields.startTime = requireDate(o.startTime, 'startTime')
  return createSTSCredentials(fields)
}

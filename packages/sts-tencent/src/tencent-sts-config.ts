import { ErrorCode, ValidationError } from '@aury/errors'
import type { Logger } from '@aury/sts-core'

/**
 * Default STS endpoint (China site). The international site uses
 * `https://sts.intl.tencentcloudapi.com`.
 */
export const TENCENT_STS_ENDPOINT = 'https://sts.tencentcloudapi.com'
/** Default `X-TC-Region` of the STS call. */
export const TENCENT_STS_REGION = 'ap-guangzhou'
/** GetFederationToken limit for a root-account caller (the default maximum). */
export const FEDERATION_MAX_DURATION_SECONDS = 7200
/**
 * GetFederationToken limit for a sub-account caller (raise `maxFederationDurationSeconds` to
 * it).
 */
export const FEDERATION_SUB_ACCOUNT_MAX_DURATION_SECONDS = 129_600
/** AssumeRole limit. */
export const ASSUME_ROLE_MAX_DURATION_SECONDS = 43_200

/**
 * Configuration of {@link TencentSTSProvider}. `secretKey` never appears in any error, log,
 * `JSON.stringify` or `util.inspect` output of the provider.
 *
 * @example
 * ```ts
 * const config: TencentSTSConfig = {
 *   secretId: process.env.TENCENT_SECRET_ID!,
 *   secretKey: process.env.TENCENT_SECRET_KEY!,
 *   // AssumeRole instead of GetFederationToken:
 *   roleArn: 'qcs::cam::uin/100000000001:roleName/uploader',
 * }
 * ```
 */
export interface TencentSTSConfig {
  /** Permanent SecretId of the account or sub-account that calls STS. */
  secretId: string
  /** Permanent SecretKey. */
  secretKey: string
  /** `X-TC-Region` of the STS call (not the bucket's region). Default: `ap-guangzhou`. */
  region?: string
  /** When set, AssumeRole on this role (`qcs::cam::uin/<uin>:roleName/<name>` or `:role/<id>`). */
  roleArn?: string
  /** AssumeRole session name, 2-128 of `[\w+=,.@-]`. Default: `aury-sts`. */
  roleSessionName?: string
  /** GetFederationToken caller name (`Name`), 2-64 of `[\w+=,.@-]`. Default: `aury-sts`. */
  name?: string
  /** APPID for buckets named without their `-APPID` suffix. */
  appid?: string
  /** STS endpoint. Default `https://sts.tencentcloudapi.com`; `http:` only for loopback hosts. */
  endpoint?: string
  /**
   * Largest GetFederationToken duration accepted. Default 7200 (root-account callers); a
   * sub-account caller may raise it up to 129600.
   */
  maxFederationDurationSeconds?: number
  /** Per-attempt time limit, ms. Default 10 000. */
  timeoutMs?: number
  /** Attempts per call (retries on network errors, 5xx, throttling). Default 3. */
  maxAttempts?: number
  fetch?: typeof globalThis.fetch
  /** Wall clock, ms since the epoch. Default `Date.now`. */
  now?: () => number
  /** Backoff sleep (tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Randomness of the backoff jitter (tests). */
  random?: () => number
  logger?: Logger
}

const REGION = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/
const ROLE_ARN = /^qcs::cam::uin\/\d+:(?:roleName|role)\/[\w+=,.@/-]{1,256}$/
const SESSION_NAME = /^[\w+=,.@-]{2,128}$/
const FEDERATION_NAME = /^[\w+=,.@-]{2,64}$/
const APPID = /^\d{1,20}$/
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** The validated configuration (secrets kept apart by the provider). */
export interface ResolvedTencentSTSConfig {
  secretId: string
  secretKey: string
  region: string
  roleArn: string | undefined
  roleSessionName: string
  name: string
  appid: string | undefined
  endpoint: URL
  maxFederationDurationSeconds: number
}

function bad(field: string, message: string, code: string = ErrorCode.InvalidConfig): never {
  throw new ValidationError(`TencentSTSConfig.${field} ${message}`, { code, field })
}

/**
 * Validates a {@link TencentSTSConfig} and applies the defaults. Throws a `ValidationError`
 * (`InvalidConfig`, `InvalidRegion`, `InvalidDuration`) naming the option; secrets are never
 * part of the message.
 *
 * @example
 * ```ts
 * const resolved = resolveTencentSTSConfig({ secretId, secretKey })
 * resolved.endpoint.href // 'https://sts.tencentcloudapi.com/'
 * ```
 */
export function resolveTencentSTSConfig(config: TencentSTSConfig): ResolvedTencentSTSConfig {
  if (config === null || typeof config !== 'object') bad('', 'must be an object')
  if (typeof config.secretId !== 'string' || config.secretId.trim() === '') {
    bad('secretId', 'is required')
  }
  if (typeof config.secretKey !== 'string' || config.secretKey === '') {
    bad('secretKey', 'is required')
  }
  const region = config.region ?? TENCENT_STS_REGION
  if (typeof region !== 'string' || !REGION.test(region)) {
    bad('region', 'must be one DNS label such as ap-guangzhou', ErrorCode.InvalidRegion)
  }
  if (
    config.roleArn !== undefined &&
    (typeof config.roleArn !== 'string' || !ROLE_ARN.test(config.roleArn))
  ) {
    bad('roleArn', 'must look like qcs::cam::uin/<uin>:roleName/<name>')
  }
  const roleSessionName = config.roleSessionName ?? 'aury-sts'
  if (typeof roleSessionName !== 'string' || !SESSION_NAME.test(roleSessionName)) {
    bad('roleSessionName', 'must be 2-128 characters of letters, digits and +=,.@_-')
  }
  const name = config.name ?? 'aury-sts'
  if (typeof name !== 'string' || !FEDERATION_NAME.test(name)) {
    bad('name', 'must be 2-64 characters of letters, digits and +=,.@_-')
  }
  if (
    config.appid !== undefined &&
    (typeof config.appid !== 'string' || !APPID.test(config.appid))
  ) {
    bad('appid', 'must be digits')
  }
  let endpoint: URL
  try {
    endpoint = new URL(config.endpoint ?? TENCENT_STS_ENDPOINT)
  } catch {
    bad('endpoint', 'must be an absolute URL')
  }
  if (endpoint.username || endpoint.password) bad('endpoint', 'must not contain credentials')
  if (endpoint.search || endpoint.hash) bad('endpoint', 'must not have a query or fragment')
  if (
    endpoint.protocol !== 'https:' &&
    !(endpoint.protocol === 'http:' && LOOPBACK.has(endpoint.hostname))
  ) {
    bad('endpoint', 'must use https (http only for 127.0.0.1/localhost)')
  }
  const maxFederation = config.maxFederationDurationSeconds ?? FEDERATION_MAX_DURATION_SECONDS
  if (
    typeof maxFederation !== 'number' ||
    !Number.isInteger(maxFederation) ||
    maxFederation < 900 ||
    maxFederation > FEDERATION_SUB_ACCOUNT_MAX_DURATION_SECONDS
  ) {
    bad(
      'maxFederationDurationSeconds',
      'must be an integer in 900..129600',
      ErrorCode.InvalidDuration,
    )
  }
  return {
    secretId: config.secretId,
    secretKey: config.secretKey,
    region,
    roleArn: config.roleArn,
    roleSessionName,
    name,
    appid: config.appid,
    endpoint,
    maxFederationDurationSeconds: maxFederation,
  }
}

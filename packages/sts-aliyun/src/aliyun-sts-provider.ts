import { ErrorCode, STSError, ValidationError } from '@aury/errors'
import { buildAliyunPolicy } from '@aury/policy'
import { encodeForm, signACS3 } from '@aury/signing'
import {
  checkEndpoint,
  createSTSCredentials,
  type GetCredentialsOptions,
  HttpTransport,
  type Logger,
  ProviderType,
  parseSTSRequest,
  requireConfigString,
  type STSCredentials,
  type STSProvider,
  type STSRequest,
  type STSRequestInput,
  type TransportOutcome,
  type TransportResponse,
} from '@aury/sts-core'
import {
  ALIYUN_STS_LIMITS,
  checkAliyunDuration,
  checkAliyunExternalId,
  checkAliyunPolicy,
  checkAliyunRoleArn,
  checkRoleSessionName,
} from './aliyun-sts-limits'
import {
  type AliyunSTSResult,
  parseAliyunSTSError,
  parseAliyunSTSResult,
} from './aliyun-sts-response'

/**
 * Options of {@link AliyunSTSProvider}. The key pair is a RAM user's (root account keys are
 * refused by Aliyun) with permission `AliyunSTSAssumeRoleAccess` on `roleArn`.
 */
export interface AliyunSTSProviderOptions {
  accessKeyId: string
  accessKeySecret: string
  /** Set when the caller's own keys are temporary. */
  securityToken?: string
  /** Required: Aliyun has no federation-token call, only AssumeRole. */
  roleArn: string
  /** STS region; the endpoint is then `https://sts.<region>.aliyuncs.com`. Default: global. */
  region?: string
  /** `RoleSessionName`, 2-64 of `[A-Za-z0-9.@_-]` (2-32 in strict mode). Default `aury`. */
  roleSessionName?: string
  externalId?: string
  /** The role's MaxSessionDuration (3600..43200). Default 3600, the RAM default. */
  maxDurationSeconds?: number
  /** Older, universally accepted limits: session name <= 32, policy <= 1024 characters. */
  strict?: boolean
  /** The STS endpoint. Operator configuration only, never request data. */
  endpoint?: string
  /**
   * The object-storage endpoint written into the credentials. Default: OSS's native endpoint
   * `https://oss-<request region>.aliyuncs.com` (not the S3-compatible `s3.oss-...` one, where
   * STS tokens are unconfirmed).
   */
  credentialsEndpoint?: string
  /** Permit `http:` endpoints that are not loopback hosts. Default `false`. */
  allowHttp?: boolean
  fetch?: typeof globalThis.fetch
  /** Clock in ms since the epoch. Default `Date.now`. */
  now?: () => number
  /** `x-acs-signature-nonce` source (unique per attempt). Default: 16 random bytes in hex. */
  nonce?: () => string
  /** Per-attempt time limit in ms. Default 10 000. */
  timeoutMs?: number
  /** Attempts per call including the first. Default 3. */
  maxAttempts?: number
  logger?: Logger
  /** A transport to share; built from the options otherwise. */
  transport?: HttpTransport
}

const STS_VERSION = '2015-04-01'
const SIGNATURE_CODES = new Set(['SignatureDoesNotMatch', 'IncompleteSignature'])

/**
 * Issues scoped temporary credentials for OSS with Aliyun STS AssumeRole. The policy comes from
 * `buildAliyunPolicy`; duration, policy length, session name and role ARN are checked before
 * any request. The call is a form-encoded POST signed with ACS3-HMAC-SHA256 (V3: the same
 * canonical-request structure as SigV4, hex SHA-256, no double encoding), sent through
 * sts-core's `HttpTransport`. The answer maps `AccessKeySecret` to `secretAccessKey` and
 * `SecurityToken` to `sessionToken`; the endpoint is OSS's native one for the region.
 *
 * @example
 * ```ts
 * const provider = new AliyunSTSProvider({
 *   accessKeyId: process.env.ALIYUN_ACCESS_KEY_ID!,
 *   accessKeySecret: process.env.ALIYUN_ACCESS_KEY_SECRET!,
 *   roleArn: 'acs:ram::1234567890123456:role/oss-uploader',
 *   region: 'cn-hangzhou',
 * })
 * const credentials = await provider.getCredentials({
 *   bucket: 'photos', region: 'cn-hangzhou', allowPath: 'user/42/',
 * })
 * ```
 */
export class AliyunSTSProvider implements STSProvider {
  readonly type = ProviderType.ALIYUN
  readonly #accessKeyId: string
  readonly #accessKeySecret: string
  readonly #securityToken: string | undefined
  readonly #roleArn: string
  readonly #roleSessionName: string
  readonly #externalId: string | undefined
  readonly #maxDuration: number
  readonly #strict: boolean
  readonly #endpoint: string
  readonly #credentialsEndpoint: string | undefined
  readonly #nonce: (() => string) | undefined
  readonly #transport: HttpTransport
  readonly #logger: Logger | undefined

  constructor(options: AliyunSTSProviderOptions) {
    if (options === null || typeof options !== 'object') {
      throw new ValidationError('AliyunSTSProvider needs an options object', {
        code: ErrorCode.InvalidConfig,
      })
    }
    this.#accessKeyId = requireConfigString(options.accessKeyId, 'accessKeyId')
    this.#accessKeySecret = requireConfigString(options.accessKeySecret, 'accessKeySecret')
    if (options.securityToken !== undefined) {
      this.#securityToken = requireConfigString(options.securityToken, 'securityToken')
    }
    if (options.roleArn === undefined) {
      throw new ValidationError(
        'roleArn is required: Aliyun STS only offers AssumeRole (acs:ram::<account>:role/<name>)',
        { code: ErrorCode.InvalidConfig, field: 'roleArn' },
      )
    }
    this.#roleArn = checkAliyunRoleArn(options.roleArn)
    this.#strict = options.strict === true
    this.#roleSessionName = checkRoleSessionName(options.roleSessionName ?? 'aury', this.#strict)
    if (options.externalId !== undefined) {
      this.#externalId = checkAliyunExternalId(options.externalId)
    }
    this.#maxDuration =
      options.maxDurationSeconds === undefined
        ? ALIYUN_STS_LIMITS.defaultMaxDurationSeconds
        : checkAliyunDuration(options.maxDurationSeconds, ALIYUN_STS_LIMITS.maxDurationSeconds)
    let defaultEndpoint = 'https://sts.aliyuncs.com'
    if (options.region !== undefined) {
      if (
        typeof options.region !== 'string' ||
        !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(options.region)
      ) {
        throw new ValidationError('region must be one DNS label like "cn-hangzhou"', {
          code: ErrorCode.InvalidRegion,
          field: 'region',
        })
      }
      defaultEndpoint = `https://sts.${options.region}.aliyuncs.com`
    }
    const allowHttp = options.allowHttp === true
    this.#endpoint = checkEndpoint(options.endpoint ?? defaultEndpoint, 'endpoint', allowHttp)
    if (options.credentialsEndpoint !== undefined) {
      this.#credentialsEndpoint = checkEndpoint(
        options.credentialsEndpoint,
        'credentialsEndpoint',
        allowHttp,
      )
    }
    if (options.nonce !== undefined && typeof options.nonce !== 'function') {
      throw new ValidationError('nonce must be a function', {
        code: ErrorCode.InvalidConfig,
        field: 'nonce',
      })
    }
    this.#nonce = options.nonce
    this.#logger = options.logger
    this.#transport =
      options.transport ??
      new HttpTransport({
        provider: ProviderType.ALIYUN,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
        secrets: () => [this.#accessKeySecret, this.#securityToken],
      })
  }

  /**
   * Validates the request, builds the RAM policy and calls AssumeRole.
   *
   * @example
   * ```ts
   * const credentials = await provider.getCredentials(
   *   { bucket: 'photos', region: 'cn-hangzhou', allowPath: 'user/42/', actionType: 'all' },
   *   { signal: AbortSignal.timeout(5000) },
   * )
   * ```
   */
  async getCredentials(
    request: STSRequestInput | STSRequest,
    options: GetCredentialsOptions = {},
  ): Promise<STSCredentials> {
    const parsed = parseSTSRequest(request)
    const durationSeconds = checkAliyunDuration(parsed.durationSeconds, this.#maxDuration)
    const policy = checkAliyunPolicy(
      JSON.stringify(
        buildAliyunPolicy({
          bucket: parsed.bucket,
          region: parsed.region,
          allowPath: parsed.allowPath,
          actionType: parsed.actionType,
        }),
      ),
      this.#strict,
    )
    const params: Record<string, string> = {
      RoleArn: this.#roleArn,
      RoleSessionName: this.#roleSessionName,
      DurationSeconds: String(durationSeconds),
      Policy: policy,
    }
    if (this.#externalId) params.ExternalId = this.#externalId
    const body = encodeForm(params)
    const url = `${this.#endpoint}/`

    const { value, attempts } = await this.#transport.send<AliyunSTSResult>({
      operation: 'AssumeRole',
      signal: options.signal,
      sign: async (now) => ({
        url,
        method: 'POST',
        body,
        headers: await signACS3(
          {
            method: 'POST',
            url,
            headers: {
              'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
              accept: 'application/json',
              'x-acs-action': 'AssumeRole',
              'x-acs-version': STS_VERSION,
            },
            body,
          },
          {
            accessKeyId: this.#accessKeyId,
            accessKeySecret: this.#accessKeySecret,
            ...(this.#securityToken ? { securityToken: this.#securityToken } : {}),
            date: now,
            ...(this.#nonce ? { nonce: this.#nonce() } : {}),
          },
        ),
      }),
      interpret: (response) => this.#interpret(response),
    })
    this.#logger?.debug?.('sts credentials issued', {
      provider: ProviderType.ALIYUN,
      operation: 'AssumeRole',
      requestId: value.requestId,
      expiration: value.expiration.toISOString(),
      attempts,
    })
    return createSTSCredentials({
      accessKeyId: value.accessKeyId,
      secretAccessKey: value.accessKeySecret,
      sessionToken: value.securityToken,
      expiration: value.expiration,
      startTime: new Date(value.expiration.getTime() - durationSeconds * 1000),
      region: parsed.region,
      endpoint: this.#credentialsEndpoint ?? `https://oss-${parsed.region}.aliyuncs.com`,
      bucket: parsed.bucket,
      provider: ProviderType.ALIYUN,
      ...(value.requestId ? { requestId: value.requestId } : {}),
    })
  }

  #interpret(response: TransportResponse): TransportOutcome<AliyunSTSResult> {
    if (response.status >= 200 && response.status < 300) {
      const result = parseAliyunSTSResult(response.body)
      if (!result) {
        // The body may hold credentials: never quote it.
        throw new STSError('aliyun AssumeRole returned an unreadable success response', {
          code: ErrorCode.InvalidResponse,
          provider: ProviderType.ALIYUN,
          httpStatus: response.status,
        })
      }
      return { value: result }
    }
    const error = parseAliyunSTSError(response.body)
    if (!error) {
      return {
        failure: {
          code: ErrorCode.InvalidResponse,
          message: `HTTP ${response.status} without an STS error document`,
        },
      }
    }
    return {
      failure: {
        code: error.code,
        message: error.message,
        ...(error.requestId ? { requestId: error.requestId } : {}),
        ...(SIGNATURE_CODES.has(error.code) ? { signature: true } : {}),
        // A replayed nonce is fixed by the next attempt's fresh nonce.
        ...(error.code === 'SignatureNonceUsed' ? { retry: 'transient' as const } : {}),
      },
    }
  }
}

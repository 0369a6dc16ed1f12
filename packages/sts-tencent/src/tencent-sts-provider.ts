import { ErrorCode, protectSecrets, STSError, ValidationError } from '@aury/errors'
import { appidFromBucket, buildTencentPolicy } from '@aury/policy'
import {
  createSTSCredentials,
  type GetCredentialsOptions,
  HttpTransport,
  ProviderType,
  parseSTSRequest,
  type RetryKind,
  type STSCredentials,
  type STSProvider,
  type STSRequest,
  type STSRequestInput,
  type TransportOutcome,
  type TransportResponse,
} from '@aury/sts-core'
import {
  ASSUME_ROLE_MAX_DURATION_SECONDS,
  type ResolvedTencentSTSConfig,
  resolveTencentSTSConfig,
  type TencentSTSConfig,
} from './tencent-sts-config'
import { TencentTC3Signer } from './tencent-tc3-signer'

/** The fields of a Tencent STS success body, as the server names them. */
export interface TencentSTSResponse {
  Credentials: { Token: string; TmpSecretId: string; TmpSecretKey: string }
  ExpiredTime: number
  Expiration?: string | null
  RequestId: string
}

const SIGNATURE_CODES = new Set([
  'AuthFailure.SignatureFailure',
  'AuthFailure.SignatureExpire',
  'AuthFailure.InvalidAuthorization',
])
const TRANSIENT_CODES = new Set([
  'InternalError',
  'InternalError.SystemError',
  'InternalError.UnknownError',
  'InternalError.DbError',
])

function retryFor(code: string): RetryKind | false | undefined {
  if (TRANSIENT_CODES.has(code)) return 'transient'
  return undefined
}

function invalidResponse(message: string, status: number, requestId?: string): STSError {
  return new STSError(`tencent STS returned an invalid response: ${message}`, {
    code: ErrorCode.InvalidResponse,
    provider: ProviderType.TENCENT,
    httpStatus: status,
    requestId,
  })
}

function interpret(response: TransportResponse): TransportOutcome<TencentSTSResponse> {
  let json: unknown
  try {
    json = JSON.parse(response.body)
  } catch {
    return {
      failure: {
        code: ErrorCode.InvalidResponse,
        message: `HTTP ${response.status}, body is not JSON`,
        retry: response.status >= 500 ? undefined : false,
      },
    }
  }
  const body = (json as { Response?: Record<string, unknown> } | null)?.Response
  if (!body || typeof body !== 'object') {
    return {
      failure: {
        code: ErrorCode.InvalidResponse,
        message: `HTTP ${response.status}, no Response object`,
        retry: response.status >= 500 ? undefined : false,
      },
    }
  }
  const requestId = typeof body.RequestId === 'string' ? body.RequestId : undefined
  const error = body.Error as { Code?: unknown; Message?: unknown } | undefined
  if (error && typeof error === 'object') {
    const code = typeof error.Code === 'string' && error.Code ? error.Code : 'UnknownError'
    return {
      failure: {
        code,
        message: typeof error.Message === 'string' ? error.Message : '',
        requestId,
        signature: SIGNATURE_CODES.has(code),
        retry: retryFor(code),
      },
    }
  }
  if (response.status >= 300) {
    return {
      failure: { code: ErrorCode.InvalidResponse, message: `HTTP ${response.status}`, requestId },
    }
  }
  const credentials = body.Credentials as Record<string, unknown> | undefined
  if (
    !credentials ||
    typeof credentials.Token !== 'string' ||
    typeof credentials.TmpSecretId !== 'string' ||
    typeof credentials.TmpSecretKey !== 'string' ||
    !credentials.TmpSecretId ||
    !credentials.TmpSecretKey
  ) {
    throw invalidResponse('Credentials are missing', response.status, requestId)
  }
  let expiredTime = body.ExpiredTime
  if (typeof expiredTime !== 'number' && typeof body.Expiration === 'string') {
    const parsed = Date.parse(body.Expiration)
    if (!Number.isNaN(parsed)) expiredTime = Math.floor(parsed / 1000)
  }
  if (typeof expiredTime !== 'number' || !Number.isFinite(expiredTime) || expiredTime <= 0) {
    throw invalidResponse('ExpiredTime is missing', response.status, requestId)
  }
  return {
    value: {
      Credentials: {
        Token: credentials.Token,
        TmpSecretId: credentials.TmpSecretId,
        TmpSecretKey: credentials.TmpSecretKey,
      },
      ExpiredTime: expiredTime,
      Expiration: typeof body.Expiration === 'string' ? body.Expiration : null,
      RequestId: requestId ?? '',
    },
  }
}

/**
 * Issues Tencent Cloud temporary credentials for COS: GetFederationToken by default,
 * AssumeRole when `roleArn` is set (API version 2018-08-13, TC3-HMAC-SHA256). The request is
 * validated and turned into a CAM policy (current resource form, no `principal`) before any
 * network call; the policy is sent as `encodeURIComponent(JSON.stringify(policy))`, once.
 *
 * Durations: GetFederationToken 900..7200 s (raise the maximum to 129600 with
 * `maxFederationDurationSeconds` when the caller is a sub-account), AssumeRole 900..43200 s;
 * anything else is an `InvalidDuration` `ValidationError`. Tencent documents no minimum; 900 is
 * the floor shared by every Aury provider.
 *
 * Result mapping: `TmpSecretId` -> `accessKeyId`, `TmpSecretKey` -> `secretAccessKey`,
 * `Token` -> `sessionToken`, `ExpiredTime` -> `expiration`; `endpoint` is
 * `https://cos.<region>.myqcloud.com` for the bucket's region; `startTime` is **derived** as
 * `ExpiredTime - DurationSeconds` (the server does not return it). Cloud refusals become
 * `STSRequestError` with the cloud's `code`, `cloudMessage` and `requestId` (signature codes:
 * `STSSignatureError`); a success body without credentials is an `STSError` `InvalidResponse`.
 *
 * @example
 * ```ts
 * const provider = new TencentSTSProvider({ secretId, secretKey })
 * const credentials = await provider.getCredentials({
 *   bucket: 'my-bucket-1250000000',
 *   region: 'ap-guangzhou',
 *   allowPath: 'user/123/',
 *   actionType: ActionType.WRITE,
 *   durationSeconds: 900,
 * })
 * ```
 */
export class TencentSTSProvider implements STSProvider {
  readonly type = ProviderType.TENCENT
  readonly #config: ResolvedTencentSTSConfig
  readonly #signer: TencentTC3Signer
  readonly #transport: HttpTransport

  constructor(config: TencentSTSConfig) {
    this.#config = resolveTencentSTSConfig(config)
    const secretKey = this.#config.secretKey
    this.#signer = new TencentTC3Signer({
      secretId: this.#config.secretId,
      secretKey,
      service: 'sts',
    })
    this.#transport = new HttpTransport({
      provider: ProviderType.TENCENT,
      fetch: config.fetch,
      now: config.now,
      sleep: config.sleep,
      random: config.random,
      timeoutMs: config.timeoutMs,
      maxAttempts: config.maxAttempts,
      logger: config.logger,
      secrets: () => [secretKey],
    })
    protectSecrets(this, ['type'])
  }

  /** `AssumeRole` when `roleArn` is configured, otherwise `GetFederationToken`. */
  get action(): 'AssumeRole' | 'GetFederationToken' {
    return this.#config.roleArn ? 'AssumeRole' : 'GetFederationToken'
  }

  /**
   * The configuration without secrets (`secretKey` shown as `[REDACTED]`).
   *
   * @example
   * ```ts
   * logger.info(provider.config) // { secretId: 'AKID...', secretKey: '[REDACTED]', ... }
   * ```
   */
  get config(): Record<string, unknown> {
    const c = this.#config
    return {
      secretId: c.secretId,
      secretKey: '[REDACTED]',
      region: c.region,
      roleArn: c.roleArn,
      roleSessionName: c.roleSessionName,
      name: c.name,
      appid: c.appid,
      endpoint: c.endpoint.href,
      maxFederationDurationSeconds: c.maxFederationDurationSeconds,
    }
  }

  /**
   * Validates the request, builds the CAM policy and calls STS.
   *
   * @example
   * ```ts
   * const credentials = await provider.getCredentials(
   *   { bucket: 'my-bucket-1250000000', region: 'ap-guangzhou', allowPath: 'user/123/' },
   *   { signal: AbortSignal.timeout(5000) },
   * )
   * ```
   */
  async getCredentials(
    input: STSRequestInput | STSRequest,
    options: GetCredentialsOptions = {},
  ): Promise<STSCredentials> {
    const request = parseSTSRequest(input)
    const config = this.#config
    const action = this.action
    const max =
      action === 'AssumeRole'
        ? ASSUME_ROLE_MAX_DURATION_SECONDS
        : config.maxFederationDurationSeconds
    if (request.durationSeconds > max) {
      throw new ValidationError(`durationSeconds must be 900..${max} for Tencent ${action}`, {
        code: ErrorCode.InvalidDuration,
        field: 'durationSeconds',
        provider: ProviderType.TENCENT,
        details: { max, action },
      })
    }
    const policy = buildTencentPolicy({
      bucket: request.bucket,
      region: request.region,
      allowPath: request.allowPath,
      actionType: request.actionType,
      ...(config.appid !== undefined && { appid: config.appid }),
    })
    const params: Record<string, unknown> =
      action === 'AssumeRole'
        ? { RoleArn: config.roleArn, RoleSessionName: config.roleSessionName }
        : { Name: config.name }
    params.Policy = encodeURIComponent(JSON.stringify(policy))
    params.DurationSeconds = request.durationSeconds
    const body = JSON.stringify(params)
    const url = config.endpoint.href

    const { value } = await this.#transport.send({
      operation: action,
      signal: options.signal,
      sign: (now) =>
        this.#signer
          .sign({
            action,
            payload: body,
            region: config.region,
            timestamp: Math.floor(now.getTime() / 1000),
            host: config.endpoint.hostname,
          })
          .then((headers) => {
            const { Host: _host, ...rest } = headers
            return { url, method: 'POST', headers: rest, body }
          }),
      interpret,
    })

    const bucket =
      config.appid !== undefined && appidFromBucket(request.bucket) === undefined
        ? `${request.bucket}-${config.appid}`
        : request.bucket
    return createSTSCredentials({
      accessKeyId: value.Credentials.TmpSecretId,
      secretAccessKey: value.Credentials.TmpSecretKey,
      sessionToken: value.Credentials.Token,
      expiration: new Date(value.ExpiredTime * 1000),
      startTime: new Date((value.ExpiredTime - request.durationSeconds) * 1000),
      region: request.region,
      endpoint: `https://cos.${request.region}.myqcloud.com`,
      bucket,
      provider: ProviderType.TENCENT,
      ...(value.RequestId ? { requestId: value.RequestId } : {}),
    })
  }
}

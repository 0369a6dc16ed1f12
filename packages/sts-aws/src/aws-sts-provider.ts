import { ErrorCode, STSError, ValidationError } from '@aury/errors'
import { buildAwsPolicy, serializeAwsPolicy } from '@aury/policy'
import { encodeForm, signV4 } from '@aury/signing'
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
  AWS_STS_LIMITS,
  checkDuration,
  checkExternalId,
  checkRoleArn,
  checkSessionPolicy,
  checkStsName,
} from './aws-sts-limits'
import { type AwsSTSResult, parseAwsSTSError, parseAwsSTSResult } from './aws-sts-xml'

/**
 * Options of {@link AwsSTSProvider}. The access key pair is the caller's long-term identity
 * (an IAM user, or a MinIO user) and never leaves the server.
 */
export interface AwsSTSProviderOptions {
  accessKeyId: string
  secretAccessKey: string
  /** Set when the caller's own keys are temporary (AssumeRole then caps at one hour). */
  sessionToken?: string
  /** The STS signing region, e.g. `us-east-1`; also picks the default regional endpoint. */
  region: string
  /** When set, AssumeRole on this role; otherwise GetFederationToken (AWS only). */
  roleArn?: string
  /** AssumeRole `RoleSessionName`, 2-64 of `[\w+=,.@-]`. Default `aury`. */
  roleSessionName?: string
  /** GetFederationToken `Name`, 2-32 of `[\w+=,.@-]`. Default `aury`. */
  federationName?: string
  /** AssumeRole `ExternalId`, 2-1224 characters. */
  externalId?: string
  /**
   * `aws` (default) or `minio`: MinIO serves only AssumeRole (any `roleArn`, or none),
   * accepts durations up to 604800 s, and its credentials are used on the MinIO endpoint.
   */
  flavor?: 'aws' | 'minio'
  /**
   * Longest duration to allow, for a role whose MaxSessionDuration is below the API maximum.
   * Must not exceed the API maximum of the operation.
   */
  maxDurationSeconds?: number
  /**
   * The STS endpoint. Default `https://sts.<region>.amazonaws.com` (`.amazonaws.com.cn` in
   * China). Required for MinIO (its S3 URL). Operator configuration only, never request data.
   */
  endpoint?: string
  /**
   * The object-storage endpoint written into the credentials. Default
   * `https://s3.<request region>.amazonaws.com`; for MinIO the `endpoint`.
   */
  credentialsEndpoint?: string
  /** Also grant `s3:ListBucket`, limited to the allowed prefix. Default `false`. */
  allowList?: boolean
  /** Permit `http:` endpoints that are not loopback hosts. Default `false`. */
  allowHttp?: boolean
  fetch?: typeof globalThis.fetch
  /** Clock in ms since the epoch. Default `Date.now`. */
  now?: () => number
  /** Per-attempt time limit in ms. Default 10 000. */
  timeoutMs?: number
  /** Attempts per call including the first. Default 3. */
  maxAttempts?: number
  logger?: Logger
  /** A transport to share (tests, custom retry settings); built from the options otherwise. */
  transport?: HttpTransport
}

const STS_VERSION = '2011-06-15'
const SIGNATURE_CODES = new Set(['SignatureDoesNotMatch', 'IncompleteSignature'])

function awsDomain(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
}

/**
 * Issues scoped temporary credentials with AWS STS (`AssumeRole` when `roleArn` is set, else
 * `GetFederationToken`) or with MinIO's STS API (`flavor: 'minio'`, AssumeRole). The session
 * policy comes from `buildAwsPolicy` (the allowed prefix, the actions of the action type);
 * every documented limit (duration range, 2048-character policy, names) is checked before any
 * request. The call is a form-encoded POST signed with SigV4 (service `sts`), sent through
 * sts-core's `HttpTransport` (timeout, retries on throttling and 5xx, clock-skew correction).
 * Refusals become `STSRequestError` (`STSSignatureError` for signature codes) with the cloud's
 * code and request id. Neither errors nor `util.inspect` of the provider show a secret.
 *
 * @example
 * ```ts
 * const provider = new AwsSTSProvider({
 *   accessKeyId: process.env.AWS_ACCESS_KEY_ID!,
 *   secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY!,
 *   region: 'us-east-1',
 *   roleArn: 'arn:aws:iam::123456789012:role/uploader',
 * })
 * const credentials = await provider.getCredentials({
 *   bucket: 'photos', region: 'us-east-1', allowPath: 'user/42/', actionType: 'write',
 * })
 * ```
 */
export class AwsSTSProvider implements STSProvider {
  readonly type = ProviderType.AWS
  readonly #accessKeyId: string
  readonly #secretAccessKey: string
  readonly #sessionToken: string | undefined
  readonly #region: string
  readonly #roleArn: string | undefined
  readonly #roleSessionName: string
  readonly #federationName: string
  readonly #externalId: string | undefined
  readonly #flavor: 'aws' | 'minio'
  readonly #maxDuration: number
  readonly #endpoint: string
  readonly #credentialsEndpoint: string | undefined
  readonly #allowList: boolean
  readonly #transport: HttpTransport
  readonly #logger: Logger | undefined

  constructor(options: AwsSTSProviderOptions) {
    if (options === null || typeof options !== 'object') {
      throw new ValidationError('AwsSTSProvider needs an options object', {
        code: ErrorCode.InvalidConfig,
      })
    }
    this.#accessKeyId = requireConfigString(options.accessKeyId, 'accessKeyId')
    this.#secretAccessKey = requireConfigString(options.secretAccessKey, 'secretAccessKey')
    if (options.sessionToken !== undefined) {
      this.#sessionToken = requireConfigString(options.sessionToken, 'sessionToken')
    }
    const region = requireConfigString(options.region, 'region')
    if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(region)) {
      throw new ValidationError('region must be one DNS label like "us-east-1"', {
        code: ErrorCode.InvalidRegion,
        field: 'region',
      })
    }
    this.#region = region
    const flavor = options.flavor ?? 'aws'
    if (flavor !== 'aws' && flavor !== 'minio') {
      throw new ValidationError('flavor must be "aws" or "minio"', {
        code: ErrorCode.InvalidConfig,
        field: 'flavor',
      })
    }
    this.#flavor = flavor
    if (options.roleArn !== undefined) {
      this.#roleArn = checkRoleArn(options.roleArn, flavor === 'aws')
    }
    this.#roleSessionName = checkStsName(
      'roleSessionName',
      options.roleSessionName ?? 'aury',
      AWS_STS_LIMITS.roleSessionName,
    )
    this.#federationName = checkStsName(
      'federationName',
      options.federationName ?? 'aury',
      AWS_STS_LIMITS.federationName,
    )
    if (options.externalId !== undefined) this.#externalId = checkExternalId(options.externalId)
    if (flavor === 'aws' && !this.#roleArn && this.#sessionToken) {
      throw new ValidationError(
        'GetFederationToken needs an IAM user long-term key (no sessionToken); set roleArn',
        { code: ErrorCode.InvalidConfig, field: 'sessionToken' },
      )
    }
    const apiMax =
      flavor === 'minio'
        ? AWS_STS_LIMITS.minio.maxDurationSeconds
        : !this.#roleArn
          ? AWS_STS_LIMITS.getFederationToken.maxDurationSeconds
          : this.#sessionToken
            ? AWS_STS_LIMITS.roleChaining.maxDurationSeconds
            : AWS_STS_LIMITS.assumeRole.maxDurationSeconds
    if (options.maxDurationSeconds !== undefined) {
      checkDuration(options.maxDurationSeconds, apiMax, this.#operation)
    }
    this.#maxDuration = options.maxDurationSeconds ?? apiMax
    if (flavor === 'minio' && options.endpoint === undefined) {
      throw new ValidationError('flavor "minio" needs endpoint (the MinIO URL)', {
        code: ErrorCode.InvalidConfig,
        field: 'endpoint',
      })
    }
    const allowHttp = options.allowHttp === true
    this.#endpoint = checkEndpoint(
      options.endpoint ?? `https://sts.${region}.${awsDomain(region)}`,
      'endpoint',
      allowHttp,
    )
    const storage = options.credentialsEndpoint ?? (flavor === 'minio' ? this.#endpoint : undefined)
    if (storage !== undefined) {
      this.#credentialsEndpoint = checkEndpoint(storage, 'credentialsEndpoint', allowHttp)
    }
    this.#allowList = options.allowList === true
    this.#logger = options.logger
    this.#transport =
      options.transport ??
      new HttpTransport({
        provider: ProviderType.AWS,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
        secrets: () => [this.#secretAccessKey, this.#sessionToken],
      })
  }

  /** `AssumeRole` or `GetFederationToken`, as configured. */
  get #operation(): 'AssumeRole' | 'GetFederationToken' {
    return this.#roleArn || this.#flavor === 'minio' ? 'AssumeRole' : 'GetFederationToken'
  }

  /**
   * Validates the request, builds the session policy and calls STS.
   *
   * @example
   * ```ts
   * const credentials = await provider.getCredentials(
   *   { bucket: 'photos', region: 'us-east-1', allowPath: 'user/42/', actionType: 'read' },
   *   { signal: AbortSignal.timeout(5000) },
   * )
   * ```
   */
  async getCredentials(
    request: STSRequestInput | STSRequest,
    options: GetCredentialsOptions = {},
  ): Promise<STSCredentials> {
    const parsed = parseSTSRequest(request)
    const operation = this.#operation
    const durationSeconds = checkDuration(parsed.durationSeconds, this.#maxDuration, operation)
    const policy = checkSessionPolicy(
      serializeAwsPolicy(
        buildAwsPolicy({
          bucket: parsed.bucket,
          region: parsed.region,
          allowPath: parsed.allowPath,
          actionType: parsed.actionType,
          allowList: this.#allowList,
        }),
      ),
    )
    const params: Record<string, string> = { Action: operation, Version: STS_VERSION }
    if (operation === 'AssumeRole') {
      if (this.#roleArn) params.RoleArn = this.#roleArn
      params.RoleSessionName = this.#roleSessionName
      if (this.#externalId) params.ExternalId = this.#externalId
    } else {
      params.Name = this.#federationName
    }
    params.DurationSeconds = String(durationSeconds)
    params.Policy = policy
    const body = encodeForm(params)
    const url = `${this.#endpoint}/`

    const { value, attempts } = await this.#transport.send<AwsSTSResult>({
      operation,
      signal: options.signal,
      sign: async (now) => ({
        url,
        method: 'POST',
        body,
        headers: await signV4(
          {
            method: 'POST',
            url,
            headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
            body,
          },
          {
            accessKeyId: this.#accessKeyId,
            secretAccessKey: this.#secretAccessKey,
            ...(this.#sessionToken ? { sessionToken: this.#sessionToken } : {}),
            region: this.#region,
            service: 'sts',
            date: now,
          },
        ),
      }),
      interpret: (response) => this.#interpret(response, operation),
    })
    this.#logger?.debug?.('sts credentials issued', {
      provider: ProviderType.AWS,
      operation,
      requestId: value.requestId,
      expiration: value.expiration.toISOString(),
      packedPolicySize: value.packedPolicySize,
      attempts,
    })
    return createSTSCredentials({
      accessKeyId: value.accessKeyId,
      secretAccessKey: value.secretAccessKey,
      sessionToken: value.sessionToken,
      expiration: value.expiration,
      startTime: new Date(value.expiration.getTime() - durationSeconds * 1000),
      region: parsed.region,
      endpoint:
        this.#credentialsEndpoint ?? `https://s3.${parsed.region}.${awsDomain(parsed.region)}`,
      bucket: parsed.bucket,
      provider: ProviderType.AWS,
      ...(value.requestId ? { requestId: value.requestId } : {}),
    })
  }

  #interpret(response: TransportResponse, operation: string): TransportOutcome<AwsSTSResult> {
    const headerRequestId = response.headers.get('x-amzn-requestid') ?? undefined
    if (response.status >= 200 && response.status < 300) {
      const result = parseAwsSTSResult(response.body, operation)
      if (!result) {
        // The body may hold credentials: never quote it.
        throw new STSError(`aws ${operation} returned an unreadable success response`, {
          code: ErrorCode.InvalidResponse,
          provider: ProviderType.AWS,
          httpStatus: response.status,
          ...(headerRequestId ? { requestId: headerRequestId } : {}),
        })
      }
      if (!result.requestId && headerRequestId) result.requestId = headerRequestId
      return { value: result }
    }
    const error = parseAwsSTSError(response.body)
    if (!error) {
      return {
        failure: {
          code: ErrorCode.InvalidResponse,
          message: `HTTP ${response.status} without an STS error document`,
          ...(headerRequestId ? { requestId: headerRequestId } : {}),
        },
      }
    }
    const requestId = error.requestId ?? headerRequestId
    return {
      failure: {
        code: error.code,
        message: error.message,
        ...(requestId ? { requestId } : {}),
        ...(SIGNATURE_CODES.has(error.code) ? { signature: true } : {}),
      },
    }
  }
}

import { ErrorCode, ValidationError } from '@aury/errors'
import type { STSCredentials } from '@aury/sts-core'

/**
 * The object the native COS SDKs (`cos-nodejs-sdk-v5`, `cos-js-sdk-v5`) expect from their
 * `getAuthorization` callback. Times are Unix seconds.
 *
 * @example
 * ```ts
 * const auth: CosAuthorization = toCosAuthorization(credentials)
 * ```
 */
export interface CosAuthorization {
  TmpSecretId: string
  TmpSecretKey: string
  SecurityToken: string
  /** Start of validity, Unix seconds (derived; see `TencentSTSProvider`). */
  StartTime: number
  /** Expiry, Unix seconds. */
  ExpiredTime: number
}

/**
 * Adapts {@link STSCredentials} to the COS SDK's `getAuthorization` shape. When the credentials
 * carry no `startTime`, `StartTime` is the current time (seconds).
 *
 * @example
 * ```ts
 * const cos = new COS({
 *   getAuthorization: async (_options, callback) =>
 *     callback(toCosAuthorization(await provider.getCredentials(request))),
 * })
 * ```
 */
export function toCosAuthorization(
  credentials: STSCredentials,
  now: () => number = Date.now,
): CosAuthorization {
  if (!credentials || !(credentials.expiration instanceof Date)) {
    throw new ValidationError('toCosAuthorization needs STSCredentials with an expiration Date', {
      code: ErrorCode.InvalidArgument,
    })
  }
  const start = credentials.startTime?.getTime() ?? now()
  return {
    TmpSecretId: credentials.accessKeyId,
    TmpSecretKey: credentials.secretAccessKey,
    SecurityToken: credentials.sessionToken,
    StartTime: Math.floor(start / 1000),
    ExpiredTime: Math.floor(credentials.expiration.getTime() / 1000),
  }
}

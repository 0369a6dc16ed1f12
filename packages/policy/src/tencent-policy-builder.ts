import type { PolicyRequest } from './policy-request'
import { buildTencentPolicy } from './tencent-policy'

/**
 * Options of {@link TencentPolicyBuilder}.
 *
 * @example
 * ```ts
 * const options: TencentPolicyBuilderOptions = { appid: '1250000000' }
 * ```
 */
export interface TencentPolicyBuilderOptions {
  /** APPID to use instead of the bucket name's `-<digits>` suffix. */
  appid?: string
}

/**
 * Turns a {@link PolicyRequest} into the compact CAM policy JSON that Tencent STS expects in its
 * `Policy` parameter (URL-encode it once for a TC3 JSON body).
 *
 * @example
 * ```ts
 * const builder = new TencentPolicyBuilder()
 * const policy = builder.build({
 *   bucket: 'photos-1250000000',
 *   region: 'ap-guangzhou',
 *   allowPath: 'user/123/',
 * })
 * // '{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:PutObject",...],...}]}'
 * ```
 */
export class TencentPolicyBuilder {
  // `declare private`: a plain property set in the constructor, no class-field or #private
  // helper code in a bundle (the APPID is not a secret).
  declare private readonly appid: string | undefined

  constructor(options: TencentPolicyBuilderOptions = {}) {
    this.appid = options.appid
  }

  /** The compact JSON string of {@link buildTencentPolicy} for `request`. */
  build(request: PolicyRequest): string {
    const appid = this.appid
    return JSON.stringify(buildTencentPolicy(appid === undefined ? request : { ...request, appid }))
  }
}

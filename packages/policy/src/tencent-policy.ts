import { actionsFor } from './action-type'
import { appidFromBucket } from './appid-from-bucket'
import { reject } from './errors'
import { normalizeAllowPath } from './normalize-allow-path'
import type { PolicyRequest } from './policy-request'
import { assertRegion, badBucket } from './validate-names'

/**
 * One statement of a Tencent CAM policy. Element names are lower case, as CAM requires.
 *
 * @example
 * ```ts
 * const statement: TencentStatement = {
 *   effect: 'deny',
 *   action: ['name/cos:DeleteObject'],
 *   resource: ['*'],
 * }
 * ```
 */
export interface TencentStatement {
  effect: 'allow' | 'deny'
  action: string | string[]
  resource: string | string[]
  condition?: Record<string, Record<string, string | string[]>>
}

/**
 * A Tencent CAM policy document (`version: '2.0'`), as sent in the STS `Policy` parameter.
 * It never carries a `principal`, which STS refuses.
 *
 * @example
 * ```ts
 * const policy: TencentPolicy = buildTencentPolicy({
 *   bucket: 'photos-1250000000',
 *   region: 'ap-guangzhou',
 * })
 * policy.statement[0]?.resource // ['qcs::cos:ap-guangzhou:uid/1250000000:photos-1250000000/*']
 * ```
 */
export interface TencentPolicy {
  version: '2.0'
  statement: TencentStatement[]
}

/**
 * COS actions granted per access kind, in CAM's `name/cos:` form. `write` covers simple, POST
 * and multipart uploads; `all` is `read` followed by `write`.
 *
 * @example
 * ```ts
 * TENCENT_ACTIONS.read // ['name/cos:GetObject', 'name/cos:HeadObject']
 * ```
 */
export const TENCENT_ACTIONS = {
  read: ['name/cos:GetObject', 'name/cos:HeadObject'],
  write: [
    'name/cos:PutObject',
    'name/cos:PostObject',
    'name/cos:InitiateMultipartUpload',
    'name/cos:ListMultipartUploads',
    'name/cos:ListParts',
    'name/cos:UploadPart',
    'name/cos:CompleteMultipartUpload',
    'name/cos:AbortMultipartUpload',
  ],
} as const

const APPID = /^[0-9]{1,20}$/

/**
 * Resolves the full `<name>-<APPID>` bucket and its APPID, validating both. A bucket already
 * ending in 7 or more digits that differ from `appid` is refused rather than suffixed again.
 */
function resolveBucket(bucket: string, appid?: string): [bucket: string, appid: string] {
  if (appid !== undefined && (typeof appid !== 'string' || !APPID.test(appid))) {
    reject('InvalidConfig', 'appid', 'must be 1-20 digits', appid)
  }
  const suffix = appidFromBucket(bucket)
  const id = appid ?? suffix ?? badBucket('must end in "-<APPID>" unless appid is given', bucket)
  if (suffix !== id && suffix !== undefined && suffix.length > 6) {
    badBucket(`ends in APPID ${suffix}, not ${id}`, bucket)
  }
  const full = suffix === id ? bucket : `${bucket}-${id}`
  // `<name>-<APPID>`, the name 1-50 of `[a-z0-9-]`, not starting or ending with `-`
  if (typeof bucket !== 'string' || appidFromBucket(full) !== id || full.length > id.length + 51) {
    badBucket('name must be 1-50 of a-z, 0-9 and "-", not starting or ending with "-"', bucket)
  }
  return [full, id]
}

/**
 * The CAM resource of one COS object key (or key pattern) in the current resource form
 * `qcs::cos:<region>:uid/<APPID>:<bucket>/<key>`. Use it to ask {@link isAllowed} about a key.
 *
 * @example
 * ```ts
 * tencentObjectResource({
 *   bucket: 'photos-1250000000',
 *   region: 'ap-guangzhou',
 *   key: 'user/1/a.png',
 * })
 * // 'qcs::cos:ap-guangzhou:uid/1250000000:photos-1250000000/user/1/a.png'
 * ```
 */
export function tencentObjectResource(options: {
  bucket: string
  region: string
  key: string
  appid?: string
}): string {
  const region = assertRegion(options.region)
  const [bucket, appid] = resolveBucket(options.bucket, options.appid)
  return `qcs::cos:${region}:uid/${appid}:${bucket}/${options.key}`
}

/**
 * Builds the CAM policy for a request: one `allow` statement with the COS actions of the
 * action type (default `write`) on `qcs::cos:<region>:uid/<APPID>:<bucket>/<allowPath>*`.
 * The APPID comes from the bucket's `-<digits>` suffix unless `appid` is given (a bucket
 * without the suffix then gets `-<appid>` appended). Throws `ValidationError` before any I/O:
 * `InvalidBucketName`, `InvalidRegion`, `InvalidScope` or `InvalidConfig`.
 *
 * @example
 * ```ts
 * buildTencentPolicy({
 *   bucket: 'photos-1250000000',
 *   region: 'ap-guangzhou',
 *   allowPath: 'user/123',
 *   actionType: ActionType.READ,
 * })
 * // { version: '2.0', statement: [{ effect: 'allow',
 * //   action: ['name/cos:GetObject', 'name/cos:HeadObject'],
 * //   resource: ['qcs::cos:ap-guangzhou:uid/1250000000:photos-1250000000/user/123/*'] }] }
 * ```
 */
export function buildTencentPolicy(request: PolicyRequest & { appid?: string }): TencentPolicy {
  const action = actionsFor(request.actionType, TENCENT_ACTIONS)
  const key = `${normalizeAllowPath(request.allowPath ?? '')}*`
  const resource = [tencentObjectResource({ ...request, key })]
  return { version: '2.0', statement: [{ effect: 'allow', action, resource }] }
}

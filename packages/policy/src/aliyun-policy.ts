import { actionsFor } from './action-type'
import { normalizeAllowPath } from './normalize-allow-path'
import type { PolicyRequest } from './policy-request'
import { assertOssBucket, assertRegion } from './validate-names'

/**
 * One statement of an Aliyun RAM policy. Element names are capitalised; there is no principal.
 *
 * @example
 * ```ts
 * const statement: AliyunStatement = {
 *   Effect: 'Deny',
 *   Action: ['oss:DeleteObject'],
 *   Resource: ['acs:oss:*:*:photos/*'],
 * }
 * ```
 */
export interface AliyunStatement {
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Condition?: Record<string, Record<string, string | string[]>>
}

/**
 * An Aliyun RAM policy document (`Version: '1'`), used as an STS AssumeRole `Policy`.
 *
 * @example
 * ```ts
 * const policy: AliyunPolicy = buildAliyunPolicy({ bucket: 'photos', region: 'cn-hangzhou' })
 * ```
 */
export interface AliyunPolicy {
  Version: '1'
  Statement: AliyunStatement[]
}

/**
 * OSS actions per access kind, as OSS documents its API authorisation: HeadObject needs
 * `oss:GetObject`; PostObject, InitiateMultipartUpload, UploadPart and CompleteMultipartUpload
 * need `oss:PutObject`.
 *
 * @example
 * ```ts
 * ALIYUN_ACTIONS.write // ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListParts']
 * ```
 */
export const ALIYUN_ACTIONS = {
  read: ['oss:GetObject'],
  write: ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListParts'],
} as const

/**
 * Maximum length of an Aliyun STS `Policy`, in characters (older documentation: 1024). A
 * policy from {@link buildAliyunPolicy} always fits: its prefix is capped at 1023 bytes.
 *
 * @example
 * ```ts
 * JSON.stringify(policy).length <= ALIYUN_POLICY_MAX_CHARS
 * ```
 */
export const ALIYUN_POLICY_MAX_CHARS = 2048

/**
 * The RAM resource of one OSS object key (or key pattern), to ask {@link isAllowed} about a key.
 *
 * @example
 * ```ts
 * aliyunObjectResource({ bucket: 'photos', key: 'u/1/a.png' }) // 'acs:oss:*:*:photos/u/1/a.png'
 * ```
 */
export function aliyunObjectResource(options: { bucket: string; key: string }): string {
  return `acs:oss:*:*:${assertOssBucket(options.bucket)}/${options.key}`
}

/**
 * Builds the RAM policy for a request: one `Allow` statement with the OSS actions of the action
 * type (default `write`) on `acs:oss:*:*:<bucket>/<allowPath>*`. Throws `ValidationError` before
 * any I/O: `InvalidBucketName`, `InvalidRegion` or `InvalidScope`.
 *
 * @example
 * ```ts
 * buildAliyunPolicy({ bucket: 'photos', region: 'cn-hangzhou', allowPath: 'u/1/' })
 * // { Version: '1', Statement: [{ Effect: 'Allow',
 * //   Action: ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListParts'],
 * //   Resource: ['acs:oss:*:*:photos/u/1/*'] }] }
 * ```
 */
export function buildAliyunPolicy(request: PolicyRequest): AliyunPolicy {
  const actions = actionsFor(request.actionType, ALIYUN_ACTIONS)
  assertRegion(request.region)
  const prefix = normalizeAllowPath(request.allowPath ?? '')
  return {
    Version: '1',
    Statement: [
      {
        Effect: 'Allow',
        Action: actions,
        Resource: [aliyunObjectResource({ bucket: request.bucket, key: `${prefix}*` })],
      },
    ],
  }
}

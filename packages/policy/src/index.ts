export { ActionType } from './action-type'
export {
  ALIYUN_ACTIONS,
  ALIYUN_POLICY_MAX_CHARS,
  type AliyunPolicy,
  type AliyunStatement,
  aliyunObjectResource,
  buildAliyunPolicy,
} from './aliyun-policy'
export { appidFromBucket } from './appid-from-bucket'
export {
  AWS_ACTIONS,
  AWS_SESSION_POLICY_MAX_CHARS,
  type AwsPolicy,
  type AwsStatement,
  awsObjectResource,
  awsPolicySize,
  buildAwsPolicy,
  serializeAwsPolicy,
} from './aws-policy'
export { isAllowed } from './is-allowed'
export { MAX_ALLOW_PATH_BYTES, normalizeAllowPath } from './normalize-allow-path'
export type { PolicyRequest } from './policy-request'
export {
  buildTencentPolicy,
  TENCENT_ACTIONS,
  type TencentPolicy,
  type TencentStatement,
  tencentObjectResource,
} from './tencent-policy'
export { TencentPolicyBuilder, type TencentPolicyBuilderOptions } from './tencent-policy-builder'

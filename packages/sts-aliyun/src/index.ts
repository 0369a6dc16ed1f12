export {
  ALIYUN_STS_LIMITS,
  checkAliyunDuration,
  checkAliyunExternalId,
  checkAliyunPolicy,
  checkAliyunRoleArn,
  checkRoleSessionName,
} from './aliyun-sts-limits'
export { AliyunSTSProvider, type AliyunSTSProviderOptions } from './aliyun-sts-provider'
export {
  type AliyunSTSErrorBody,
  type AliyunSTSResult,
  parseAliyunSTSError,
  parseAliyunSTSResult,
} from './aliyun-sts-response'

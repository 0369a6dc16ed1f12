export {
  AWS_STS_LIMITS,
  checkDuration,
  checkExternalId,
  checkRoleArn,
  checkSessionPolicy,
  checkStsName,
} from './aws-sts-limits'
export { AwsSTSProvider, type AwsSTSProviderOptions } from './aws-sts-provider'
export {
  type AwsSTSErrorBody,
  type AwsSTSResult,
  parseAwsSTSError,
  parseAwsSTSResult,
} from './aws-sts-xml'

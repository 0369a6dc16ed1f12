export {
  isStorageSDKError,
  STSError,
  STSRequestError,
  STSSignatureError,
  StorageSDKError,
  ValidationError,
} from '@aury/errors'
export { AliyunSTSProvider, type AliyunSTSProviderOptions } from '@aury/sts-aliyun'
export { AwsSTSProvider, type AwsSTSProviderOptions } from '@aury/sts-aws'
export {
  ActionType,
  CachedSTSProvider,
  type CachedSTSProviderOptions,
  createSTSCredentials,
  credentialsFromJSON,
  credentialsToJSON,
  type GetCredentialsOptions,
  HttpTransport,
  type HttpTransportOptions,
  type Logger,
  ProviderType,
  parseSTSRequest,
  type STSCredentials,
  type STSCredentialsJSON,
  type STSProvider,
  STSProviderRegistry,
  type STSRequest,
  type STSRequestInput,
} from '@aury/sts-core'
export {
  type CosAuthorization,
  type TencentSTSConfig,
  TencentSTSProvider,
  TencentTC3Signer,
  toCosAuthorization,
} from '@aury/sts-tencent'
export { STSProviderFactory } from './sts-provider-factory'

export { ActionType } from '@aury/policy'
export {
  CachedSTSProvider,
  type CachedSTSProviderOptions,
} from './cached-sts-provider'
export { checkEndpoint } from './check-endpoint'
export {
  HttpTransport,
  type HttpTransportOptions,
  type RetryKind,
  type TransportCall,
  type TransportFailure,
  type TransportOutcome,
  type TransportRequest,
  type TransportResponse,
  type TransportResult,
} from './http-transport'
export type { Logger } from './logger'
export { ProviderType } from './provider-type'
export { requireConfigString } from './require-config-string'
export { isClockSkewCode, isThrottlingCode, isTransientStatus } from './retry-codes'
export {
  createSTSCredentials,
  credentialsFromJSON,
  credentialsToJSON,
  type STSCredentials,
  type STSCredentialsJSON,
} from './sts-credentials'
export type { GetCredentialsOptions, STSProvider } from './sts-provider'
export {
  type STSProviderCreator,
  STSProviderFactory,
  STSProviderRegistry,
} from './sts-provider-registry'
export {
  BUCKET_PATTERN,
  MAX_DURATION_SECONDS,
  MIN_DURATION_SECONDS,
  parseSTSRequest,
  REGION_PATTERN,
  type STSRequest,
  type STSRequestInput,
  stsRequestKey,
} from './sts-request'

export { ErrorCode, type ErrorCodeName } from './codes'
export { protectSecrets, REDACTED, redactObject, redactText } from './redact'
export { StorageBackendError, StorageError } from './storage-error'
export {
  isStorageSDKError,
  StorageSDKError,
  type StorageSDKErrorOptions,
} from './storage-sdk-error'
export {
  STSError,
  STSRequestError,
  type STSRequestErrorOptions,
  STSSignatureError,
} from './sts-error'
export { ValidationError } from './validation-error'

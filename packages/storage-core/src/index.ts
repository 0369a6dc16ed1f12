export { BaseStorage, settleBatch } from './base-storage'
export { bucketNameProblem, validateBucketName } from './bucket-name'
export { type ResolvedRange, resolveByteRange, validateByteRange } from './byte-range'
export { DEFAULT_CONTENT_TYPE, detectContentType, resolveContentType } from './content-type'
export { abortable, collectBytes, knownLength, toByteIterable } from './data-source'
export { MAX_EXPIRES_IN, validateExpiresIn } from './expires-in'
export { validateListOptions } from './list-options'
export { mapBounded, type Settled } from './map-bounded'
export { MAX_METADATA_BYTES, validateMetadata } from './metadata'
export { type ObjectInfo, ObjectInfoSchema } from './object-info'
export {
  compareKeys,
  MAX_OBJECT_KEY_BYTES,
  objectKeyProblem,
  utf8ByteLength,
  type ValidateObjectKeyOptions,
  validateObjectKey,
  validatePrefix,
} from './object-key'
export type {
  ByteRange,
  CopyOptions,
  DeleteFilesOptions,
  DeleteFilesResult,
  DownloadOptions,
  GetUrlOptions,
  ListEntry,
  ListObjectEntry,
  ListOptions,
  ListPrefixEntry,
  PresignedPost,
  PresignedPostOptions,
  PresignedRequest,
  Progress,
  Storage,
  StorageCapabilities,
  TransferOptions,
  UploadFilesOptions,
  UploadUrlOptions,
} from './storage'
export { StorageBackend, StorageBackendSchema } from './storage-backend'
export { type BatchFailure, StorageBatchError } from './storage-batch-error'
export {
  parseStorageConfig,
  STORAGE_CONFIG_LOGGABLE_FIELDS,
  type StorageConfig,
  type StorageConfigInput,
  StorageConfigSchema,
} from './storage-config'
export { abortedError, notFoundError, throwIfAborted, unsupportedError } from './storage-errors'
export {
  type FromCredentialsOptions,
  type StorageCreator,
  type StorageCredentialsAdapter,
  type StorageCredentialsLike,
  StorageFactory,
} from './storage-factory'
export {
  type StorageData,
  type StorageFile,
  StorageFileSchema,
  type WebByteStream,
} from './storage-file'
export { type UploadResult, UploadResultSchema } from './upload-result'

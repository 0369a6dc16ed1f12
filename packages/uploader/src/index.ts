export { defaultPathStyle, objectUrl } from './object-url'
export { upload } from './upload'
export type {
  PresignedPost,
  PresignedPut,
  UploadCredentials,
  UploadLogger,
  UploadOptions,
  UploadProgress,
  UploadResult,
} from './upload-options'
export {
  DEFAULT_PART_SIZE,
  MAX_PART_SIZE,
  MAX_PARTS,
  MIN_PART_SIZE,
} from './validate-upload-options'

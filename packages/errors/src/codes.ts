/**
 * Stable error codes used by Aury packages. Cloud refusals keep the cloud's own code
 * (`AuthFailure.SignatureFailure`, `AccessDenied`, ...); these are ours.
 */
export const ErrorCode = {
  InvalidArgument: 'InvalidArgument',
  InvalidConfig: 'InvalidConfig',
  InvalidObjectKey: 'InvalidObjectKey',
  InvalidBucketName: 'InvalidBucketName',
  InvalidRegion: 'InvalidRegion',
  InvalidDuration: 'InvalidDuration',
  InvalidScope: 'InvalidScope',
  PolicyTooLarge: 'PolicyTooLarge',
  UnknownProvider: 'UnknownProvider',
  UnknownBackend: 'UnknownBackend',
  Unsupported: 'Unsupported',
  SignatureError: 'SignatureError',
  NetworkError: 'NetworkError',
  Timeout: 'Timeout',
  Aborted: 'Aborted',
  InvalidResponse: 'InvalidResponse',
  NotFound: 'NotFound',
  AccessDenied: 'AccessDenied',
  PreconditionFailed: 'PreconditionFailed',
  EntityTooLarge: 'EntityTooLarge',
  UploadFailed: 'UploadFailed',
  BatchFailed: 'BatchFailed',
  CorsExposeHeaders: 'CorsExposeHeaders',
} as const

/** One of the built-in codes in {@link ErrorCode}. */
export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode]

export { buildAliyunRpcV1StringToSign } from './aliyun-rpc-v1'
export { formatAmzDate, formatIsoSeconds } from './amz-date'
export {
  buildCanonicalHeaders,
  type CanonicalHeaders,
  normalizeHeaderValue,
} from './canonical-headers'
export { canonicalQuery, type EncodedParam, parseQuery } from './canonical-query'
export { encodePath, normalizePathSegments, sigV4CanonicalUri } from './canonical-uri'
export { encodeForm } from './encode-form'
export { base64Utf8, type PostPolicySigningOptions } from './presign-post-v4'
export { buildACS3StringToSign, type SignedACS3 } from './sign-acs3'
export type { SignedTC3 } from './sign-tc3'
export type { PresignedV4, SignedV4 } from './sign-v4'
export {
  buildSigV4CanonicalRequest,
  buildSigV4StringToSign,
  type CanonicalRequestParts,
  EMPTY_SHA256,
  sigV4Scope,
  UNSIGNED_PAYLOAD,
} from './sigv4-canonical'
export { splitUrl, type UrlParts } from './split-url'
export { buildTC3CanonicalRequest, buildTC3StringToSign, tc3Date, tc3Scope } from './tc3-canonical'
export { toHex } from './to-hex'
export type {
  ACS3Options,
  AliyunRpcV1Options,
  MaybePromise,
  PostPolicyCondition,
  PresignedPost,
  PresignPostV4Options,
  PresignV4Options,
  SignableRequest,
  SigningSteps,
  SigV4Options,
  TC3Options,
} from './types'
export { percentDecode, uriEncode } from './uri-encode'
export { wirePath, wireQuery } from './wire-encode'

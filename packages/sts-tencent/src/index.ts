export { type CosAuthorization, toCosAuthorization } from './cos-authorization'
export {
  ASSUME_ROLE_MAX_DURATION_SECONDS,
  FEDERATION_MAX_DURATION_SECONDS,
  FEDERATION_SUB_ACCOUNT_MAX_DURATION_SECONDS,
  type ResolvedTencentSTSConfig,
  resolveTencentSTSConfig,
  TENCENT_STS_ENDPOINT,
  TENCENT_STS_REGION,
  type TencentSTSConfig,
} from './tencent-sts-config'
export { TencentSTSProvider, type TencentSTSResponse } from './tencent-sts-provider'
export {
  TENCENT_JSON_CONTENT_TYPE,
  TENCENT_STS_HOST,
  TENCENT_STS_VERSION,
  TencentTC3Signer,
  type TencentTC3SignerOptions,
  type TencentTC3SignInput,
} from './tencent-tc3-signer'

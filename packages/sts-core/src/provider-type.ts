/**
 * The clouds an {@link STSProvider} can issue credentials on. Values are the seed's lower-case
 * strings, so `ProviderType.TENCENT === 'tencent'`.
 *
 * @example
 * ```ts
 * const provider = STSProviderFactory.create(ProviderType.TENCENT, { secretId, secretKey })
 * ```
 */
export const ProviderType = {
  TENCENT: 'tencent',
  AWS: 'aws',
  ALIYUN: 'aliyun',
} as const

/** One of the values of {@link ProviderType}. */
export type ProviderType = (typeof ProviderType)[keyof typeof ProviderType]

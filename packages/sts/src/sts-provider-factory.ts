import { AliyunSTSProvider, type AliyunSTSProviderOptions } from '@aury/sts-aliyun'
import { AwsSTSProvider, type AwsSTSProviderOptions } from '@aury/sts-aws'
import { ProviderType, STSProviderRegistry } from '@aury/sts-core'
import { type TencentSTSConfig, TencentSTSProvider } from '@aury/sts-tencent'

/**
 * The provider registry with every cloud registered: `create(ProviderType.X, options)` returns
 * that cloud's provider, with `options` type-checked per cloud. It is built in one expression,
 * so importing `@aury/sts` has no side effects; adding a cloud is one more `.register(...)` line.
 *
 * @example
 * ```ts
 * import { ActionType, ProviderType, STSProviderFactory } from '@aury/sts'
 *
 * const provider = STSProviderFactory.create(ProviderType.TENCENT, { secretId, secretKey })
 * const credentials = await provider.getCredentials({
 *   bucket: 'my-bucket-1250000000',
 *   region: 'ap-guangzhou',
 *   allowPath: 'user/123/',
 *   actionType: ActionType.WRITE,
 *   durationSeconds: 900,
 * })
 * ```
 */
export const STSProviderFactory = new STSProviderRegistry()
  .register(ProviderType.TENCENT, (options: TencentSTSConfig) => new TencentSTSProvider(options))
  .register(ProviderType.AWS, (options: AwsSTSProviderOptions) => new AwsSTSProvider(options))
  .register(
    ProviderType.ALIYUN,
    (options: AliyunSTSProviderOptions) => new AliyunSTSProvider(options),
  )

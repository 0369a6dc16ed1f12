import { ErrorCode, ValidationError } from '@aury/errors'
import type { STSProvider } from './sts-provider'

/** Builds a provider from its options; registered under a {@link ProviderType}. */
export type STSProviderCreator<Options> = (options: Options) => STSProvider

/**
 * A registry of provider constructors keyed by provider type. The type parameter records which
 * options each registered type takes, so `create` is type-checked. `register` returns the same
 * registry with a wider type, so a pre-populated registry is one chained expression without side
 * effects at import time.
 *
 * @example
 * ```ts
 * const factory = new STSProviderRegistry()
 *   .register(ProviderType.TENCENT, (o: TencentSTSConfig) => new TencentSTSProvider(o))
 * const provider = factory.create(ProviderType.TENCENT, { secretId, secretKey })
 * ```
 */
export class STSProviderRegistry<Registered extends object = {}> {
  readonly #creators = new Map<string, STSProviderCreator<never>>()

  /**
   * Adds (or replaces) the constructor for `type` and returns this registry.
   *
   * @example
   * ```ts
   * registry.register('my-cloud', (options: MyOptions) => new MyProvider(options))
   * ```
   */
  register<Type extends string, Options>(
    type: Type,
    create: STSProviderCreator<Options>,
  ): STSProviderRegistry<Registered & { [K in Type]: Options }> {
    if (typeof type !== 'string' || type.length === 0 || typeof create !== 'function') {
      throw new ValidationError('register(type, create) needs a type name and a function', {
        code: ErrorCode.InvalidArgument,
      })
    }
    this.#creators.set(type, create as STSProviderCreator<never>)
    return this as unknown as STSProviderRegistry<Registered & { [K in Type]: Options }>
  }

  /**
   * Creates the provider registered under `type`. Throws a `ValidationError` with code
   * `UnknownProvider` when nothing is registered under that name.
   *
   * @example
   * ```ts
   * const provider = STSProviderFactory.create(ProviderType.TENCENT, { secretId, secretKey })
   * ```
   */
  create<Type extends keyof Registered & string>(
    type: Type,
    options: Registered[Type],
  ): STSProvider {
    const create = this.#creators.get(type as string) as STSProviderCreator<unknown> | undefined
    if (!create) {
      const known = [...this.#creators.keys()].join(', ') || 'none'
      throw new ValidationError(
        `Unknown STS provider type ${JSON.stringify(String(type)).slice(0, 64)}; ` +
          `registered: ${known}`,
        { code: ErrorCode.UnknownProvider, field: 'type' },
      )
    }
    return create(options)
  }

  /**
   * Whether a constructor is registered under `type`.
   *
   * @example
   * ```ts
   * if (!STSProviderFactory.has('aws')) throw new Error('install @aury/sts-aws')
   * ```
   */
  has(type: string): boolean {
    return this.#creators.has(type)
  }

  /**
   * The registered type names, in registration order.
   *
   * @example
   * ```ts
   * STSProviderFactory.types() // ['tencent']
   * ```
   */
  types(): string[] {
    return [...this.#creators.keys()]
  }
}

/**
 * The registry in `@aury/sts-core`, empty until you register providers. `@aury/sts` exports a
 * pre-populated `STSProviderFactory` with every cloud registered; use that one unless you
 * install providers individually.
 *
 * @example
 * ```ts
 * import { STSProviderFactory } from '@aury/sts-core'
 * import { TencentSTSProvider } from '@aury/sts-tencent'
 * const factory = STSProviderFactory.register(
 *   'tencent',
 *   (o: TencentSTSConfig) => new TencentSTSProvider(o),
 * )
 * ```
 */
export const STSProviderFactory: STSProviderRegistry = new STSProviderRegistry()

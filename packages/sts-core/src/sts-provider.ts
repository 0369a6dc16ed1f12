import type { ProviderType } from './provider-type'
import type { STSCredentials } from './sts-credentials'
import type { STSRequest, STSRequestInput } from './sts-request'

/** Per-call options of {@link STSProvider.getCredentials}. */
export interface GetCredentialsOptions {
  /** Cancels the call, including retries and backoff; rejects with code `Aborted`. */
  signal?: AbortSignal
}

/**
 * Issues temporary credentials scoped to one bucket, one path prefix and one kind of access.
 * Every cloud implements it; invalid requests are rejected with a `ValidationError` before any
 * network call, and cloud refusals become `STSRequestError`s.
 *
 * @example
 * ```ts
 * const credentials = await provider.getCredentials(
 *   { bucket: 'my-bucket-1250000000', region: 'ap-guangzhou', allowPath: 'user/123/' },
 *   { signal: AbortSignal.timeout(5000) },
 * )
 * ```
 */
export interface STSProvider {
  readonly type: ProviderType
  getCredentials(
    request: STSRequestInput | STSRequest,
    options?: GetCredentialsOptions,
  ): Promise<STSCredentials>
}

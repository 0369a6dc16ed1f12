import { StorageBackend, StorageFactory } from '@aury/storage-core'
import { LocalStorage } from './local-storage'
import { MemoryStorage } from './memory-storage'

/**
 * Register `local` and `memory` with `StorageFactory` (done when this package is imported;
 * call again after `StorageFactory.unregister`). `local` maps `basePath`, `bucketName`,
 * `baseUrl` and `signingSecret` from the config.
 *
 * @example
 * ```ts
 * registerLocalBackends()
 * const storage = StorageFactory.create(StorageBackend.LOCAL, { basePath: './uploads' })
 * ```
 */
export function registerLocalBackends(): void {
  StorageFactory.register(StorageBackend.LOCAL, (config) => {
    return new LocalStorage({
      basePath: config.basePath ?? './uploads',
      bucket: config.bucketName,
      baseUrl: config.baseUrl,
      signingSecret: config.signingSecret,
    })
  })
  StorageFactory.register(
    StorageBackend.MEMORY,
    (config) =>
      new MemoryStorage({
        bucket: config.bucketName,
        baseUrl: config.baseUrl,
        signingSecret: config.signingSecret,
      }),
  )
}

import { registerLocalBackends } from './register'

export type { DirentLike, FileHandleLike, FsLike, FsPromisesLike, StatsLike } from './fs-like'
export { applyListOptions } from './listing'
export { LOCAL_TEMP_PREFIX, LocalStorage, type LocalStorageOptions } from './local-storage'
export {
  createLocalStorageHandler,
  type LocalHandlerCors,
  type LocalStorageHandler,
  type LocalStorageHandlerOptions,
  type SignedUrlStorage,
} from './local-storage-handler'
export { MemoryStorage, type MemoryStorageOptions } from './memory-storage'
export { registerLocalBackends } from './register'
export { encodeKeyPath, SignedUrls, type SignedUrlsOptions } from './signed-urls'
export { toNodeListener } from './to-node-listener'
export {
  SIGNED_URL_PARAMS,
  timingSafeEqual,
  type UrlGrant,
  UrlSigner,
  type UrlSignerOptions,
  type VerifyFailure,
} from './url-signer'

registerLocalBackends()

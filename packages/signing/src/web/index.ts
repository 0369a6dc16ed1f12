/**
 * `@aury/signing`, WebCrypto build: the same API as the node:crypto build, for browsers,
 * workers, Deno and any runtime with `crypto.subtle`.
 *
 * @packageDocumentation
 */
export * from '../pure'
export * from './api'

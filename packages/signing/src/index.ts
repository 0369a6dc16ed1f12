/**
 * `@aury/signing`, node:crypto build: SigV4 (headers, presigned URLs, POST policies),
 * TC3-HMAC-SHA256, ACS3-HMAC-SHA256 and Aliyun RPC v1. Browsers, workers and Deno get the
 * WebCrypto build of the same API through the package's export conditions.
 *
 * @packageDocumentation
 */
export * from './node/api'
export * from './pure'

import type { Storage } from '@aury/storage-core'
import type { STSProvider } from '@aury/sts-core'

/** A request handler for signed local-storage URLs, mounted under `path`. */
export interface MountedHandler {
  /** Path prefix such as `/storage`; requests under it go to `handler`. */
  path: string
  handler: (request: Request) => Promise<Response> | Response
}

/**
 * What the demo server composes: a `Storage` for listing and download links, and either an
 * STS provider (the page uploads with `@aury/uploader` and temporary credentials) or presigned
 * upload URLs from the storage itself (the default, local mode).
 */
export interface DemoBackend {
  /** `local`, `minio`, `aws`, `tencent` or `aliyun`. */
  name: string
  storage: Storage
  /** STS mode when set: credentials scoped to `user/<id>/`, WRITE, 30 minutes. */
  sts?: {
    provider: STSProvider
    bucket: string
    region: string
  }
  /** Extra routes served by the same server (the local storage's signed-URL handler). */
  mount?: MountedHandler
  /** Releases clients, servers or files the backend holds. */
  close?: () => Promise<void>
}

import { createHash } from 'node:crypto'
import type { S3Client } from '@aws-sdk/client-s3'

interface BuildArgs {
  request: { headers: Record<string, string>; body?: unknown }
}
type Next = (args: BuildArgs) => Promise<unknown>

const NAME = 'auryContentMd5'

/**
 * Makes `client` send `Content-MD5` instead of the SDK's flexible checksum headers on
 * DeleteObjects, which S3-compatible services (MinIO, COS, OSS) require
 * (aws/aws-sdk-js-v3#6819, #6920). Idempotent.
 *
 * @example
 * ```ts
 * const client = new S3Client({ endpoint, forcePathStyle: true })
 * addContentMd5Middleware(client)
 * ```
 */
export function addContentMd5Middleware(client: S3Client): void {
  const stack = client.middlewareStack as unknown as {
    add: (fn: unknown, options: Record<string, unknown>) => void
    remove: (name: string) => boolean
  }
  stack.remove(NAME)
  stack.add(
    (next: Next, context: { commandName?: string }) => async (args: BuildArgs) => {
      if (context.commandName !== 'DeleteObjectsCommand') return next(args)
      const headers = args.request.headers
      for (const name of Object.keys(headers)) {
        const lower = name.toLowerCase()
        if (
          lower.startsWith('x-amz-checksum-') ||
          lower.startsWith('x-amz-sdk-checksum-') ||
          lower === 'content-md5'
        ) {
          delete headers[name]
        }
      }
      const body = args.request.body
      const bytes =
        typeof body === 'string'
          ? Buffer.from(body, 'utf8')
          : body instanceof Uint8Array
            ? body
            : new Uint8Array(0)
      headers['content-md5'] = createHash('md5').update(bytes).digest('base64')
      return next(args)
    },
    { step: 'build', priority: 'low', name: NAME, override: true },
  )
}

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'

/** A CORS rule for the buckets created at start-up. */
export interface S3rverCorsRule {
  /** Allowed origins; default `['*']`. */
  origins?: readonly string[]
  /** Allowed methods; default PUT, POST, GET, HEAD, DELETE. */
  methods?: readonly string[]
  /** Allowed request headers; default `['*']`. */
  headers?: readonly string[]
  /** Headers readable by the page; default `['ETag']`. */
  exposeHeaders?: readonly string[]
}

/** Options of {@link startS3rver}. */
export interface StartS3rverOptions {
  /** Buckets created at start-up (3 to 63 characters); default `['test-bucket']`. */
  buckets?: readonly string[]
  /**
   * CORS for every bucket: `true` for the permissive browser-upload rule, a rule object, a raw
   * `<CORSConfiguration>` XML string, or `false`/absent for none.
   */
  cors?: boolean | S3rverCorsRule | string
}

/** A running in-process s3rver (patched 3.7.1: AES continuation tokens, suffix ranges). */
export interface S3rverHandle {
  /** `http://127.0.0.1:<port>` (path-style addressing only). */
  endpoint: string
  port: number
  /** The only access key id s3rver accepts; the secret is never checked. */
  accessKeyId: 'S3RVER'
  secretAccessKey: 'S3RVER'
  region: 'us-east-1'
  buckets: readonly string[]
  /** The temporary data directory (deleted by `stop`). */
  directory: string
  /** Closes the server and deletes its data directory. Safe to call twice. */
  stop(): Promise<void>
}

function corsXml(rule: S3rverCorsRule): string {
  const tags = (name: string, values: readonly string[]) =>
    values.map((v) => `<${name}>${v}</${name}>`).join('')
  return (
    '<CORSConfiguration><CORSRule>' +
    tags('AllowedOrigin', rule.origins ?? ['*']) +
    tags('AllowedMethod', rule.methods ?? ['PUT', 'POST', 'GET', 'HEAD', 'DELETE']) +
    tags('AllowedHeader', rule.headers ?? ['*']) +
    tags('ExposeHeader', rule.exposeHeaders ?? ['ETag']) +
    '</CORSRule></CORSConfiguration>'
  )
}

/**
 * Starts s3rver in this process on 127.0.0.1, port 0, with a fresh temporary directory.
 *
 * @example
 * ```ts
 * const s3 = await startS3rver({ buckets: ['test-bucket'], cors: true })
 * // new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: s3.region, ... })
 * await s3.stop()
 * ```
 */
export async function startS3rver(options: StartS3rverOptions = {}): Promise<S3rverHandle> {
  const buckets = options.buckets ?? ['test-bucket']
  const cors = options.cors
  const configs: string[] = []
  if (typeof cors === 'string') configs.push(cors)
  else if (cors === true) configs.push(corsXml({}))
  else if (cors) configs.push(corsXml(cors))
  const directory = await mkdtemp(join(tmpdir(), 'aury-s3rver-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs })),
  })
  let address: { port: number }
  try {
    address = await server.run()
  } catch (error) {
    await rm(directory, { recursive: true, force: true })
    throw error
  }
  let stopped = false
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    buckets,
    directory,
    async stop() {
      if (stopped) return
      stopped = true
      // A request whose client was cut off mid-body (abort and fault tests) would keep close()
      // waiting forever: drop every open connection first.
      const http = (server as unknown as { httpServer?: { closeAllConnections?: () => void } })
        .httpServer
      const closing = server.close()
      http?.closeAllConnections?.()
      await closing
      await rm(directory, { recursive: true, force: true })
    },
  }
}

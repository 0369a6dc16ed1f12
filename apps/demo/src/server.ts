import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createAdaptorServer } from '@hono/node-server'
import { createApp } from './app'
import { createBackend, LOCAL_MAX_UPLOAD_BYTES } from './create-backend'
import type { DemoBackend } from './demo-backend'
import { appRoot, type DemoConfig, loadConfig } from './demo-config'
import { bundlePage } from './page-bundle'

export { bundlePage }

/** Options of {@link startDemo}. */
export interface StartDemoOptions {
  /** Configuration; read from `process.env` when absent. */
  config?: DemoConfig
  /** Where the page lives; default `dist/public` of the app. */
  publicDir?: string
  /** Bundle the page even if `app.js` exists (tests, dev runs). */
  rebuildPage?: boolean
  /** Resolve workspace packages to their sources when bundling the page. */
  fromSource?: boolean
}

/** A running demo server. */
export interface RunningDemo {
  url: string
  backend: DemoBackend
  close(): Promise<void>
}

/**
 * Starts the demo: listens on `config.host:config.port` (0 picks a free port), builds the
 * backend with the real URL (local signed URLs point at this server), bundles the page if
 * needed, and serves everything.
 */
export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const config = options.config ?? loadConfig()
  const publicDir = options.publicDir ?? join(appRoot, 'dist', 'public')
  if (options.rebuildPage || !existsSync(join(publicDir, 'app.js'))) {
    await bundlePage({
      outDir: publicDir,
      fromSource: options.fromSource ?? !import.meta.url.includes('/dist/'),
    })
  }
  let fetchHandler: (request: Request) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 })
  const server = createAdaptorServer({ fetch: (request: Request) => fetchHandler(request) })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url =
    config.publicUrl ??
    `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  let backend: DemoBackend
  try {
    backend = await createBackend(config, url)
  } catch (error) {
    server.close()
    throw error
  }
  const app = createApp({
    backend,
    publicDir,
    maxUploadBytes: config.backend === 'local' ? LOCAL_MAX_UPLOAD_BYTES : undefined,
  })
  fetchHandler = (request) => app.fetch(request)
  return {
    url,
    backend,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
      await backend.close?.()
    },
  }
}

async function main(): Promise<void> {
  const demo = await startDemo()
  process.stdout.write(`Aury demo (${demo.backend.name} backend) ready at ${demo.url}\n`)
  const stop = () => {
    demo.close().finally(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Aury demo failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exit(1)
  })
}

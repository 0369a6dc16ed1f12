import { createHash } from 'node:crypto'
import { lstat, readdir, readFile, readlink } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { type LocalStorageHandler, toNodeListener } from '../src/index'

export const SECRET = 'test-secret-0123456789abcdef'

/** A node:http server on 127.0.0.1 whose handler is set after the port is known. */
export async function startServer(): Promise<{
  url: string
  setHandler: (handler: LocalStorageHandler) => void
  close: () => Promise<void>
}> {
  let current: LocalStorageHandler = async () => new Response('not ready', { status: 503 })
  const server: Server = createServer(toNodeListener((request) => current(request)))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    setHandler: (handler) => {
      current = handler
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A hash of every path, type, symlink target and file content under `dir` (real fs). */
export async function snapshotTree(dir: string): Promise<string> {
  const hash = createHash('sha256')
  async function walk(path: string, rel: string): Promise<void> {
    const stats = await lstat(path)
    if (stats.isSymbolicLink()) {
      hash.update(`L ${rel} -> ${await readlink(path)}\n`)
    } else if (stats.isDirectory()) {
      hash.update(`D ${rel}\n`)
      const names = (await readdir(path)).sort()
      for (const name of names) await walk(join(path, name), `${rel}/${name}`)
    } else {
      hash.update(
        `F ${rel} ${createHash('sha256')
          .update(await readFile(path))
          .digest('hex')}\n`,
      )
    }
  }
  await walk(dir, '')
  return hash.digest('hex')
}

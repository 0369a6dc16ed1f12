import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runStorageConformance } from '@aury/storage-core/testing'
import { createLocalStorageHandler, LocalStorage } from '../src/index'
import { SECRET, snapshotTree, startServer } from './helpers'

runStorageConformance({
  name: 'LocalStorage on a temp dir (signed URLs via node:http)',
  create: async () => {
    const parent = await mkdtemp(join(tmpdir(), 'aury-local-'))
    const basePath = join(parent, 'root')
    await mkdir(join(parent, 'root-evil'), { recursive: true })
    await writeFile(join(parent, 'root-evil', 'secret.txt'), 'do not touch')
    await writeFile(join(parent, 'outside.txt'), 'outside')
    const server = await startServer()
    const storage = new LocalStorage({
      basePath,
      baseUrl: `${server.url}/files`,
      signingSecret: SECRET,
    })
    server.setHandler(createLocalStorageHandler(storage, { maxUploadBytes: 64 * 1024 * 1024 }))
    return {
      storage,
      snapshot: () => snapshotTree(parent),
      cleanup: async () => {
        await server.close()
        await rm(parent, { recursive: true, force: true })
      },
    }
  },
  extraHostileKeys: [`a/${'x'.repeat(256)}`, 'trailing/', `x/${'.aury-tmp-'}1`],
})

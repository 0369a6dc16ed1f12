import { createHash } from 'node:crypto'
import { runStorageConformance } from '@aury/storage-core/testing'
import { memfs } from 'memfs'
import { createLocalStorageHandler, LocalStorage } from '../src/index'
import { SECRET, startServer } from './helpers'

runStorageConformance({
  name: 'LocalStorage on memfs (signed URLs via node:http)',
  create: async () => {
    const { fs, vol } = memfs({ '/srv/root-evil/secret.txt': 'x', '/srv/outside.txt': 'y' })
    const server = await startServer()
    const storage = new LocalStorage({
      basePath: '/srv/root',
      fs,
      baseUrl: `${server.url}/files`,
      signingSecret: SECRET,
    })
    server.setHandler(createLocalStorageHandler(storage, { maxUploadBytes: 64 * 1024 * 1024 }))
    return {
      storage,
      snapshot: async () => createHash('sha256').update(JSON.stringify(vol.toJSON())).digest('hex'),
      cleanup: server.close,
    }
  },
})

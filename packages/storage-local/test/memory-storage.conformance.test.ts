import { runStorageConformance } from '@aury/storage-core/testing'
import { createLocalStorageHandler, MemoryStorage } from '../src/index'
import { SECRET, startServer } from './helpers'

runStorageConformance({
  name: 'MemoryStorage (signed URLs via node:http)',
  create: async () => {
    const server = await startServer()
    const storage = new MemoryStorage({ baseUrl: `${server.url}/files`, signingSecret: SECRET })
    server.setHandler(createLocalStorageHandler(storage, { maxUploadBytes: 64 * 1024 * 1024 }))
    return { storage, cleanup: server.close }
  },
})

runStorageConformance({
  name: 'MemoryStorage (no URLs)',
  create: async () => ({ storage: new MemoryStorage({ bucket: 'plain' }) }),
  largeObjectBytes: 2 * 1024 * 1024,
})

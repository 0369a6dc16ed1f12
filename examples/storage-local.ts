/**
 * The seed's LocalStorage snippet in TypeScript:
 *
 *   storage = LocalStorage(base_path="./uploads")
 *   storage.upload_file(StorageFile(object_name="docs/readme.txt", data=b"hello"))
 *   print(storage.get_file_url("docs/readme.txt"))
 *
 * Run: npx tsx examples/storage-local.ts (writes to a temp dir, removes it, exits 0).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StorageFile } from '@aury/storage-core'
import { LocalStorage } from '@aury/storage-local'

const basePath = await mkdtemp(join(tmpdir(), 'aury-example-'))
try {
  const storage = new LocalStorage({ basePath: join(basePath, 'uploads') })
  const file: StorageFile = {
    objectName: 'docs/readme.txt',
    data: new TextEncoder().encode('hello'),
  }
  const result = await storage.uploadFile(file)
  console.log(await storage.getFileUrl('docs/readme.txt'))
  console.log(`stored ${result.size} bytes as ${result.contentType}, etag ${result.etag}`)
  const text = new TextDecoder().decode(await storage.downloadFile('docs/readme.txt'))
  if (text !== 'hello') throw new Error(`read back ${JSON.stringify(text)}`)
} finally {
  await rm(basePath, { recursive: true, force: true })
}

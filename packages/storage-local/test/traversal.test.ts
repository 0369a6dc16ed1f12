import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Storage } from '@aury/storage-core'
import { HOSTILE_KEYS } from '@aury/storage-core/testing'
import { memfs } from 'memfs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalStorage, MemoryStorage } from '../src/index'
import { snapshotTree } from './helpers'

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return String((error as { code?: unknown }).code)
  }
  return 'resolved'
}

/** Every operation with each hostile key must fail with InvalidObjectKey. */
async function attackAll(storage: Storage): Promise<void> {
  expect(HOSTILE_KEYS.length).toBeGreaterThanOrEqual(30)
  for (const key of HOSTILE_KEYS) {
    const calls: Promise<unknown>[] = [
      storage.uploadFile({ objectName: key, data: 'pwned' }),
      storage.stat(key),
      storage.fileExists(key),
      storage.downloadFile(key),
      storage.downloadStream(key),
      storage.deleteFile(key),
      storage.copy('victim.txt', key),
      storage.copy(key, 'copied.txt'),
      storage.move('victim.txt', key),
      storage.move(key, 'moved.txt'),
      storage.getFileUrl(key),
      storage.deleteFiles([key]),
    ]
    for (const call of calls)
      expect(await codeOf(call), JSON.stringify(key)).toBe('InvalidObjectKey')
  }
}

describe('traversal on a real directory', () => {
  let parent: string
  let storage: LocalStorage
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'aury-trav-'))
    await mkdir(join(parent, 'root-evil'), { recursive: true })
    await writeFile(join(parent, 'root-evil', 'secret.txt'), 'secret')
    await writeFile(join(parent, 'passwd'), 'root:x:0:0')
    storage = new LocalStorage({ basePath: join(parent, 'root') })
    await storage.uploadFile({ objectName: 'victim.txt', data: 'victim' })
    // symlinks planted inside the root, pointing outside
    await symlink(join(parent, 'root-evil'), join(parent, 'root', 'default', 'dirlink'))
    await symlink(
      join(parent, 'root-evil', 'secret.txt'),
      join(parent, 'root', 'default', 'filelink'),
    )
    await mkdir(join(parent, 'root', 'default', 'sub'))
    await symlink('../../root-evil', join(parent, 'root', 'default', 'sub', 'rel'))
  })
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true })
  })

  it('refuses every hostile key with no change around the root', async () => {
    const before = await snapshotTree(parent)
    await attackAll(storage)
    expect(await snapshotTree(parent)).toBe(before)
  })

  it('never follows a symlink to a directory outside the root', async () => {
    const before = await snapshotTree(parent)
    for (const key of ['dirlink/secret.txt', 'sub/rel/secret.txt']) {
      expect(await codeOf(storage.downloadFile(key))).toBe('AccessDenied')
      expect(await codeOf(storage.stat(key))).toBe('AccessDenied')
      expect(await codeOf(storage.uploadFile({ objectName: key, data: 'overwrite' }))).toBe(
        'AccessDenied',
      )
      expect(await codeOf(storage.uploadFile({ objectName: `${key}.new`, data: 'x' }))).toBe(
        'AccessDenied',
      )
      expect(await codeOf(storage.deleteFile(key))).toBe('AccessDenied')
      expect(await codeOf(storage.copy('victim.txt', key))).toBe('AccessDenied')
      expect(await codeOf(storage.copy(key, 'stolen.txt'))).toBe('AccessDenied')
      expect(await codeOf(storage.move(key, 'stolen.txt'))).toBe('AccessDenied')
    }
    expect(await snapshotTree(parent)).toBe(before)
    expect(await readFile(join(parent, 'root-evil', 'secret.txt'), 'utf8')).toBe('secret')
  })

  it('never follows a symlinked file for read, write or delete', async () => {
    const before = await snapshotTree(parent)
    expect(await codeOf(storage.downloadFile('filelink'))).toBe('AccessDenied')
    expect(await codeOf(storage.downloadStream('filelink'))).toBe('AccessDenied')
    expect(await codeOf(storage.uploadFile({ objectName: 'filelink', data: 'x' }))).toBe(
      'AccessDenied',
    )
    expect(await codeOf(storage.deleteFile('filelink'))).toBe('AccessDenied')
    expect(await snapshotTree(parent)).toBe(before)
  })

  it('does not list symlinks or anything behind them', async () => {
    const keys: string[] = []
    for await (const entry of storage.list()) if (entry.type === 'object') keys.push(entry.key)
    expect(keys).toEqual(['victim.txt'])
    const grouped: string[] = []
    for await (const entry of storage.list({ delimiter: '/' })) {
      grouped.push(entry.type === 'object' ? entry.key : entry.prefix)
    }
    expect(grouped).toEqual(['victim.txt'])
    const behind: unknown[] = []
    for await (const entry of storage.list({ prefix: 'dirlink/' })) behind.push(entry)
    expect(behind).toEqual([])
  })

  it('refuses a bucket directory that is itself a symlink', async () => {
    await symlink(join(parent, 'root-evil'), join(parent, 'root', 'linked'))
    const linked = new LocalStorage({ basePath: join(parent, 'root'), bucket: 'linked' })
    expect(await codeOf(linked.downloadFile('secret.txt'))).toBe('AccessDenied')
    expect(await codeOf(linked.uploadFile({ objectName: 'x', data: 'x' }))).toBe('AccessDenied')
    expect(await readFile(join(parent, 'root-evil', 'secret.txt'), 'utf8')).toBe('secret')
  })

  it('keeps the sibling root-evil unreachable through prefix tricks', async () => {
    expect(storage.root.endsWith(join('root', 'default'))).toBe(true)
    for (const key of ['../root-evil/secret.txt', '..%2froot-evil/secret.txt']) {
      expect(await codeOf(storage.downloadFile(key))).toBe('InvalidObjectKey')
    }
    expect(await storage.fileExists('root-evil/secret.txt')).toBe(false)
  })
})

describe('traversal on memfs', () => {
  it('refuses every hostile key and symlinks, volume unchanged', async () => {
    const { fs, vol } = memfs({ '/srv/root-evil/secret.txt': 'secret', '/etc/passwd': 'root' })
    const storage = new LocalStorage({ basePath: '/srv/root', fs })
    await storage.uploadFile({ objectName: 'victim.txt', data: 'victim' })
    vol.symlinkSync('/srv/root-evil', '/srv/root/default/dirlink')
    vol.symlinkSync('/etc/passwd', '/srv/root/default/filelink')
    const hash = () => createHash('sha256').update(JSON.stringify(vol.toJSON())).digest('hex')
    const before = hash()
    await attackAll(storage)
    expect(await codeOf(storage.downloadFile('dirlink/secret.txt'))).toBe('AccessDenied')
    expect(await codeOf(storage.uploadFile({ objectName: 'dirlink/x', data: 'x' }))).toBe(
      'AccessDenied',
    )
    expect(await codeOf(storage.deleteFile('filelink'))).toBe('AccessDenied')
    expect(await codeOf(storage.downloadFile('filelink'))).toBe('AccessDenied')
    expect(hash()).toBe(before)
  })
})

describe('traversal on MemoryStorage', () => {
  it('refuses every hostile key and stores nothing', async () => {
    const storage = new MemoryStorage()
    await storage.uploadFile({ objectName: 'victim.txt', data: 'victim' })
    await attackAll(storage)
    expect(storage.size).toBe(1)
    expect(new TextDecoder().decode(await storage.downloadFile('victim.txt'))).toBe('victim')
  })
})

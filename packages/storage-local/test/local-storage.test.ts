import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inspect } from 'node:util'
import { objectKeyProblem, StorageBackend, StorageFactory } from '@aury/storage-core'
import fc from 'fast-check'
import { memfs } from 'memfs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalStorage, MemoryStorage } from '../src/index'

describe('LocalStorage specifics', () => {
  let base: string
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'aury-local-unit-'))
  })
  afterAll(async () => {
    await rm(base, { recursive: true, force: true })
  })

  it('is built by StorageFactory once the package is imported', async () => {
    const storage = StorageFactory.create(StorageBackend.LOCAL, {
      basePath: base,
      bucketName: 'factory',
    })
    expect(storage).toBeInstanceOf(LocalStorage)
    await storage.uploadFile({ objectName: 'x.txt', data: 'x' })
    expect((storage as LocalStorage).root).toBe(join(base, 'factory'))
    expect(StorageFactory.create(StorageBackend.MEMORY)).toBeInstanceOf(MemoryStorage)
    expect(() =>
      StorageFactory.create(StorageBackend.LOCAL, { basePath: base, bucketName: '../up' }),
    ).toThrow(expect.objectContaining({ code: 'InvalidBucketName' }))
  })

  it('returns file:// URLs that decode back to the object path', async () => {
    const storage = new LocalStorage({ basePath: base })
    for (const key of ['docs/readme.txt', '中文/文件 名#1?.txt', 'a/%41%2F b', 'x/😀;,&=+$']) {
      await storage.uploadFile({ objectName: key, data: key })
      const url = await storage.getFileUrl(key)
      expect(url.startsWith('file://')).toBe(true)
      expect(fileURLToPath(url)).toBe(join(base, 'default', ...key.split('/')))
    }
  })

  it('keeps every accepted key inside the root (property, on memfs)', async () => {
    const alphabet = ['a', 'b', '.', '..', '/', '\\', '%2e', '%2f', '中', ' ', ':', '\u0000', '~']
    const { fs, vol } = memfs({ '/outside/keep.txt': 'keep' })
    const storage = new LocalStorage({ basePath: '/srv/data', fs })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 8 }),
        async (parts) => {
          const key = parts.join('')
          let stored = false
          try {
            await storage.uploadFile({ objectName: key, data: 'v' })
            stored = true
          } catch (error) {
            const code = (error as { code?: string }).code
            expect(['InvalidObjectKey', 'Conflict']).toContain(code)
            if (code === 'InvalidObjectKey')
              expect(objectKeyProblem(key) !== undefined || key.endsWith('/')).toBe(true)
          }
          for (const path of Object.keys(vol.toJSON())) {
            expect(
              path === '/outside/keep.txt' ||
                path === `/srv/data${sep}default` ||
                path.startsWith(`/srv/data${sep}default${sep}`) ||
                path.startsWith(`/srv/data${sep}.aury${sep}`),
              path,
            ).toBe(true)
          }
          if (stored) await storage.deleteFile(key)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('refuses a key under an existing object with Conflict, and the reverse', async () => {
    const storage = new LocalStorage({ basePath: base, bucket: 'conflict' })
    await storage.uploadFile({ objectName: 'a', data: 'file' })
    await expect(storage.uploadFile({ objectName: 'a/b', data: 'x' })).rejects.toMatchObject({
      code: 'Conflict',
    })
    await storage.uploadFile({ objectName: 'd/e', data: 'x' })
    await expect(storage.uploadFile({ objectName: 'd', data: 'x' })).rejects.toMatchObject({
      code: 'Conflict',
    })
    await storage.deleteFile('d/e')
    // the emptied directory was pruned, so `d` can now be an object
    await storage.uploadFile({ objectName: 'd', data: 'now a file' })
    expect(await storage.fileExists('d')).toBe(true)
  })

  it('writes durably with fsync and keeps metadata after a move', async () => {
    const storage = new LocalStorage({ basePath: base, bucket: 'durable', fsync: true })
    await storage.uploadFile({
      objectName: 'm/a.bin',
      data: new Uint8Array(10),
      contentType: 'application/x-test',
      metadata: { Owner: 'u1' },
    })
    await storage.move('m/a.bin', 'n/b.bin')
    expect(await storage.stat('n/b.bin')).toMatchObject({
      contentType: 'application/x-test',
      metadata: { owner: 'u1' },
      size: 10,
    })
  })

  it('never exposes the signing secret', async () => {
    const secret = 'super-secret-signing-key-123456'
    const storage = new LocalStorage({
      basePath: base,
      baseUrl: 'http://127.0.0.1:1/files',
      signingSecret: secret,
    })
    const url = await storage.getFileUrl('a.txt')
    const text = [inspect(storage, { depth: 10 }), JSON.stringify(storage), String(storage), url]
    for (const t of text) expect(t).not.toContain(secret)
    expect(() => new LocalStorage({ basePath: base, baseUrl: 'http://h/x' })).toThrow(
      expect.objectContaining({ code: 'InvalidConfig' }),
    )
  })

  it('validates metadata, ranges, list options and expiry before touching the disk', async () => {
    const { fs, vol } = memfs({})
    const storage = new LocalStorage({ basePath: '/d', fs })
    const codes = async (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e) => e.code,
      )
    expect(
      await codes(
        storage.uploadFile({ objectName: 'a', data: 'x', metadata: { 'bad name': 'v' } }),
      ),
    ).toBe('InvalidArgument')
    expect(
      await codes(
        storage.uploadFile({ objectName: 'a', data: 'x', metadata: { k: 'line\nbreak' } }),
      ),
    ).toBe('InvalidArgument')
    expect(await codes(storage.downloadStream('a', { range: { start: -1 } }))).toBe(
      'InvalidArgument',
    )
    expect(await codes(storage.getFileUrl('a', { expiresIn: 0 }))).toBe('InvalidArgument')
    expect(await codes(storage.getFileUrl('a', { expiresIn: 604_801 }))).toBe('InvalidArgument')
    const it = storage.list({ limit: 0 })[Symbol.asyncIterator]()
    expect(await codes(it.next())).toBe('InvalidArgument')
    expect(
      await codes(storage.uploadFile({ objectName: 'a', data: 42 as unknown as string })),
    ).toBe('InvalidArgument')
    expect(vol.toJSON()).toEqual({})
  })
})

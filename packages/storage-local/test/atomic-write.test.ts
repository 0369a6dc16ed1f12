import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { memfs } from 'memfs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LOCAL_TEMP_PREFIX, LocalStorage } from '../src/index'

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return String((error as { code?: unknown }).code)
  }
  return 'resolved'
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

async function* failing(afterBytes: number): AsyncGenerator<Uint8Array> {
  let sent = 0
  while (sent < afterBytes) {
    yield new Uint8Array(randomBytes(64 * 1024))
    sent += 64 * 1024
  }
  throw new Error('connection reset by peer')
}

describe('atomic writes on a real directory', () => {
  let base: string
  let storage: LocalStorage
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'aury-atomic-'))
    storage = new LocalStorage({ basePath: base })
  })
  afterEach(async () => {
    await rm(base, { recursive: true, force: true })
  })

  it('a source that errors mid-stream leaves no file and no temp file', async () => {
    await expect(
      storage.uploadFile({ objectName: 'deep/dir/file.bin', data: failing(1024 * 1024) }),
    ).rejects.toMatchObject({ code: 'UploadFailed' })
    expect(await storage.fileExists('deep/dir/file.bin')).toBe(false)
    const files = await allFiles(base)
    expect(files.filter((f) => f.includes(LOCAL_TEMP_PREFIX))).toEqual([])
    expect(files).toEqual([])
  })

  it('an abort mid-stream leaves no file and no temp file, and keeps the old version', async () => {
    await storage.uploadFile({ objectName: 'k.bin', data: 'old version' })
    const controller = new AbortController()
    async function* endless() {
      let n = 0
      while (true) {
        yield new Uint8Array(64 * 1024).fill(n % 256)
        if (++n === 8) setTimeout(() => controller.abort(new Error('user cancelled')), 1)
        await new Promise((r) => setTimeout(r, 2))
      }
    }
    expect(
      await codeOf(
        storage.uploadFile({ objectName: 'k.bin', data: endless() }, { signal: controller.signal }),
      ),
    ).toBe('Aborted')
    expect(new TextDecoder().decode(await storage.downloadFile('k.bin'))).toBe('old version')
    const files = await allFiles(base)
    expect(files.filter((f) => f.includes(LOCAL_TEMP_PREFIX))).toEqual([])
    expect(files.filter((f) => f.endsWith('k.bin'))).toHaveLength(1)
  })

  it('an abort while the source is stalled still returns promptly', async () => {
    const controller = new AbortController()
    async function* stalled() {
      yield new Uint8Array(10)
      await new Promise(() => undefined)
    }
    const started = Date.now()
    setTimeout(() => controller.abort(), 20)
    expect(
      await codeOf(
        storage.uploadFile({ objectName: 's.bin', data: stalled() }, { signal: controller.signal }),
      ),
    ).toBe('Aborted')
    expect(Date.now() - started).toBeLessThan(1000)
    expect((await allFiles(base)).filter((f) => f.includes(LOCAL_TEMP_PREFIX))).toEqual([])
  })

  it('a wrong contentLength is refused and leaves nothing', async () => {
    expect(
      await codeOf(storage.uploadFile({ objectName: 'n.bin', data: 'abc', contentLength: 10 })),
    ).toBe('IncompleteBody')
    expect(await allFiles(base)).toEqual([])
  })

  it('concurrent readers never see a partial object', async () => {
    const size = 256 * 1024
    await storage.uploadFile({ objectName: 'hot.bin', data: new Uint8Array(size).fill(255) })
    let writing = true
    const writer = (async () => {
      for (let v = 0; v < 10; v++) {
        const payload = new Uint8Array(size).fill(v)
        async function* slow() {
          for (let i = 0; i < size; i += 32 * 1024) {
            yield payload.subarray(i, i + 32 * 1024)
            await new Promise((r) => setImmediate(r))
          }
        }
        await storage.uploadFile({ objectName: 'hot.bin', data: slow() })
      }
      writing = false
    })()
    let reads = 0
    const readers = Array.from({ length: 2 }, async () => {
      while (writing) {
        const data = await storage.downloadFile('hot.bin')
        expect(data.length).toBe(size)
        const first = data[0]
        expect(data.every((b) => b === first)).toBe(true)
        reads++
        await new Promise((r) => setImmediate(r))
      }
    })
    await Promise.all([writer, ...readers])
    expect(reads).toBeGreaterThan(10)
  }, 60_000)

  it('a process killed mid-write leaves no object at the key', async () => {
    const script = fileURLToPath(new URL('./fixtures/slow-writer.ts', import.meta.url))
    const child = spawn(
      process.execPath,
      ['--conditions=@aury/source', '--import', 'tsx', script, base],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: fileURLToPath(new URL('..', import.meta.url)) },
    )
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += String(d)
    })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        if (String(d).includes('writing')) resolve()
      })
      child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)))
    })
    await new Promise((r) => setTimeout(r, 100))
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    expect(await storage.fileExists('killed/file.bin')).toBe(false)
    const listed: unknown[] = []
    for await (const entry of storage.list()) listed.push(entry)
    expect(listed).toEqual([])
    // the temp file of the killed process may remain, but is never visible as an object
    const files = await allFiles(base)
    expect(files.every((f) => f.includes(LOCAL_TEMP_PREFIX))).toBe(true)
  }, 30_000)
})

describe('atomic writes on memfs', () => {
  it('errors and aborts leave no file and no temp file', async () => {
    const { fs, vol } = memfs({ '/data/.keep': '' })
    const storage = new LocalStorage({ basePath: '/data', fs })
    await expect(
      storage.uploadFile({ objectName: 'a/b.bin', data: failing(256 * 1024) }),
    ).rejects.toMatchObject({ code: 'UploadFailed' })
    const controller = new AbortController()
    async function* slow() {
      yield new Uint8Array(1000)
      controller.abort()
      yield new Uint8Array(1000)
    }
    expect(
      await codeOf(
        storage.uploadFile({ objectName: 'a/c.bin', data: slow() }, { signal: controller.signal }),
      ),
    ).toBe('Aborted')
    const files = Object.entries(vol.toJSON()).filter(([, v]) => v !== null)
    expect(files.map(([path]) => path)).toEqual(['/data/.keep'])
  })
})

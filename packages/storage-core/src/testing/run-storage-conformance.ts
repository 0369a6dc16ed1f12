import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ListEntry, Storage, StorageCapabilities } from '../storage'
import type { StorageData } from '../storage-file'
import { HOSTILE_KEYS } from './hostile-keys'

/** What a backend's factory hands the conformance suite. */
export interface ConformanceTarget {
  storage: Storage
  /** Called once after the suite (stop servers, remove temp dirs). */
  cleanup?: () => Promise<void>
  /** The `fetch` used on presigned URLs. Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch
  /**
   * A fingerprint of everything the backend must not touch (e.g. a hash of the filesystem
   * around the root); compared before and after the hostile-key cases.
   */
  snapshot?: () => Promise<string>
}

/** Options of {@link runStorageConformance}. */
export interface ConformanceOptions {
  /** Shown in the `describe` title. */
  name: string
  /** Build the backend under test; called once per suite. */
  create: () => Promise<ConformanceTarget>
  /** Overrides of `storage.capabilities` (switch cases off for a target). */
  capabilities?: Partial<StorageCapabilities>
  /** Size of the large round trip; defaults to 20 MiB. */
  largeObjectBytes?: number
  /** Extra hostile keys for this backend, tested on top of {@link HOSTILE_KEYS}. */
  extraHostileKeys?: readonly string[]
}

const MiB = 1024 * 1024

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

function bytes(n: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(n))
}

async function* chunked(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) {
    yield data.subarray(i, Math.min(data.length, i + size))
    await new Promise((resolve) => setImmediate(resolve))
  }
}

function webStream(data: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= data.length) {
        controller.close()
        return
      }
      controller.enqueue(data.slice(offset, offset + size))
      offset += size
    },
  })
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

async function collect(iterable: AsyncIterable<ListEntry>): Promise<ListEntry[]> {
  const out: ListEntry[] = []
  for await (const entry of iterable) out.push(entry)
  return out
}

function names(entries: readonly ListEntry[]): string[] {
  return entries.map((e) => (e.type === 'object' ? e.key : e.prefix))
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return String((error as { code?: unknown }).code ?? (error as Error).name)
  }
  return 'resolved'
}

/**
 * Define the storage conformance suite (vitest `describe`/`it` blocks) for one backend. Call it
 * from the backend's own test file; cases outside the backend's capabilities are skipped. Each
 * case works under its own random prefix, payloads are random and compared by SHA-256, and
 * assertions are on error codes, not messages.
 *
 * @example
 * ```ts
 * import { runStorageConformance } from '@aury/storage-core/testing'
 * runStorageConformance({
 *   name: 'MemoryStorage',
 *   create: async () => ({ storage: new MemoryStorage() }),
 * })
 * ```
 */
export function runStorageConformance(options: ConformanceOptions): void {
  describe(`storage conformance: ${options.name}`, () => {
    let target: ConformanceTarget
    let storage: Storage
    let caps: StorageCapabilities
    const run = `conf-${randomUUID().slice(0, 8)}`
    let n = 0
    const dir = () => `${run}/${++n}`

    beforeAll(async () => {
      target = await options.create()
      storage = target.storage
      caps = { ...storage.capabilities, ...options.capabilities }
    })
    afterAll(async () => {
      await target?.cleanup?.()
    })

    const httpFetch = (input: string, init?: RequestInit) =>
      (target.fetch ?? globalThis.fetch)(input, init)

    describe('write and read', () => {
      it('round-trips an empty object', async () => {
        const key = `${dir()}/empty.bin`
        const result = await storage.uploadFile({ objectName: key, data: new Uint8Array(0) })
        expect(result.size).toBe(0)
        expect(result.objectName).toBe(key)
        expect((await storage.downloadFile(key)).length).toBe(0)
        expect((await storage.stat(key)).size).toBe(0)
      })

      it('round-trips a small object and reports it in the result', async () => {
        const key = `${dir()}/small.txt`
        const result = await storage.uploadFile({ objectName: key, data: 'hello, world' })
        expect(result).toMatchObject({ objectName: key, size: 12, contentType: 'text/plain' })
        expect(result.etag.length).toBeGreaterThan(0)
        expect(typeof result.url).toBe('string')
        expect(new TextDecoder().decode(await storage.downloadFile(key))).toBe('hello, world')
      })

      it('round-trips a large object streamed in chunks', async () => {
        const size = options.largeObjectBytes ?? 20 * MiB
        const key = `${dir()}/large.bin`
        const data = bytes(size)
        const result = await storage.uploadFile({ objectName: key, data: chunked(data, MiB) })
        expect(result.size).toBe(size)
        expect(sha256(await storage.downloadFile(key))).toBe(sha256(data))
        expect(sha256(await readAll(await storage.downloadStream(key)))).toBe(sha256(data))
      }, 120_000)

      it('round-trips non-ASCII and special-character names', async () => {
        const base = dir()
        const keys = [
          `${base}/中文目录/文件 名.txt`,
          `${base}/émoji 😀/データ.bin`,
          `${base}/nested/dir/name with spaces and !@#$%^&()_+-=;',\`[]{}.txt`,
          `${base}/a%20b%2Fc`,
          `${base}/.hidden`,
        ]
        for (const key of keys) {
          const data = bytes(100)
          await storage.uploadFile({ objectName: key, data })
          expect(sha256(await storage.downloadFile(key)), key).toBe(sha256(data))
          expect(await storage.fileExists(key)).toBe(true)
        }
        const listed = names(await collect(storage.list({ prefix: `${base}/` })))
        expect([...listed].sort()).toEqual([...keys].sort())
      })

      it('accepts every data input type', async () => {
        const base = dir()
        const data = bytes(70_000)
        const inputs: [string, () => StorageData][] = [
          ['uint8array', () => data],
          ['arraybuffer', () => data.slice().buffer],
          ['blob', () => new Blob([data])],
          ['web-stream', () => webStream(data, 8192)],
          [
            'node-readable',
            () => Readable.from([Buffer.from(data.subarray(0, 5)), Buffer.from(data.subarray(5))]),
          ],
          ['async-iterable', () => chunked(data, 1000)],
        ]
        for (const [name, make] of inputs) {
          const key = `${base}/${name}`
          const result = await storage.uploadFile({ objectName: key, data: make() })
          expect(result.size, name).toBe(data.length)
          expect(sha256(await storage.downloadFile(key)), name).toBe(sha256(data))
        }
        await storage.uploadFile({ objectName: `${base}/string`, data: 'héllo 世界' })
        expect(new TextDecoder().decode(await storage.downloadFile(`${base}/string`))).toBe(
          'héllo 世界',
        )
        const sized = await storage.uploadFile({
          objectName: `${base}/with-length`,
          data: chunked(data, 4096),
          contentLength: data.length,
        })
        expect(sized.size).toBe(data.length)
      })

      it('overwrites an existing object', async () => {
        const key = `${dir()}/over.bin`
        await storage.uploadFile({ objectName: key, data: bytes(5000) })
        const second = bytes(1234)
        await storage.uploadFile({ objectName: key, data: second })
        expect(sha256(await storage.downloadFile(key))).toBe(sha256(second))
        expect((await storage.stat(key)).size).toBe(1234)
      })

      it('leaves exactly one complete version after concurrent writers to one key', async () => {
        const key = `${dir()}/race.bin`
        const payloads = Array.from({ length: 8 }, () => bytes(256 * 1024))
        const hashes = payloads.map(sha256)
        await Promise.all(
          payloads.map((p) => storage.uploadFile({ objectName: key, data: chunked(p, 16384) })),
        )
        const final = await storage.downloadFile(key)
        expect(final.length).toBe(256 * 1024)
        expect(hashes).toContain(sha256(final))
        const listed = names(
          await collect(storage.list({ prefix: key.slice(0, key.lastIndexOf('/') + 1) })),
        )
        expect(listed).toEqual([key])
      })

      it('reports progress up to the total', async () => {
        const key = `${dir()}/progress.bin`
        const data = bytes(3 * MiB)
        const events: { loaded: number; total?: number }[] = []
        await storage.uploadFile(
          { objectName: key, data: chunked(data, 256 * 1024), contentLength: data.length },
          { onProgress: (p) => events.push({ ...p }) },
        )
        expect(events.length).toBeGreaterThan(1)
        const last = events[events.length - 1]
        expect(last).toEqual({ loaded: data.length, total: data.length })
        for (let i = 1; i < events.length; i++) {
          expect(events[i]!.loaded).toBeGreaterThanOrEqual(events[i - 1]!.loaded)
        }
        const down: number[] = []
        await storage.downloadFile(key, { onProgress: (p) => down.push(p.loaded) })
        expect(down[down.length - 1]).toBe(data.length)
      })
    })

    describe('content type and metadata', () => {
      it('detects the type from the extension, honours an explicit one', async () => {
        const base = dir()
        await storage.uploadFile({ objectName: `${base}/a.png`, data: bytes(10) })
        await storage.uploadFile({ objectName: `${base}/noext`, data: bytes(10) })
        await storage.uploadFile({
          objectName: `${base}/b.png`,
          data: bytes(10),
          contentType: 'image/webp',
        })
        expect((await storage.stat(`${base}/a.png`)).contentType).toBe('image/png')
        expect((await storage.stat(`${base}/noext`)).contentType).toBe('application/octet-stream')
        if (caps.metadata) {
          expect((await storage.stat(`${base}/b.png`)).contentType).toBe('image/webp')
        }
      })

      it('round-trips user metadata through stat', async (ctx) => {
        if (!caps.metadata) ctx.skip(`capabilities.metadata is false for this backend`)
        const key = `${dir()}/meta.txt`
        await storage.uploadFile({
          objectName: key,
          data: 'x',
          metadata: { owner: 'user-12', purpose: 'avatar' },
        })
        const info = await storage.stat(key)
        expect(info.metadata).toEqual({ owner: 'user-12', purpose: 'avatar' })
      })
    })

    describe('stat and exists', () => {
      it(
        'stat reports size, etag, type and a recent mtime ' + 'equal to the upload result',
        async () => {
          const key = `${dir()}/stat.json`
          const before = Date.now()
          const result = await storage.uploadFile({ objectName: key, data: '{"a":1}' })
          const info = await storage.stat(key)
          expect(info).toMatchObject({ key, size: 7, contentType: 'application/json' })
          expect(info.etag).toBe(result.etag)
          expect(info.lastModified).toBeInstanceOf(Date)
          expect(Math.abs(info.lastModified.getTime() - before)).toBeLessThan(120_000)
        },
      )

      it('stat, download and stream of a missing key fail with NotFound', async () => {
        const key = `${dir()}/missing`
        expect(await codeOf(storage.stat(key))).toBe('NotFound')
        expect(await codeOf(storage.downloadFile(key))).toBe('NotFound')
        expect(await codeOf(storage.downloadStream(key))).toBe('NotFound')
        expect(await storage.fileExists(key)).toBe(false)
      })

      it('a prefix of an object is not an object', async () => {
        const base = dir()
        await storage.uploadFile({ objectName: `${base}/d/file`, data: 'x' })
        expect(await storage.fileExists(`${base}/d`)).toBe(false)
        expect(await codeOf(storage.stat(`${base}/d`))).toBe('NotFound')
      })
    })

    describe('range reads', () => {
      it('reads bounded, open, clipped and suffix ranges', async (ctx) => {
        if (!caps.rangeRead) ctx.skip(`capabilities.rangeRead is false for this backend`)
        const key = `${dir()}/range.bin`
        const data = bytes(100_000)
        await storage.uploadFile({ objectName: key, data })
        const read = async (range: Parameters<Storage['downloadStream']>[1]) =>
          readAll(await storage.downloadStream(key, range))
        for (let i = 0; i < 5; i++) {
          const start = Math.floor(Math.random() * 99_000)
          const len = 1 + Math.floor(Math.random() * 1000)
          const got = await read({ range: { start, end: start + len - 1 } })
          expect(sha256(got)).toBe(sha256(data.subarray(start, start + len)))
        }
        expect(sha256(await read({ range: { start: 99_990 } }))).toBe(sha256(data.subarray(99_990)))
        expect((await read({ range: { start: 99_990, end: 200_000 } })).length).toBe(10)
        expect(sha256(await read({ range: { suffix: 500 } }))).toBe(sha256(data.subarray(99_500)))
        expect((await read({ range: { suffix: 1_000_000 } })).length).toBe(100_000)
        expect((await read({ range: { suffix: 0 } })).length).toBe(0)
        expect(await codeOf(read({ range: { start: 100_000 } }))).toBe('InvalidRange')
      })
    })

    describe('delete', () => {
      it('deletes an object; deleting a missing key succeeds', async () => {
        const key = `${dir()}/del.txt`
        await storage.uploadFile({ objectName: key, data: 'x' })
        await storage.deleteFile(key)
        expect(await storage.fileExists(key)).toBe(false)
        await storage.deleteFile(key)
        await storage.deleteFile(`${dir()}/never-existed`)
      })

      it('deletes in batches, counting missing keys as deleted', async () => {
        const base = dir()
        const keys = Array.from({ length: 7 }, (_, i) => `${base}/k${i}`)
        await Promise.all(keys.map((k) => storage.uploadFile({ objectName: k, data: k })))
        const result = await storage.deleteFiles([...keys, `${base}/missing`])
        expect(result.deleted).toHaveLength(8)
        expect(await collect(storage.list({ prefix: `${base}/` }))).toEqual([])
      })

      it('deleting an object keeps its siblings and children of a same-named prefix', async () => {
        const base = dir()
        await storage.uploadFile({ objectName: `${base}/a-b`, data: '1' })
        await storage.uploadFile({ objectName: `${base}/a/b`, data: '2' })
        await storage.deleteFile(`${base}/a/b`)
        expect(names(await collect(storage.list({ prefix: `${base}/` })))).toEqual([`${base}/a-b`])
      })
    })

    describe('list', () => {
      it(
        'lists recursively in byte order, ' + 'with prefix, delimiter, limit and startAfter',
        async (ctx) => {
          if (!caps.list) ctx.skip(`capabilities.list is false for this backend`)
          const base = `${dir()}/`
          const rel = [
            'a',
            'a-b',
            'a0',
            'b',
            'c/d',
            'c/e/f',
            'y',
            'yy',
            'z/中',
            'é',
            '中',
            '😀',
            '\uffff',
          ]
          const keys = rel.map((k) => base + k)
          for (const key of keys) await storage.uploadFile({ objectName: key, data: key })
          const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)))

          const all = await collect(storage.list({ prefix: base }))
          expect(names(all)).toEqual(byBytes)
          for (const e of all) {
            expect(e.type).toBe('object')
            if (e.type === 'object') {
              expect(e.size).toBe(Buffer.byteLength(e.key))
              expect(e.lastModified).toBeInstanceOf(Date)
            }
          }
          expect(names(await collect(storage.list({ prefix: `${base}y` })))).toEqual([
            `${base}y`,
            `${base}yy`,
          ])

          const paged = await collect(storage.list({ prefix: base, pageSize: 2 }))
          expect(names(paged)).toEqual(byBytes)

          const first = await collect(storage.list({ prefix: base, limit: 5 }))
          expect(names(first)).toEqual(byBytes.slice(0, 5))
          const rest = await collect(storage.list({ prefix: base, startAfter: names(first)[4] }))
          expect(names(rest)).toEqual(byBytes.slice(5))
        },
      )

      it('groups common prefixes by delimiter', async (ctx) => {
        if (!caps.list || !caps.listDelimiter)
          ctx.skip(`capabilities.list or listDelimiter is false`)
        const base = `${dir()}/`
        for (const k of ['a-1', 'a/b', 'a/c/d', 'a0', 'c/x', 'c/y/z']) {
          await storage.uploadFile({ objectName: base + k, data: 'x' })
        }
        const top = await collect(storage.list({ prefix: base, delimiter: '/' }))
        expect(top.map((e) => `${e.type}:${e.type === 'object' ? e.key : e.prefix}`)).toEqual([
          `object:${base}a-1`,
          `prefix:${base}a/`,
          `object:${base}a0`,
          `prefix:${base}c/`,
        ])
        const inner = await collect(storage.list({ prefix: `${base}a/`, delimiter: '/' }))
        expect(names(inner)).toEqual([`${base}a/b`, `${base}a/c/`])
        const limited = await collect(storage.list({ prefix: base, delimiter: '/', limit: 2 }))
        expect(names(limited)).toEqual([`${base}a-1`, `${base}a/`])
        const after = await collect(
          storage.list({ prefix: base, delimiter: '/', startAfter: `${base}a-1` }),
        )
        expect(names(after)).toEqual([`${base}a/`, `${base}a0`, `${base}c/`])
      })

      it('holds an object and a prefix of the same name where the backend can', async (ctx) => {
        const base = `${dir()}/`
        await storage.uploadFile({ objectName: `${base}a`, data: 'file' })
        if (!caps.objectPrefixOverlap) {
          expect(await codeOf(storage.uploadFile({ objectName: `${base}a/b`, data: 'x' }))).toBe(
            'Conflict',
          )
          expect(await storage.downloadFile(`${base}a`)).toEqual(new TextEncoder().encode('file'))
          ctx.skip(`objectPrefixOverlap is false: the Conflict refusal above is the check`)
        }
        await storage.uploadFile({ objectName: `${base}a/b`, data: 'child' })
        expect(names(await collect(storage.list({ prefix: base })))).toEqual([
          `${base}a`,
          `${base}a/b`,
        ])
        const grouped = await collect(storage.list({ prefix: base, delimiter: '/' }))
        expect(names(grouped)).toEqual([`${base}a`, `${base}a/`])
        await storage.deleteFile(`${base}a`)
        expect(await storage.downloadFile(`${base}a/b`)).toEqual(new TextEncoder().encode('child'))
      })

      it('lists nothing for a missing prefix and rejects a hostile prefix', async () => {
        expect(await collect(storage.list({ prefix: `${dir()}/nothing/` }))).toEqual([])
        expect(await codeOf(collect(storage.list({ prefix: '../' })))).toBe('InvalidObjectKey')
      })
    })

    describe('copy and move', () => {
      it(
        'copies content and type, overwriting the target; ' + 'missing source is NotFound',
        async (ctx) => {
          if (!caps.copy) ctx.skip(`capabilities.copy is false for this backend`)
          const base = dir()
          const data = bytes(50_000)
          await storage.uploadFile({ objectName: `${base}/src.png`, data })
          await storage.uploadFile({ objectName: `${base}/deep/new/目标.png`, data: 'old' })
          await storage.copy(`${base}/src.png`, `${base}/deep/new/目标.png`)
          expect(sha256(await storage.downloadFile(`${base}/deep/new/目标.png`))).toBe(sha256(data))
          expect((await storage.stat(`${base}/deep/new/目标.png`)).contentType).toBe('image/png')
          expect(await storage.fileExists(`${base}/src.png`)).toBe(true)
          expect(await codeOf(storage.copy(`${base}/missing`, `${base}/x`))).toBe('NotFound')
          expect(await storage.fileExists(`${base}/x`)).toBe(false)
        },
      )

      it('moves: the source is gone and the target readable', async (ctx) => {
        if (!caps.copy) ctx.skip(`capabilities.copy is false for this backend`)
        const base = dir()
        const data = bytes(1000)
        await storage.uploadFile({
          objectName: `${base}/from`,
          data,
          metadata: caps.metadata ? { k: 'v' } : undefined,
        })
        await storage.move(`${base}/from`, `${base}/to/文件`)
        expect(await storage.fileExists(`${base}/from`)).toBe(false)
        expect(sha256(await storage.downloadFile(`${base}/to/文件`))).toBe(sha256(data))
        if (caps.metadata)
          expect((await storage.stat(`${base}/to/文件`)).metadata).toEqual({ k: 'v' })
        expect(await codeOf(storage.move(`${base}/from`, `${base}/again`))).toBe('NotFound')
      })
    })

    describe('hostile keys', () => {
      it('rejects every hostile key with InvalidObjectKey and no side effect', async () => {
        const good = `${dir()}/good.txt`
        await storage.uploadFile({ objectName: good, data: 'good' })
        const before = names(await collect(storage.list()))
        const snapBefore = await target.snapshot?.()
        const keys = [...HOSTILE_KEYS, ...(options.extraHostileKeys ?? [])]
        expect(keys.length).toBeGreaterThanOrEqual(30)
        for (const key of keys) {
          const attempts: [string, () => Promise<unknown>][] = [
            ['uploadFile', () => storage.uploadFile({ objectName: key, data: 'evil' })],
            ['stat', () => storage.stat(key)],
            ['fileExists', () => storage.fileExists(key)],
            ['downloadFile', () => storage.downloadFile(key)],
            ['downloadStream', () => storage.downloadStream(key)],
            ['deleteFile', () => storage.deleteFile(key)],
            ['deleteFiles', () => storage.deleteFiles([good, key])],
            ['copy to', () => storage.copy(good, key)],
            ['copy from', () => storage.copy(key, `${good}.copy`)],
            ['move to', () => storage.move(good, key)],
            ['getFileUrl', () => storage.getFileUrl(key)],
            ['getUploadUrl', () => storage.getUploadUrl(key)],
            ['createPresignedPost', () => storage.createPresignedPost(key)],
            ['uploadFiles', () => storage.uploadFiles([{ objectName: key, data: 'evil' }])],
          ]
          for (const [op, call] of attempts) {
            const code = await codeOf(call())
            if (op === 'uploadFiles')
              expect(code, `${op} ${JSON.stringify(key)}`).toBe('BatchFailed')
            else expect(code, `${op} ${JSON.stringify(key)}`).toBe('InvalidObjectKey')
          }
        }
        expect(names(await collect(storage.list()))).toEqual(before)
        expect(await storage.downloadFile(good)).toEqual(new TextEncoder().encode('good'))
        if (target.snapshot) expect(await target.snapshot()).toBe(snapBefore)
      })
    })

    describe('failures and cancellation', () => {
      it('an upload aborted mid-stream leaves nothing behind', async () => {
        const base = dir()
        const key = `${base}/aborted.bin`
        const controller = new AbortController()
        let sent = 0
        async function* slow() {
          while (true) {
            yield bytes(64 * 1024)
            sent++
            if (sent === 3) controller.abort()
            await new Promise((r) => setTimeout(r, 5))
          }
        }
        expect(
          await codeOf(
            storage.uploadFile({ objectName: key, data: slow() }, { signal: controller.signal }),
          ),
        ).toBe('Aborted')
        expect(await storage.fileExists(key)).toBe(false)
        expect(await collect(storage.list({ prefix: `${base}/` }))).toEqual([])
        const pre = new AbortController()
        pre.abort()
        expect(
          await codeOf(storage.uploadFile({ objectName: key, data: 'x' }, { signal: pre.signal })),
        ).toBe('Aborted')
        expect(await storage.fileExists(key)).toBe(false)
      })

      it('an upload whose stream errors leaves nothing and keeps a previous version', async () => {
        const base = dir()
        const key = `${base}/errored.bin`
        async function* broken() {
          yield bytes(100_000)
          throw new Error('source failed')
        }
        await expect(storage.uploadFile({ objectName: key, data: broken() })).rejects.toThrow()
        expect(await storage.fileExists(key)).toBe(false)
        expect(await collect(storage.list({ prefix: `${base}/` }))).toEqual([])
        await storage.uploadFile({ objectName: key, data: 'v1' })
        await expect(storage.uploadFile({ objectName: key, data: broken() })).rejects.toThrow()
        expect(new TextDecoder().decode(await storage.downloadFile(key))).toBe('v1')
      })

      it(
        'uploadFiles keeps input order and names failed files ' + 'in a BatchFailed error',
        async () => {
          const base = dir()
          const sizes = [300_000, 10, 200_000, 5, 100_000, 1]
          const files = sizes.map((size, i) => ({ objectName: `${base}/f${i}`, data: bytes(size) }))
          const results = await storage.uploadFiles(files, { concurrency: 3 })
          expect(results.map((r) => r.objectName)).toEqual(files.map((f) => f.objectName))
          expect(results.map((r) => r.size)).toEqual(sizes)

          async function* broken() {
            yield bytes(10)
            throw new Error('boom')
          }
          const mixed = [
            { objectName: `${base}/m0`, data: 'ok' },
            { objectName: `${base}/m1`, data: broken() },
            { objectName: `${base}/m2`, data: 'ok' },
            { objectName: '../evil', data: 'x' },
          ]
          let caught: { code?: string; failures?: { index: number; objectName: string }[] } = {}
          try {
            await storage.uploadFiles(mixed, { concurrency: 2 })
          } catch (error) {
            caught = error as typeof caught
          }
          expect(caught.code).toBe('BatchFailed')
          expect(caught.failures?.map((f) => [f.index, f.objectName])).toEqual([
            [1, `${base}/m1`],
            [3, '../evil'],
          ])
          expect(await storage.fileExists(`${base}/m0`)).toBe(true)
          expect(await storage.fileExists(`${base}/m2`)).toBe(true)
          expect(await storage.fileExists(`${base}/m1`)).toBe(false)
        },
      )
    })

    describe('presigned URLs', () => {
      it('a presigned GET works with plain fetch, and a tampered one does not', async (ctx) => {
        if (!caps.presignedGet) ctx.skip(`capabilities.presignedGet is false for this backend`)
        const key = `${dir()}/文件 get.bin`
        const data = bytes(20_000)
        await storage.uploadFile({ objectName: key, data })
        const url = await storage.getFileUrl(key, { expiresIn: 60 })
        const res = await httpFetch(url)
        expect(res.status).toBe(200)
        expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(sha256(data))
        const tampered = new URL(url)
        tampered.pathname = tampered.pathname.replace(/get\.bin$/, 'got.bin')
        const bad = await httpFetch(tampered.href)
        expect(bad.status).toBe(403)
        await bad.arrayBuffer()
      })

      it('a presigned GET expires', async (ctx) => {
        if (!caps.presignedGet) ctx.skip(`capabilities.presignedGet is false for this backend`)
        const key = `${dir()}/expiring.txt`
        await storage.uploadFile({ objectName: key, data: 'soon gone' })
        const url = await storage.getFileUrl(key, { expiresIn: 1 })
        await new Promise((r) => setTimeout(r, 2100))
        const res = await httpFetch(url)
        expect(res.status).toBe(403)
        await res.arrayBuffer()
      }, 10_000)

      it('a presigned PUT uploads with plain fetch', async (ctx) => {
        if (!caps.presignedPut) ctx.skip(`capabilities.presignedPut is false for this backend`)
        const key = `${dir()}/上传 put.bin`
        const data = bytes(30_000)
        const req = await storage.getUploadUrl(key, {
          expiresIn: 60,
          contentType: 'application/octet-stream',
        })
        expect(req.method).toBe('PUT')
        const res = await httpFetch(req.url, {
          method: req.method,
          headers: req.headers,
          body: data,
        })
        expect(res.status).toBeLessThan(300)
        await res.arrayBuffer()
        expect((await storage.stat(key)).size).toBe(data.length)
        expect(sha256(await storage.downloadFile(key))).toBe(sha256(data))
      })

      it('a presigned POST uploads a browser form', async (ctx) => {
        if (!caps.presignedPost) ctx.skip(`capabilities.presignedPost is false for this backend`)
        const key = `${dir()}/form post.txt`
        const post = await storage.createPresignedPost(key, {
          expiresIn: 60,
          contentType: 'text/plain',
          maxSize: 1000,
        })
        const form = new FormData()
        for (const [k, v] of Object.entries(post.fields)) form.append(k, v)
        form.append('file', new Blob(['posted body'], { type: 'text/plain' }), 'x.txt')
        const res = await httpFetch(post.url, { method: 'POST', body: form })
        expect(res.status).toBeLessThan(300)
        await res.arrayBuffer()
        expect(new TextDecoder().decode(await storage.downloadFile(key))).toBe('posted body')

        const big = new FormData()
        for (const [k, v] of Object.entries(post.fields)) big.append(k, v)
        big.append('file', new Blob([bytes(2000)], { type: 'text/plain' }), 'x.txt')
        const refused = await httpFetch(post.url, { method: 'POST', body: big })
        expect(refused.status).toBeGreaterThanOrEqual(400)
        await refused.arrayBuffer()
        expect((await storage.stat(key)).size).toBe(11)
      })
    })
  })
}

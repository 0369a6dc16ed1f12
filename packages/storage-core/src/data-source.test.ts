import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { abortable, collectBytes, knownLength, toByteIterable } from './data-source'

const enc = new TextEncoder()

describe('toByteIterable and collectBytes', () => {
  it('reads every data type to the same bytes', async () => {
    const bytes = enc.encode('héllo wörld')
    const inputs = [
      bytes,
      bytes.slice().buffer,
      'héllo wörld',
      new Blob([bytes]),
      new Blob([bytes]).stream(),
      Readable.from([Buffer.from(bytes.subarray(0, 3)), Buffer.from(bytes.subarray(3))]),
      (async function* () {
        yield bytes.subarray(0, 1)
        yield bytes.subarray(1)
      })(),
    ]
    for (const input of inputs) expect(await collectBytes(input)).toEqual(bytes)
    expect(knownLength('é')).toBe(2)
    expect(knownLength(new Blob([bytes]))).toBe(bytes.length)
    expect(knownLength(new Blob([bytes]).stream())).toBeUndefined()
  })

  it('refuses chunks that are not bytes', async () => {
    const bad = (async function* () {
      yield 42 as unknown as Uint8Array
    })()
    await expect(collectBytes(bad)).rejects.toThrow(TypeError)
  })
})

describe('abortable', () => {
  it('stops a stalled source promptly and closes it', async () => {
    let closed = false
    const stalled = (async function* () {
      try {
        yield enc.encode('a')
        await new Promise(() => undefined)
      } finally {
        closed = true
      }
    })()
    const controller = new AbortController()
    const seen: Uint8Array[] = []
    const started = Date.now()
    setTimeout(() => controller.abort(), 20)
    await expect(
      (async () => {
        for await (const chunk of abortable(stalled, controller.signal, () => new Error('stop'))) {
          seen.push(chunk)
        }
      })(),
    ).rejects.toThrow('stop')
    expect(Date.now() - started).toBeLessThan(500)
    expect(seen).toHaveLength(1)
    expect(closed).toBe(false) // the pending read never settles; return() is queued behind it
  })

  it('passes everything through without a signal, and fails fast when already aborted', async () => {
    const src = toByteIterable('abc')
    const out: Uint8Array[] = []
    for await (const c of abortable(src, undefined, () => new Error('x'))) out.push(c)
    expect(out).toEqual([enc.encode('abc')])
    const aborted = AbortSignal.abort()
    await expect(
      abortable(toByteIterable('x'), aborted, () => new Error('gone')).next(),
    ).rejects.toThrow('gone')
  })
})

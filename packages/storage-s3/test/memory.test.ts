import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type S3rverHandle, startS3rver } from '@aury/testkit/s3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))

function runWorker(args: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--no-warnings',
        '--import',
        'tsx',
        join(here, 'helpers/memory-worker.ts'),
        ...args,
      ],
      { cwd: join(here, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => {
      out += c
    })
    child.stderr.on('data', (c) => {
      err += c
    })
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`worker failed (${code}): ${err}`))
      else resolve(JSON.parse(out.trim().split('\n').at(-1) as string))
    })
  })
}

// Memory budget of a streaming upload: the parts in flight (partSize x concurrency) plus a small
// constant for stream chunks not yet collected, sockets and heap growth.
describe('memory of a 256 MiB streaming upload (child process, s3rver)', () => {
  let server: S3rverHandle
  beforeAll(async () => {
    server = await startS3rver({ buckets: ['memory'] })
  })
  afterAll(async () => {
    await server?.stop()
  })

  for (const [partMiB, concurrency] of [
    [8, 4],
    [5, 2],
  ] as const) {
    it(`stays within ${partMiB} MiB x ${concurrency} parts plus a constant`, async () => {
      const r = await runWorker([
        server.endpoint,
        'memory',
        '256',
        String(partMiB),
        String(concurrency),
      ])
      const inFlight = partMiB * concurrency
      process.stdout.write(`memory ${partMiB}x${concurrency}: ${JSON.stringify(r)}\n`)
      expect(r.size).toBe(256 * 1024 * 1024)
      expect(r.arrayBuffersGrowthMiB).toBeLessThanOrEqual(inFlight + 40)
      expect(r.rssGrowthMiB).toBeLessThanOrEqual(inFlight + 64)
    }, 120_000)
  }
})

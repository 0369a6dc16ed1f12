import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packageDir } from './packages'

/** A running s3rver process. */
export interface S3rverProcess {
  endpoint: string
  pid: number | undefined
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts s3rver (the workspace's patched 3.7.1) as its own process on 127.0.0.1 with a fresh
 * data folder and the given buckets, and waits until it answers.
 */
export async function startS3rverProcess(buckets: string[]): Promise<S3rverProcess> {
  const dir = packageDir('s3rver')
  if (!dir) throw new Error('s3rver is not installed')
  const data = mkdtempSync(join(tmpdir(), 'aury-bench-s3rver-'))
  const port = await freePort()
  const args = [
    join(dir, 'bin', 's3rver.js'),
    '-d',
    data,
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-s',
  ]
  for (const bucket of buckets) args.push('--configure-bucket', bucket)
  const child: ChildProcess = spawn(process.execPath, args, { stdio: 'ignore' })
  const endpoint = `http://127.0.0.1:${port}`
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
    rmSync(data, { recursive: true, force: true })
  }
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break
    try {
      await fetch(endpoint)
      return { endpoint, pid: child.pid, stop }
    } catch {
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  await stop()
  throw new Error('s3rver did not start')
}

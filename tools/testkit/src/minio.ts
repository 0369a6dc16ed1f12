/**
 * MinIO test server harness: the strict S3 target (real SigV4 checks, real multipart ETags,
 * presigned-POST policy enforcement) and the only local STS server that enforces session
 * policies (AssumeRole), which is how the STS suites prove that credentials are really scoped.
 *
 * The binary is built once from its Go module by `node scripts/ensure-minio.mjs` and cached in
 * `~/.cache/aury/minio/<version>/minio` (or taken from `$AURY_MINIO_BIN`).
 *
 * Facts checked against this build (see packages/sts-aws/test/minio-harness.test.ts):
 * - AssumeRole called with the **root** credentials works and the session policy is enforced
 *   (the result is the intersection of root's "everything" and the session policy). Regular users
 *   are created too when `users` is given, through the `import-iam` admin API (a plain zip body;
 *   `add-user` would need the madmin sio/argon2 body encryption).
 * - CORS: MinIO answers every origin by default (no per-bucket CORS API; the server-wide
 *   `MINIO_API_CORS_ALLOW_ORIGIN` defaults to `*`), so browser tests need no CORS set-up.
 *   A preflight returns `Access-Control-Allow-Origin: <the request's Origin>` and exposes ETag.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import { describe, it } from 'vitest'

/** The pinned MinIO module version; keep equal to the one in scripts/ensure-minio.mjs. */
export const MINIO_VERSION = 'v0.0.0-20260212201848-7aac2a2c5b7c'

/**
 * Path of the MinIO binary (`$AURY_MINIO_BIN`, else the cache folder), or `undefined` when it
 * has not been built.
 */
export function minioBinary(): string | undefined {
  const fromEnv = process.env.AURY_MINIO_BIN
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  const cached = join(homedir(), '.cache', 'aury', 'minio', MINIO_VERSION, 'minio')
  return existsSync(cached) ? cached : undefined
}

/** Whether the MinIO binary exists, so MinIO suites can run. */
export function minioAvailable(): boolean {
  return minioBinary() !== undefined
}

/** A regular MinIO user created at start-up, with its own identity policy. */
export interface MinioUser {
  accessKey: string
  /** At least 8 characters (MinIO's rule). */
  secretKey: string
  /** An IAM policy document (object) attached to the user. */
  policy: Record<string, unknown>
}

export interface StartMinioOptions {
  /** Buckets to create (3-63 characters each). */
  buckets?: readonly string[]
  /** Regular users to create, for AssumeRole with a non-root identity. */
  users?: readonly MinioUser[]
  /** Server region; `us-east-1` by default. */
  region?: string
  rootUser?: string
  rootPassword?: string
  /** Milliseconds to wait for the server to become live; 30 s by default. */
  startTimeoutMs?: number
}

export interface MinioServer {
  /** `http://127.0.0.1:<port>`: S3 API, STS API (`POST /`) and admin API. */
  endpoint: string
  port: number
  rootUser: string
  rootPassword: string
  region: string
  /** The temporary data directory (removed by `stop`). */
  dataDir: string
  /** Last lines of the server's output, for failure messages. */
  output(): string
  /** Kills the process (TERM, then KILL after 5 s) and removes the data directory. */
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      )
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

async function waitLive(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error('minio exited during start-up')
    try {
      const res = await fetch(`${endpoint}/minio/health/live`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await sleep(50)
  }
  throw new Error(`minio did not become live within ${timeoutMs} ms`)
}

/** A minimal stored (uncompressed) zip archive, enough for MinIO's `import-iam`. */
function zipStored(files: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const nameBuf = Buffer.from(name, 'utf8')
    const data = Buffer.from(text, 'utf8')
    const crc = crc32(data) >>> 0
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(0, 8) // stored
    local.writeUInt32LE(0x00210000, 10) // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBuf.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(0, 10)
    central.writeUInt32LE(0x00210000, 12)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBuf.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBuf, data)
    centrals.push(central, nameBuf)
    offset += local.length + nameBuf.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  const count = Object.keys(files).length
  end.writeUInt16LE(count, 8)
  end.writeUInt16LE(count, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

async function importUsers(server: MinioServer, users: readonly MinioUser[]): Promise<void> {
  const policies: Record<string, unknown> = {}
  const accounts: Record<string, unknown> = {}
  const mappings: Record<string, unknown> = {}
  const now = new Date().toISOString()
  for (const user of users) {
    const name = `aury-${user.accessKey}`
    policies[name] = user.policy
    accounts[user.accessKey] = { secretKey: user.secretKey, status: 'enabled' }
    mappings[user.accessKey] = { version: 1, policy: name, updatedAt: now }
  }
  const body = zipStored({
    'iam-assets/policies.json': JSON.stringify(policies),
    'iam-assets/users.json': JSON.stringify(accounts),
    'iam-assets/user_mappings.json': JSON.stringify(mappings),
  })
  const url = new URL(`${server.endpoint}/minio/admin/v3/import-iam`)
  const signer = new SignatureV4({
    service: 's3',
    region: server.region,
    credentials: { accessKeyId: server.rootUser, secretAccessKey: server.rootPassword },
    sha256: Hash.bind(null, 'sha256'),
  })
  const signed = await signer.sign({
    method: 'PUT',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    headers: {
      host: url.host,
      'content-type': 'application/octet-stream',
      'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
    },
    body,
  })
  const res = await fetch(url, {
    method: 'PUT',
    headers: signed.headers,
    body: new Uint8Array(body),
  })
  if (!res.ok) throw new Error(`minio import-iam failed: ${res.status} ${await res.text()}`)
  // import-iam reports per-user failures only in its v2 body; prove each user exists instead.
  for (const user of users) {
    const s3 = s3Client(server, { accessKeyId: user.accessKey, secretAccessKey: user.secretKey })
    try {
      await s3.send(new ListBucketsCommand({}))
    } catch (error) {
      const name = (error as { name?: string }).name
      // AccessDenied means the user exists but its policy grants no ListAllMyBuckets.
      if (name !== 'AccessDenied') throw new Error(`minio user ${user.accessKey} not usable`)
    } finally {
      s3.destroy()
    }
  }
}

/**
 * An `S3Client` for a MinIO server: path-style, checksums only when required (MinIO would store
 * an aws-chunked body correctly, but the other targets do not), root credentials by default.
 */
export function s3Client(
  server: Pick<MinioServer, 'endpoint' | 'region' | 'rootUser' | 'rootPassword'>,
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: credentials ?? {
      accessKeyId: server.rootUser,
      secretAccessKey: server.rootPassword,
    },
    maxAttempts: 1,
  })
}

async function createBuckets(server: MinioServer, buckets: readonly string[]): Promise<void> {
  const s3 = s3Client(server)
  try {
    for (const bucket of buckets) {
      // Right after "live" the object layer may still be initialising: retry briefly.
      for (let attempt = 0; ; attempt++) {
        try {
          await s3.send(new CreateBucketCommand({ Bucket: bucket }))
          break
        } catch (error) {
          if (attempt >= 50) throw error
          await sleep(100)
        }
      }
    }
  } finally {
    s3.destroy()
  }
}

async function launch(options: StartMinioOptions, binary: string): Promise<MinioServer> {
  const rootUser = options.rootUser ?? 'aury-root'
  const rootPassword = options.rootPassword ?? `root-${Math.random().toString(36).slice(2)}`
  const region = options.region ?? 'us-east-1'
  const dataDir = await mkdtemp(join(tmpdir(), 'aury-minio-'))
  const port = await freePort()
  let consolePort = await freePort()
  while (consolePort === port) consolePort = await freePort()
  const endpoint = `http://127.0.0.1:${port}`
  const args = [
    'server',
    join(dataDir, 'data'),
    '--address',
    `127.0.0.1:${port}`,
    '--console-address',
    `127.0.0.1:${consolePort}`,
    '--certs-dir',
    join(dataDir, 'certs'),
    '--quiet',
  ]
  const child = spawn(binary, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dataDir,
      MINIO_ROOT_USER: rootUser,
      MINIO_ROOT_PASSWORD: rootPassword,
      MINIO_REGION: region,
      MINIO_BROWSER: 'off',
      MINIO_UPDATE: 'off',
      MINIO_CALLHOME_ENABLE: 'off',
    },
  })
  let log = ''
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  let stopped = false
  const server: MinioServer = {
    endpoint,
    port,
    rootUser,
    rootPassword,
    region,
    dataDir,
    output: () => log,
    async stop() {
      if (stopped) return
      stopped = true
      if (!exited(child)) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await done
        clearTimeout(timer)
      }
      await rm(dataDir, { recursive: true, force: true })
    },
  }
  try {
    await waitLive(endpoint, child, options.startTimeoutMs ?? 30_000)
    if (options.buckets?.length) await createBuckets(server, options.buckets)
    if (options.users?.length) await importUsers(server, options.users)
    return server
  } catch (error) {
    await server.stop()
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`${reason}\n--- minio output ---\n${log}`)
  }
}

/**
 * Starts MinIO on 127.0.0.1 with free ports, a temporary data directory and random root
 * credentials; creates `buckets` and `users`. Throws when the binary is missing (guard suites
 * with {@link describeMinio}).
 *
 * @example
 * ```ts
 * const minio = await startMinio({ buckets: ['uploads'] })
 * try { ... } finally { await minio.stop() }
 * ```
 */
export async function startMinio(options: StartMinioOptions = {}): Promise<MinioServer> {
  const binary = minioBinary()
  if (!binary) {
    throw new Error('MinIO binary not found: run `node scripts/ensure-minio.mjs`')
  }
  // A free port can be taken between probing and binding: try a few times.
  let lastError: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(options, binary)
    } catch (error) {
      lastError = error
      if (!String(error).includes('address already in use')) break
    }
  }
  throw lastError
}

/**
 * `describe` for suites that need MinIO. With the binary: a normal `describe`. Without it:
 * under `CI=true` a failing test (CI must run these), elsewhere a skipped suite whose name
 * says why.
 *
 * @example
 * ```ts
 * describeMinio('S3Storage on MinIO', () => { beforeAll(...); it(...) })
 * ```
 */
export function describeMinio(name: string, body: () => void): void {
  if (minioAvailable()) {
    describe(name, body)
    return
  }
  const ci = process.env.CI === 'true' || process.env.CI === '1'
  if (ci) {
    describe(name, () => {
      it('needs the MinIO binary (CI=true)', () => {
        throw new Error('MinIO binary missing in CI: run `node scripts/ensure-minio.mjs`')
      })
    })
    return
  }
  describe.skip(`${name} [skipped: MinIO not built; run node scripts/ensure-minio.mjs]`, body)
}

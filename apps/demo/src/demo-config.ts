import { randomBytes } from 'node:crypto'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The backends the demo can run against. */
export const DEMO_BACKENDS = ['local', 'minio', 'aws', 'tencent', 'aliyun'] as const
export type DemoBackendName = (typeof DEMO_BACKENDS)[number]

/** Everything the demo reads from its environment (see `.env.example`). */
export interface DemoConfig {
  backend: DemoBackendName
  port: number
  host: string
  /** Origin the browser uses to reach the demo; default `http://<host>:<port>`. */
  publicUrl?: string
  /** Local mode: where files are stored. */
  dataDir: string
  /** Local mode: HMAC key of signed URLs. */
  localSecret: string
  bucket?: string
  region?: string
  /** Object-storage endpoint (MinIO URL, custom S3/COS/OSS endpoint). */
  endpoint?: string
  accessKeyId?: string
  secretAccessKey?: string
  roleArn?: string
}

export const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function pick(env: Record<string, string | undefined>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return value
  }
  return undefined
}

/** Reads the demo's configuration from environment variables; throws on invalid values. */
export function loadConfig(env: Record<string, string | undefined> = process.env): DemoConfig {
  const backend = (pick(env, 'AURY_BACKEND') ?? 'local').toLowerCase() as DemoBackendName
  if (!DEMO_BACKENDS.includes(backend)) {
    throw new Error(`AURY_BACKEND must be one of ${DEMO_BACKENDS.join(', ')}; got "${backend}"`)
  }
  const port = Number(pick(env, 'PORT') ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer 0..65535; got "${env.PORT}"`)
  }
  const ids: Record<DemoBackendName, [string[], string[]]> = {
    local: [[], []],
    minio: [
      ['AURY_MINIO_ACCESS_KEY', 'MINIO_ROOT_USER'],
      ['AURY_MINIO_SECRET_KEY', 'MINIO_ROOT_PASSWORD'],
    ],
    aws: [['AWS_ACCESS_KEY_ID'], ['AWS_SECRET_ACCESS_KEY']],
    tencent: [['TENCENT_SECRET_ID'], ['TENCENT_SECRET_KEY']],
    aliyun: [['ALIYUN_ACCESS_KEY_ID'], ['ALIYUN_ACCESS_KEY_SECRET']],
  }
  const [idNames, secretNames] = ids[backend]
  return {
    backend,
    port,
    host: pick(env, 'HOST') ?? '127.0.0.1',
    publicUrl: pick(env, 'AURY_PUBLIC_URL'),
    dataDir: resolve(pick(env, 'AURY_DATA_DIR') ?? resolve(appRoot, 'data')),
    localSecret: pick(env, 'AURY_LOCAL_SECRET') ?? randomBytes(32).toString('hex'),
    bucket: pick(env, 'AURY_BUCKET'),
    region: pick(env, 'AURY_REGION'),
    endpoint: pick(env, 'AURY_ENDPOINT', 'AURY_MINIO_ENDPOINT'),
    accessKeyId: pick(env, ...idNames),
    secretAccessKey: pick(env, ...secretNames),
    roleArn: pick(env, 'AURY_ROLE_ARN'),
  }
}

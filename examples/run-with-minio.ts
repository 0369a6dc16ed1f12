// Runs the S3 storage examples (examples/storage-s3-*.ts) against a local MinIO started here,
// and fails on a non-zero exit, a missing expected line or a leaked secret.
// Run: npx tsx examples/run-with-minio.ts   (needs node scripts/ensure-minio.mjs once)
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { minioAvailable, startMinio } from '@aury/testkit/minio'

const here = dirname(fileURLToPath(import.meta.url))

async function run(file: string, env: Record<string, string>, secrets: string[], expect: RegExp) {
  const child = spawn(
    process.execPath,
    ['--conditions=@aury/source', '--no-warnings', '--import', 'tsx', join(here, file)],
    { cwd: here, env: { ...process.env, ...env } },
  )
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const leaked = secrets.some((s) => s.length > 0 && output.includes(s))
  const matched = expect.test(output)
  if (status !== 0 || leaked || !matched) {
    let shown = output
    for (const s of secrets) if (s) shown = shown.split(s).join('[REDACTED]')
    console.error(
      `✗ ${file}: exit ${status}, leaked ${leaked}, expected output ${matched}\n${shown}`,
    )
    return false
  }
  console.log(`✓ ${file}`)
  return true
}

if (!minioAvailable()) {
  if (process.env.CI === 'true') {
    console.error(
      '✗ storage-s3 examples: MinIO binary missing in CI (node scripts/ensure-minio.mjs)',
    )
    process.exit(1)
  }
  console.log('- storage-s3 examples skipped: MinIO not built (node scripts/ensure-minio.mjs)')
  process.exit(0)
}

const bucket = 'my-bucket'
const caller = { accessKey: 'example-user', secretKey: 'example-user-secret-1' }
const minio = await startMinio({
  buckets: [bucket],
  users: [
    {
      ...caller,
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:*'],
            Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
          },
        ],
      },
    },
  ],
})
const env = {
  AURY_S3_ENDPOINT: minio.endpoint,
  AURY_S3_REGION: minio.region,
  AURY_S3_BUCKET: bucket,
  AURY_S3_ACCESS_KEY: minio.rootUser,
  AURY_S3_SECRET_KEY: minio.rootPassword,
}
const secrets = [minio.rootPassword, caller.secretKey]
const cases: [string, Record<string, string>, RegExp][] = [
  [
    'storage-s3-cos-config.ts',
    env,
    /endpoint: https:\/\/cos\.ap-guangzhou\.myqcloud\.com[\s\S]*presigned GET host: my-bucket-1250000000\.cos\.ap-guangzhou\.myqcloud\.com expires in 3600 s[\s\S]*exists on minio true/,
  ],
  [
    'storage-s3-metadata-upload.ts',
    env,
    /uploaded a\.jpg 6 bytes image\/jpeg[\s\S]*metadata \{"user":"123"\} type image\/jpeg/,
  ],
  [
    'storage-s3-batch-upload.ts',
    env,
    /progress 12582924\/12582924[\s\S]*uploaded batch\/readme\.txt 5 text\/plain[\s\S]*uploaded batch\/big\.bin 12582912 application\/octet-stream[\s\S]*listed batch\/big\.bin, batch\/data\.json, batch\/readme\.txt/,
  ],
  [
    'storage-s3-presigned-url.ts',
    env,
    /presigned PUT status 200[\s\S]*presigned GET status 200 attachment; filename="a\.jpg"[\s\S]*presigned POST status 204/,
  ],
  [
    'storage-s3-sts.ts',
    { ...env, AURY_S3_ACCESS_KEY: caller.accessKey, AURY_S3_SECRET_KEY: caller.secretKey },
    /backend minio[\s\S]*upload user\/123\/avatar\.png: allowed[\s\S]*upload user\/456\/avatar\.png: refused \(AccessDenied\)/,
  ],
]
let ok = true
try {
  for (const [file, caseEnv, expect] of cases)
    ok = (await run(file, caseEnv, secrets, expect)) && ok
} finally {
  await minio.stop()
}
process.exit(ok ? 0 : 1)

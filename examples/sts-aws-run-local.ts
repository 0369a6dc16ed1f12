// Runs the AWS, MinIO and Aliyun STS examples against local servers: the fake AWS STS (checks
// SigV4 with the AWS SDK's signer), the fake Aliyun STS (checks ACS3) and, when the binary is
// built (node scripts/ensure-minio.mjs), a real MinIO. Fails on any error or leaked secret.
// Run: npx tsx examples/sts-aws-run-local.ts
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFakeAliyunSTS } from '@aury/testkit/fake-aliyun-sts'
import { startFakeAwsSTS } from '@aury/testkit/fake-aws-sts'
import { minioAvailable, startMinio } from '@aury/testkit/minio'

const here = dirname(fileURLToPath(import.meta.url))

async function run(
  file: string,
  env: Record<string, string>,
  secretsAfter: () => (string | undefined)[],
  expect?: RegExp,
) {
  const child = spawn(
    process.execPath,
    ['--conditions=@aury/source', '--import', 'tsx', join(here, file)],
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
  const secrets = secretsAfter().filter((s): s is string => typeof s === 'string' && s.length > 0)
  const leaked = secrets.some((s) => output.includes(s))
  const matched = expect ? expect.test(output) : true
  if (status !== 0 || leaked || !matched) {
    let shown = output
    for (const s of secrets) shown = shown.split(s).join('[REDACTED]')
    console.error(
      `✗ ${file}: exit ${status}, leaked ${leaked}, expected output ${matched}\n${shown}`,
    )
    return false
  }
  console.log(`✓ ${file}`)
  return true
}

let ok = true
const awsKey = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`
const awsSecret = randomBytes(30).toString('base64')
const aws = await startFakeAwsSTS({ keys: { [awsKey]: awsSecret } })
const aliyunKey = `LTAI${randomBytes(8).toString('hex')}`
const aliyunSecret = randomBytes(30).toString('base64')
const aliyun = await startFakeAliyunSTS({ keys: { [aliyunKey]: aliyunSecret } })
try {
  for (const roleArn of ['arn:aws:iam::123456789012:role/uploader', '']) {
    ok =
      (await run(
        'sts-aws-assume-role.ts',
        {
          AWS_ACCESS_KEY_ID: awsKey,
          AWS_SECRET_ACCESS_KEY: awsSecret,
          AWS_ROLE_ARN: roleArn,
          AWS_STS_ENDPOINT: aws.endpoint,
        },
        () => [awsSecret, aws.lastIssued?.secretAccessKey, aws.lastIssued?.sessionToken],
        /send to the browser/,
      )) && ok
  }
  ok = ok && aws.requests.length === 2 && aws.requests.every((r) => r.signatureValid)
  ok =
    (await run(
      'sts-aliyun-assume-role.ts',
      {
        ALIYUN_ACCESS_KEY_ID: aliyunKey,
        ALIYUN_ACCESS_KEY_SECRET: aliyunSecret,
        ALIYUN_STS_ENDPOINT: aliyun.endpoint,
      },
      () => [aliyunSecret, aliyun.lastIssued?.accessKeySecret, aliyun.lastIssued?.securityToken],
      /use with OSS at https:\/\/oss-cn-hangzhou\.aliyuncs\.com/,
    )) && ok
  ok = ok && aliyun.requests.length === 1 && aliyun.requests[0]?.signatureValid === true
} finally {
  await aws.close()
  await aliyun.close()
}

if (minioAvailable()) {
  const minio = await startMinio({ buckets: ['uploads'] })
  try {
    ok =
      (await run(
        'sts-aws-minio.ts',
        {
          MINIO_ENDPOINT: minio.endpoint,
          MINIO_ACCESS_KEY: minio.rootUser,
          MINIO_SECRET_KEY: minio.rootPassword,
          MINIO_BUCKET: 'uploads',
        },
        () => [minio.rootPassword],
        /PUT user\/12\/hello\.txt: allowed[\s\S]*PUT user\/123\/hello\.txt: refused \(AccessDenied\)/,
      )) && ok
  } finally {
    await minio.stop()
  }
} else if (process.env.CI === 'true') {
  console.error('✗ sts-aws-minio.ts: MinIO binary missing in CI (node scripts/ensure-minio.mjs)')
  ok = false
} else {
  console.log('- sts-aws-minio.ts skipped: MinIO not built (node scripts/ensure-minio.mjs)')
}
process.exit(ok ? 0 : 1)

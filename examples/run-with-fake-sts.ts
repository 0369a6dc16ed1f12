// Runs the STS examples against a local fake of sts.tencentcloudapi.com that checks every
// signature with the official Tencent SDK signer. Exits non-zero when an example fails.
// Run: npx tsx examples/run-with-fake-sts.ts
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFakeTencentSTS } from '@aury/testkit/fake-tencent-sts'

const here = dirname(fileURLToPath(import.meta.url))
const examples = ['sts-tencent-federation.ts', 'sts-tencent-assume-role.ts', 'sts-factory.ts']

const secretId = `AKID${randomBytes(12).toString('hex')}`
const secretKey = randomBytes(24).toString('base64url')
const fake = await startFakeTencentSTS({ keys: { [secretId]: secretKey } })
let failed = 0
try {
  for (const file of examples) {
    const before = fake.issued
    // Asynchronous on purpose: the fake server runs in this process and must keep answering.
    const child = spawn(
      process.execPath,
      // tsx as a loader; sibling packages resolve to their sources, so no build is needed.
      ['--conditions=@aury/source', '--import', 'tsx', join(here, file)],
      {
        cwd: here,
        env: {
          ...process.env,
          TENCENT_SECRET_ID: secretId,
          TENCENT_SECRET_KEY: secretKey,
          TENCENT_STS_ENDPOINT: fake.url,
        },
      },
    )
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
    const issued = fake.issued - before
    const leaked = output.includes(secretKey)
    const rejected = fake.records.filter((r) => r.errorCode !== undefined).length
    if (status !== 0 || issued < 1 || leaked || rejected > 0) {
      failed++
      console.error(
        `✗ ${file}: exit ${status}, issued ${issued}, leaked ${leaked}, rejected ${rejected}`,
      )
      console.error(output.split(secretKey).join('[REDACTED]'))
    } else {
      console.log(`✓ ${file} (${issued} credential${issued === 1 ? '' : 's'} issued)`)
    }
  }
} finally {
  await fake.close()
}
process.exit(failed ? 1 : 0)

// Child process hosting the fake Tencent STS endpoint from the testkit, so that the server's
// work does not share an event loop with the client being measured. Protocol over IPC:
// parent → { op: 'stats' | 'reset' | 'close' }; child → { url } once, then { records, issued,
// badSignatures } for `stats`, { ok } for `reset`.
import { startFakeTencentSTS } from '@aury/testkit/fake-tencent-sts'

const keys = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>

async function main() {
  const fake = await startFakeTencentSTS({ keys })
  const send = (message: unknown) => process.send?.(message)
  process.on('message', async (message: { op: string }) => {
    if (message.op === 'stats') {
      send({
        records: fake.records.length,
        issued: fake.issued,
        badSignatures: fake.records.filter((r) => !r.signatureValid).length,
        errors: fake.records.filter((r) => r.errorCode).map((r) => r.errorCode),
      })
    } else if (message.op === 'reset') {
      fake.reset()
      send({ ok: true })
    } else if (message.op === 'close') {
      await fake.close()
      process.disconnect?.()
    }
  })
  send({ url: fake.url })
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exit(1)
})

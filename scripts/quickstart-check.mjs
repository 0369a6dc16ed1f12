// Proves the README's first quick-start command on a fresh clone, as a new user would run it:
// clones the committed repository into a temp dir, runs `npm run demo` there on a free port,
// waits until the demo answers (page and API), then stops it. (`npm test`, the second command,
// is what CI runs on its own fresh checkout.)
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

const dir = await mkdtemp(join(tmpdir(), 'aury-quickstart-'))
const clone = join(dir, 'aury')
let demo
try {
  const cloned = spawnSync('git', ['clone', '-q', process.cwd(), clone], { stdio: 'inherit' })
  if (cloned.status !== 0) throw new Error('git clone failed')
  const port = await freePort()
  const started = Date.now()
  demo = spawn('npm', ['run', 'demo'], {
    cwd: clone,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  demo.stdout.on('data', (d) => (output += d))
  demo.stderr.on('data', (d) => (output += d))
  const exited = new Promise((resolve) => demo.once('exit', resolve))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 10 * 60_000
  let page
  while (Date.now() < deadline) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 1000))])
    if (code !== null) throw new Error(`npm run demo exited with ${code}\n${output.slice(-4000)}`)
    page = await fetch(base).catch(() => undefined)
    if (page?.ok) break
  }
  if (!page?.ok) throw new Error(`the demo did not answer on ${base}\n${output.slice(-4000)}`)
  const html = await page.text()
  if (!/<html/i.test(html)) throw new Error('the demo page is not HTML')
  const files = await fetch(`${base}/api/files?prefix=user/1/`)
  if (!files.ok) throw new Error(`GET /api/files answered ${files.status}`)
  if (!output.includes(String(port))) throw new Error('the demo did not print its URL')
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  console.log(`  ✓ fresh clone: npm run demo answered on ${base} after ${seconds} s`)
} finally {
  if (demo?.pid) {
    try {
      process.kill(-demo.pid, 'SIGTERM')
    } catch {}
  }
  await new Promise((r) => setTimeout(r, 500))
  await rm(dir, { recursive: true, force: true })
}

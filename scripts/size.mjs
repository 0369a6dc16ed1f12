// Bundle-size budgets: `node scripts/size.mjs` (run by `npm test` after the build).
// Bundles small browser entries, each importing only one named export from a built package,
// with esbuild (platform browser, ESM, minified, tree-shaken, es2020) and fails (exit 1) when a
// budgeted entry is over its min+gzip budget or does not build. Budgets are in bytes
// (1 KB = 1000 B). An entry over its budget whose work is tracked by an open issue carries a
// `ceiling` (its size when recorded) and the issue: it is reported as over budget, and only
// growth past the ceiling fails. `--json` prints the measurements instead of the table; `--why`
// adds the minified bytes each input module contributes.
// The bench (`bench/src/suites/bundle.ts`) imports `measureEntry` to compare with the AWS SDK.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Entries measured on every build; `budget` in bytes of min+gzip, when enforced. */
export const ENTRIES = [
  { name: 'uploader: upload', code: "export { upload } from '@aury/uploader'", budget: 8000 },
  {
    name: 'Tencent policy builder: buildTencentPolicy',
    code: "export { buildTencentPolicy } from '@aury/policy'",
    budget: 1500,
    ceiling: 2251,
    issue: '#7',
  },
  {
    name: 'Tencent policy builder: TencentPolicyBuilder',
    code: "export { TencentPolicyBuilder } from '@aury/policy'",
    budget: 1500,
    ceiling: 2299,
    issue: '#7',
  },
  {
    name: 'SigV4 presign: presignV4',
    code: "export { presignV4 } from '@aury/signing'",
    budget: 3000,
    ceiling: 3364,
    issue: '#7',
  },
  {
    name: 'AWS policy builder: buildAwsPolicy',
    code: "export { buildAwsPolicy } from '@aury/policy'",
  },
  {
    name: 'Aliyun policy builder: buildAliyunPolicy',
    code: "export { buildAliyunPolicy } from '@aury/policy'",
  },
  { name: 'policy evaluator: isAllowed', code: "export { isAllowed } from '@aury/policy'" },
  { name: 'SigV4 headers: signV4', code: "export { signV4 } from '@aury/signing'" },
  {
    name: 'SigV4 POST policy: presignPostV4',
    code: "export { presignPostV4 } from '@aury/signing'",
  },
  { name: 'TC3 signer: signTC3', code: "export { signTC3 } from '@aury/signing'" },
  { name: 'ACS3 signer: signACS3', code: "export { signACS3 } from '@aury/signing'" },
  {
    name: 'Aliyun RPC v1 signer: signAliyunRpcV1',
    code: "export { signAliyunRpcV1 } from '@aury/signing'",
  },
]

let linkedDir

/**
 * A temporary folder whose `node_modules/@aury/*` link to `packages/*`, so entries resolve our
 * packages by name through their `exports` (browser condition, built `dist`) as an app would.
 */
export function workspaceResolveDir() {
  if (linkedDir) return linkedDir
  linkedDir = mkdtempSync(join(tmpdir(), 'aury-size-'))
  const scope = join(linkedDir, 'node_modules', '@aury')
  mkdirSync(scope, { recursive: true })
  for (const entry of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    if (entry.isDirectory())
      symlinkSync(join(root, 'packages', entry.name), join(scope, entry.name))
  }
  process.once('exit', () => rmSync(linkedDir, { recursive: true, force: true }))
  return linkedDir
}

/**
 * Bundles `code` for browsers and returns its sizes in bytes (minified, gzip -9, brotli 11) and
 * module count. `resolveDir` is where bare imports are resolved from.
 */
export async function measureEntry(code, resolveDir = workspaceResolveDir()) {
  const result = await build({
    stdin: { contents: code, resolveDir, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    write: false,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const bytes = result.outputFiles[0].contents
  const [output] = Object.values(result.metafile.outputs)
  const inputs = Object.entries(output?.inputs ?? {})
    .map(([path, info]) => ({
      path: path.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, ''),
      bytes: info.bytesInOutput,
    }))
    .sort((a, b) => b.bytes - a.bytes)
  return {
    inputs,
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
    modules: Object.keys(result.metafile.inputs).length,
  }
}

const kib = (n) => (n / 1024).toFixed(2)

async function main() {
  const json = process.argv.includes('--json')
  const rows = []
  const tracked = []
  let failed = 0
  for (const entry of ENTRIES) {
    try {
      const size = await measureEntry(entry.code)
      const over = entry.budget !== undefined && size.gzip > entry.budget
      // A budget not met yet, tracked by an open issue, may not grow past its ceiling (the size
      // measured when it was recorded): it is reported, and growth fails the build.
      const known = over && entry.ceiling !== undefined && size.gzip <= entry.ceiling
      if (over && !known) failed++
      if (known) tracked.push(entry)
      rows.push({
        ...entry,
        ...size,
        status:
          entry.budget === undefined
            ? ''
            : known
              ? `OVER (issue ${entry.issue}; may not exceed ${entry.ceiling})`
              : over
                ? 'OVER'
                : 'ok',
      })
    } catch (error) {
      const message = (error.errors?.[0]?.text ?? error.message).split('\n')[0]
      if (entry.budget !== undefined) failed++
      rows.push({ ...entry, error: message, status: entry.budget === undefined ? 'error' : 'FAIL' })
    }
  }
  if (json) {
    console.log(JSON.stringify(rows, null, 2))
  } else {
    const header = [
      'entry',
      'min B',
      'min+gz B',
      'min+gz KiB',
      'brotli B',
      'modules',
      'budget B',
      '',
    ]
    const table = rows.map((r) => [
      r.name,
      r.error ? '-' : String(r.min),
      r.error ? '-' : String(r.gzip),
      r.error ? '-' : kib(r.gzip),
      r.error ? '-' : String(r.brotli),
      r.error ? '-' : String(r.modules),
      r.budget === undefined ? '' : String(r.budget),
      r.error ? `${r.status}: ${r.error}` : r.status,
    ])
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)))
    const line = (cells) =>
      cells
        .map((c, i) => (i === 0 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
        .join('  ')
    console.log(line(header))
    console.log(widths.map((w) => '-'.repeat(w)).join('  '))
    for (const row of table) console.log(line(row))
    if (process.argv.includes('--why')) {
      for (const r of rows.filter((x) => x.inputs)) {
        console.log(`\n${r.name}`)
        for (const i of r.inputs) console.log(`  ${String(i.bytes).padStart(7)} B  ${i.path}`)
      }
    }
  }
  if (tracked.length > 0 && !json) {
    console.log(
      `\n! ${tracked.length} budget(s) not met yet, tracked by an open issue: ${tracked
        .map((e) => `${e.name} (${e.issue})`)
        .join(', ')}`,
    )
  }
  if (failed > 0) {
    console.error(
      `\n✗ ${failed} bundle-size budget(s) exceeded or not buildable (budgets are min+gzip, 1 KB = 1000 B)`,
    )
    process.exitCode = 1
  } else if (!json) {
    const what = tracked.length > 0 ? 'other budgets met, none grew' : 'bundle-size budgets met'
    console.log(`\n✓ ${what} (min+gzip, 1 KB = 1000 B)`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()

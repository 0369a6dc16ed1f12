// biome-ignore-all lint/suspicious/noConsole: benchmark output
// Browser bundle size of `presignV4` alone: esbuild --bundle --minify --platform=browser, gzip -9.
// Usage: node bench/bundle-size.mjs [--src]   (default: the built dist through export conditions)
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const fromSource = process.argv.includes('--src')
const pkg = fromSource ? '@aury/signing/web' : '@aury/signing'
const entries = {
  presignV4: 'presignV4',
  signV4: 'signV4',
  signTC3: 'signTC3',
  'whole package': '*',
}
for (const [label, name] of Object.entries(entries)) {
  const contents =
    name === '*'
      ? `import * as all from '${pkg}'; globalThis.x = all`
      : `import { ${name} } from '${pkg}'; globalThis.x = ${name}`
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    conditions: fromSource ? ['@aury/source'] : [],
    logLevel: 'error',
  })
  const code = result.outputFiles[0].contents
  const gz = gzipSync(code, { level: 9 }).length
  console.log(
    `${label.padEnd(14)} min ${String(code.length).padStart(6)} B  gzip ${String(gz).padStart(5)} B`,
  )
}

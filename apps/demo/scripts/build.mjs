#!/usr/bin/env node
// Builds the demo: the server (dist/server.js, workspace packages kept external) and the page
// (dist/public: index.html, styles.css and app.js bundled for browsers).
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

await build({
  entryPoints: [join(appRoot, 'src', 'server.ts')],
  outfile: join(appRoot, 'dist', 'server.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
// The page is bundled now (from the built packages), so `start` needs no bundling.
const { bundlePage } = await import(join(appRoot, 'dist', 'server.js'))
const { bytes } = await bundlePage({ outDir: join(appRoot, 'dist', 'public') })
process.stdout.write(`demo: dist/server.js and dist/public (app.js ${bytes} bytes)\n`)

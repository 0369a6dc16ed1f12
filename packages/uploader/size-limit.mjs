#!/usr/bin/env node
// Bundle-size budget of @aury/uploader's credentials path, as a browser gets it:
// esbuild --bundle --minify --platform=browser (ESM, esbuild's default target, tree-shaken),
// then gzip -9.
//
//   node size-limit.mjs            check the budget (exit 1 when over)
//   node size-limit.mjs --compare  also bundle the AWS SDK doing the same job
//                                  (@aws-sdk/client-s3 + @aws-sdk/lib-storage Upload)
//
// The entry is the built dist/index.js (run after `tsup`), so the signer resolves through its
// package exports with the `browser` condition: the WebCrypto build, exactly as an app bundler
// would pick it.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))
const repoRoot = join(here, '..', '..')
/** The budget: 8 KB (8000 bytes) minified + gzip for an upload from STS credentials. */
const LIMIT_BYTES = 8000

async function measure(name, contents, resolveDir) {
  const result = await build({
    stdin: { contents, resolveDir, sourcefile: `${name}.js`, loader: 'js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const code = result.outputFiles[0].contents
  const gzip = gzipSync(code, { level: 9 }).length
  const inputs = Object.keys(result.metafile.inputs)
  return { name, minBytes: code.length, gzipBytes: gzip, modules: inputs.length, inputs }
}

const dist = join(here, 'dist', 'index.js')
if (!existsSync(dist)) {
  process.stderr.write('size-limit: dist/index.js is missing; run `pnpm build` first\n')
  process.exit(1)
}

function fail(message) {
  process.stderr.write(`size-limit: ${message}\n`)
  process.exit(1)
}

const uploader = await measure(
  'uploader-credentials',
  `import { upload } from './dist/index.js'
export function send(file, credentials, onProgress, signal) {
  return upload({ file, key: 'user/1/' + file.name, credentials, onProgress, signal })
}`,
  here,
).catch((error) =>
  fail(`cannot bundle (are @aury/signing and @aury/errors built?): ${error.message}`),
)
const nodeOnly = uploader.inputs.filter((p) => /node:|signing\/dist\/index\.|\/node\//.test(p))
const kib = (n) => `${(n / 1024).toFixed(2)} KiB`
const rows = [uploader]

if (process.argv.includes('--compare')) {
  rows.push(
    await measure(
      'aws-sdk-client-s3+lib-storage',
      `import { S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
export async function send(file, c, onProgress, signal) {
  const client = new S3Client({
    region: c.region, endpoint: c.endpoint, forcePathStyle: true,
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken },
  })
  const upload = new Upload({ client, params: { Bucket: c.bucket, Key: 'user/1/' + file.name, Body: file }, abortController: signal })
  upload.on('httpUploadProgress', onProgress)
  return upload.done()
}`,
      repoRoot,
    ),
  )
}

for (const row of rows) {
  process.stdout.write(
    `${row.name}: ${row.minBytes} B min (${kib(row.minBytes)}), ${row.gzipBytes} B min+gzip (${kib(row.gzipBytes)}), ${row.modules} modules\n`,
  )
}
if (nodeOnly.length > 0) {
  process.stderr.write(
    `size-limit: the browser bundle pulled Node-only modules: ${nodeOnly.join(', ')}\n`,
  )
  process.exit(1)
}
if (uploader.gzipBytes > LIMIT_BYTES) {
  process.stderr.write(
    `size-limit: ${uploader.gzipBytes} B min+gzip exceeds the budget of ${LIMIT_BYTES} B\n`,
  )
  process.exit(1)
}
process.stdout.write(`size-limit: within the ${LIMIT_BYTES} B budget\n`)

import { packageConfig } from '../../tsup.shared'

// Two builds of one API: node:crypto for Node, WebCrypto for browsers, workers and Deno.
// `__NODE__` compiles the node-only fast paths (memos, one-pass encoders) in or out; sources
// run without a build (vitest, tsx) have no define and keep them.
export default [
  packageConfig(
    { index: 'src/index.ts' },
    { outDir: 'dist/node', platform: 'node', define: { __NODE__: 'true' } },
  ),
  packageConfig(
    { index: 'src/web/index.ts' },
    { outDir: 'dist/web', platform: 'browser', define: { __NODE__: 'false' } },
  ),
]

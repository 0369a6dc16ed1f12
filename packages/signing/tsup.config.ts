import { packageConfig } from '../../tsup.shared'

// Two builds of one API: node:crypto for Node, WebCrypto for browsers, workers and Deno.
export default [
  packageConfig({ index: 'src/index.ts' }, { outDir: 'dist/node', platform: 'node' }),
  packageConfig({ index: 'src/web/index.ts' }, { outDir: 'dist/web', platform: 'browser' }),
]

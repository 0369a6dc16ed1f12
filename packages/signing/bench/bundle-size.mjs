// biome-ignore-all lint/suspicious/noConsole: benchmark output
// Browser bundle sizes of single signing exports, measured exactly as the CI budget check
// (`scripts/size.mjs`: esbuild, platform browser, ESM, minified, es2020, gzip -9), with the
// bytes each input module contributes (minified, before gzip).
// Usage: node bench/bundle-size.mjs   (build first: the entries import the built `dist`)
import { measureEntry } from '../../../scripts/size.mjs'

const entries = ['presignV4', 'signV4', 'presignPostV4', 'signTC3', 'signACS3', 'signAliyunRpcV1']
for (const name of entries) {
  const size = await measureEntry(`export { ${name} } from '@aury/signing'`)
  const modules = size.inputs
    .filter((input) => input.bytes > 0)
    .map((input) => `${input.path} ${input.bytes} B`)
    .join(', ')
  console.log(
    `${name.padEnd(16)} min ${String(size.min).padStart(6)} B  gzip ${String(size.gzip).padStart(5)} B  (${modules})`,
  )
}

import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

// Bundlers rename classes when they minify; `name` must still say which error it is.
describe('error names in a minified bundle', () => {
  it('keeps every class name and the String() form', async () => {
    const classes = [
      'StorageSDKError',
      'STSError',
      'STSRequestError',
      'STSSignatureError',
      'StorageError',
      'StorageBackendError',
      'ValidationError',
    ]
    const entry = `import { ${classes.join(', ')} } from './src/index.ts'
      export const names = [${classes.map((c) => `new ${c}('m', { code: 'C' })`).join(', ')}]
        .map((e) => [e.name, String(e), JSON.parse(JSON.stringify(e)).name])`
    const result = await build({
      stdin: { contents: entry, resolveDir: new URL('..', import.meta.url).pathname, loader: 'ts' },
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      platform: 'browser',
    })
    const code = result.outputFiles[0]?.text ?? ''
    const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
    const { names } = (await import(url)) as { names: string[][] }
    expect(names).toEqual(classes.map((c) => [c, `${c} [C]: m`, c]))
  })
})

import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const entry = new URL('../src/index.ts', import.meta.url).pathname

async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: new URL('.', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['@aury/source'],
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]?.text ?? ''
}

describe('browser bundles', () => {
  it('bundle for the browser with no Node built-ins', async () => {
    const code = await bundle(`export * from ${JSON.stringify(entry)}`)
    expect(code).not.toMatch(/["']node:/)
    expect(code).toContain('qcs::cos:')
  })

  it('tree-shake the Tencent builder away from the AWS, Aliyun and evaluator code', async () => {
    const code = await bundle(
      `import { TencentPolicyBuilder } from ${JSON.stringify(entry)}\n` +
        'export const policy = new TencentPolicyBuilder().build({ bucket: "b-1", region: "r" })',
    )
    expect(code).toContain('name/cos:PutObject')
    expect(code).not.toContain('arn:')
    expect(code).not.toContain('acs:oss')
    expect(code).not.toContain('stringequals')
  })
})

import { defineConfig, type Options } from 'tsup'

/** Shared tsup settings: ESM + CJS + declarations for every public entry point. */
export function packageConfig(
  entry: Record<string, string> = { index: 'src/index.ts' },
  extra: Options = {},
) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    splitting: false,
    treeshake: true,
    ...extra,
  })
}

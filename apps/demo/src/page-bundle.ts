import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'esbuild'

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Options of {@link bundlePage}. */
export interface BundlePageOptions {
  /** Where `index.html`, `styles.css` and `app.js` go. */
  outDir: string
  /**
   * Resolve workspace packages to their TypeScript sources (tests, dev runs) where that source
   * is browser-safe, instead of their built `dist/`. Default `false`.
   */
  fromSource?: boolean
  minify?: boolean
}

type ExportTarget = string | { [condition: string]: ExportTarget }

/**
 * Resolves `@aury/*` imports to their sources (the `@aury/source` export condition), except
 * for packages that ship a separate browser build: those resolve through their `browser`
 * condition (a nested `@aury/source` when they declare one, else their built `dist/`), so the
 * page never bundles a Node-only source.
 */
function workspaceSources(): Plugin {
  return {
    name: 'aury-workspace-sources',
    setup(build) {
      build.onResolve({ filter: /^@aury\/[\w-]+$/ }, async (args) => {
        const packageDir = join(appRoot, 'node_modules', args.path)
        const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'))
        const root = manifest.exports?.['.'] as Record<string, ExportTarget> | undefined
        const browser = root?.browser
        const source =
          browser === undefined
            ? root?.['@aury/source']
            : typeof browser === 'object'
              ? browser['@aury/source']
              : undefined
        return typeof source === 'string' ? { path: join(packageDir, source) } : undefined
      })
    },
  }
}

/**
 * Builds the page: copies `public/` and bundles `src/page/main.ts` with esbuild for browsers
 * (the uploader and the WebCrypto build of the signer). Returns the bundle's size in bytes.
 */
export async function bundlePage(options: BundlePageOptions): Promise<{ bytes: number }> {
  const { build } = await import('esbuild')
  await mkdir(options.outDir, { recursive: true })
  for (const name of ['index.html', 'styles.css']) {
    await copyFile(join(appRoot, 'public', name), join(options.outDir, name))
  }
  const result = await build({
    entryPoints: [join(appRoot, 'src', 'page', 'main.ts')],
    outfile: join(options.outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    sourcemap: true,
    plugins: options.fromSource ? [workspaceSources()] : [],
    metafile: true,
    logLevel: 'silent',
  })
  const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('app.js'))
  return { bytes: output?.[1].bytes ?? 0 }
}

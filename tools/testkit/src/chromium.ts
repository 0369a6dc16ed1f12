/**
 * Headless Chromium for browser tests: Debian's `/usr/bin/chromium` (or `$CHROMIUM_PATH`)
 * driven by playwright-core, which downloads no browser. Chromium writes crash reports and a
 * dconf cache under `$HOME`, so every launch gets a temporary HOME that `close()` removes.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { describe, it } from 'vitest'

/** Flags that work in the build environment (toolchain.md §6). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The Chromium executable (`$CHROMIUM_PATH`, else `/usr/bin/chromium`), or `undefined`. */
export function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  return existsSync(candidate) ? candidate : undefined
}

/** Whether a Chromium executable is installed. */
export function chromiumAvailable(): boolean {
  return chromiumPath() !== undefined
}

export interface LaunchChromiumOptions {
  /** Extra command-line flags after {@link CHROMIUM_ARGS}. */
  args?: readonly string[]
  /** Browser context options (viewport, ...). */
  viewport?: { width: number; height: number }
}

/** A running browser with one context and one page. */
export interface ChromiumSession {
  browser: Browser
  context: BrowserContext
  page: Page
  /** The temporary HOME the browser runs with. */
  home: string
  /** Console messages and page errors seen so far, for failure messages. */
  log: string[]
  /** Closes the browser and removes the temporary HOME. */
  close(): Promise<void>
}

/**
 * Launches headless Chromium with a temporary HOME and opens a page. Throws when Chromium is
 * missing (guard suites with {@link describeChromium}).
 *
 * @example
 * ```ts
 * const session = await launchChromium()
 * try { await session.page.goto(url) } finally { await session.close() }
 * ```
 */
export async function launchChromium(
  options: LaunchChromiumOptions = {},
): Promise<ChromiumSession> {
  const executablePath = chromiumPath()
  if (!executablePath) {
    throw new Error(
      'Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH to its executable',
    )
  }
  const home = await mkdtemp(join(tmpdir(), 'aury-chromium-home-'))
  let browser: Browser | undefined
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
    })
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 900 },
    })
    const page = await context.newPage()
    const log: string[] = []
    page.on('console', (message) => log.push(`[${message.type()}] ${message.text()}`))
    page.on('pageerror', (error) => log.push(`[pageerror] ${error.message}`))
    const opened = browser
    return {
      browser: opened,
      context,
      page,
      home,
      log,
      async close() {
        await opened.close().catch(() => undefined)
        await rm(home, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await browser?.close().catch(() => undefined)
    await rm(home, { recursive: true, force: true })
    throw error
  }
}

/**
 * `describe` for suites that need Chromium: a normal `describe` when it is installed; without
 * it, a failing test under `CI=true` and a skipped suite (saying why) elsewhere.
 *
 * @example
 * ```ts
 * describeChromium('demo in the browser', () => { it(...) })
 * ```
 */
export function describeChromium(name: string, body: () => void): void {
  if (chromiumAvailable()) {
    describe(name, body)
    return
  }
  if (process.env.CI === 'true' || process.env.CI === '1') {
    describe(name, () => {
      it('needs Chromium (CI=true)', () => {
        throw new Error('Chromium missing in CI: apt-get install -y chromium or set CHROMIUM_PATH')
      })
    })
    return
  }
  describe.skip(`${name} [skipped: Chromium not installed]`, body)
}

/** Options of {@link bundleForBrowser}. */
export interface BundleForBrowserOptions {
  /** The entry module's source text. */
  contents: string
  /** Folder the entry's imports resolve from (a package folder). */
  resolveDir: string
  /** Name of the global the entry's exports are assigned to. */
  globalName: string
}

/**
 * Bundles a script for a test page (IIFE, browser platform). Workspace packages resolve to
 * their TypeScript sources through `@aury/source`, except packages with a `browser` export
 * condition (the signer's WebCrypto build), which resolve to their browser build, so the page
 * never receives Node-only code.
 *
 * @example
 * ```ts
 * const code = await bundleForBrowser({
 *   contents: "export { upload } from '@aury/uploader'", resolveDir: here, globalName: 'Aury',
 * })
 * await page.addScriptTag({ content: code })
 * ```
 */
export async function bundleForBrowser(options: BundleForBrowserOptions): Promise<string> {
  const { build } = await import('esbuild')
  const { readFile } = await import('node:fs/promises')
  const { createRequire } = await import('node:module')
  const result = await build({
    stdin: { contents: options.contents, resolveDir: options.resolveDir, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: options.globalName,
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'aury-workspace-sources',
        setup(b) {
          b.onResolve({ filter: /^@aury\/[\w-]+$/ }, async (args) => {
            const require = createRequire(join(args.resolveDir, 'index.js'))
            let manifestPath: string
            try {
              manifestPath = require.resolve(`${args.path}/package.json`)
            } catch {
              return undefined
            }
            const manifest = JSON.parse(await readFile(manifestPath, 'utf8'))
            const root = manifest.exports?.['.']
            if (!root || typeof root !== 'object' || 'browser' in root) return undefined
            const source = root['@aury/source']
            return typeof source === 'string'
              ? { path: join(manifestPath, '..', source) }
              : undefined
          })
        },
      },
    ],
  })
  return result.outputFiles[0]!.text
}

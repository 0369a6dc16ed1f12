import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The bench package's folder: every candidate is resolved from here, as a user's app would. */
export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The repository root. */
export const repoRoot = resolve(benchDir, '..')

/**
 * The real folder of an installed package, found the way Node looks for `node_modules`, from
 * `fromDir` upwards. Returns undefined when it is not installed.
 */
export function packageDir(name: string, fromDir = benchDir): string | undefined {
  let dir = fromDir
  for (;;) {
    const candidate = join(dir, 'node_modules', name, 'package.json')
    if (existsSync(candidate)) return realpathSync(dirname(candidate))
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** The parsed `package.json` of an installed package. */
export function packageJson(name: string, fromDir = benchDir): Record<string, unknown> | undefined {
  const dir = packageDir(name, fromDir)
  if (!dir) return undefined
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>
}

let gitRevision: string | undefined

/** The checked-out commit, short form, with `+dirty` when the work tree has changes. */
export function revision(): string {
  if (gitRevision !== undefined) return gitRevision
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot })
      .toString()
      .trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], {
      cwd: repoRoot,
    })
      .toString()
      .trim()
    gitRevision = dirty ? `${sha}+dirty` : sha
  } catch {
    gitRevision = 'unknown'
  }
  return gitRevision
}

/** `name@version`; workspace packages are marked, the report names the revision once. */
export function versionOf(name: string): string {
  const pkg = packageJson(name)
  if (!pkg) return `${name} (not installed)`
  const version = String(pkg.version)
  return name.startsWith('@aury/') ? `${name}@${version} (workspace)` : `${name}@${version}`
}

/** Outcome of loading an optional export of a package under test. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string }

/**
 * Imports `exportName` from `specifier` (its built `dist`, as a user would get it). Packages are
 * being written in parallel, so a missing build or export is reported, not thrown.
 */
export async function loadExport<T>(specifier: string, exportName: string): Promise<Loaded<T>> {
  try {
    const mod = (await import(specifier)) as Record<string, unknown>
    const value =
      mod[exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[exportName]
    if (value === undefined)
      return { ok: false, reason: `${specifier} has no export ${exportName}` }
    return { ok: true, value: value as T }
  } catch (error) {
    const code = (error as { code?: string }).code
    const message = (error as Error).message.split('\n')[0]
    return { ok: false, reason: `${specifier} could not be loaded (${code ?? message})` }
  }
}

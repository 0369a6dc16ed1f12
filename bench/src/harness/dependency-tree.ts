import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { packageDir } from './packages'

/** One package in a production dependency tree. */
export interface TreeNode {
  name: string
  version: string
  dir: string
}

/** The production closure of a package: itself plus every runtime dependency, deduplicated. */
export interface DependencyTree {
  root: string
  nodes: TreeNode[]
  /** Dependencies named in a package.json but not installed (optional ones are expected). */
  unresolved: string[]
}

interface Manifest {
  name: string
  version: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest
}

/**
 * Walks the installed production dependency tree of `name` as resolved from `fromDir`:
 * `dependencies`, installed `optionalDependencies`, and non-optional `peerDependencies` (which
 * npm installs too). Each dependency is looked up the way Node does, from the real folder of the
 * package that needs it, so pnpm's layout gives the same tree as a fresh install.
 */
export function dependencyTree(name: string, fromDir?: string): DependencyTree {
  const rootDir = packageDir(name, fromDir)
  if (!rootDir) throw new Error(`${name} is not installed`)
  const seen = new Map<string, TreeNode>()
  const unresolved = new Set<string>()
  const queue = [rootDir]
  while (queue.length > 0) {
    const dir = queue.shift() as string
    if (seen.has(dir)) continue
    const m = manifest(dir)
    seen.set(dir, { name: m.name, version: m.version, dir })
    const optional = new Set(Object.keys(m.optionalDependencies ?? {}))
    const wanted = new Set([
      ...Object.keys(m.dependencies ?? {}),
      ...optional,
      ...Object.keys(m.peerDependencies ?? {}).filter(
        (p) => !m.peerDependenciesMeta?.[p]?.optional,
      ),
    ])
    for (const dep of wanted) {
      const found = packageDir(dep, dir)
      if (found) queue.push(found)
      else if (!optional.has(dep)) unresolved.add(`${m.name} → ${dep}`)
    }
  }
  return { root: name, nodes: [...seen.values()], unresolved: [...unresolved] }
}

/** Apparent size in bytes and file count of a package folder, excluding nested node_modules. */
export function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0
  let files = 0
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue
      const path = join(current, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) {
        bytes += lstatSync(path).size
        files++
      }
    }
  }
  walk(dir)
  return { bytes, files }
}

function globToRegExp(glob: string): RegExp {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*'
      i += glob[i + 2] === '/' ? 2 : 1
    } else if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}(?:/.*)?$`)
}

/**
 * What `npm pack` publishes from a workspace package, computed from its `files` field (with `!`
 * negations) plus the files npm always includes: size in bytes and file count.
 */
export function publishedSize(dir: string): { bytes: number; files: number } {
  const m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { files?: string[] }
  const patterns = m.files ?? ['**']
  const include = patterns.filter((p) => !p.startsWith('!')).map(globToRegExp)
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globToRegExp(p.slice(1)))
  const always = /^(package\.json|readme(\..*)?|license(\..*)?|licence(\..*)?)$/i
  let bytes = 0
  let files = 0
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue
      const path = join(current, entry.name)
      if (entry.isDirectory()) {
        walk(path)
        continue
      }
      if (!entry.isFile()) continue
      const rel = relative(dir, path).split(sep).join('/')
      const listed = include.some((r) => r.test(rel)) && !exclude.some((r) => r.test(rel))
      if (always.test(rel) || listed) {
        bytes += lstatSync(path).size
        files++
      }
    }
  }
  walk(dir)
  return { bytes, files }
}

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dependencyTree, folderSize, publishedSize } from '../src/harness/dependency-tree'

const root = mkdtempSync(join(tmpdir(), 'aury-bench-tree-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function file(path: string, content: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), content)
}

describe('publishedSize', () => {
  it('counts what the files field publishes, honouring negations, plus package.json and README', () => {
    file(
      'pkg/package.json',
      JSON.stringify({
        name: 'pkg',
        version: '1.0.0',
        files: ['dist', 'src', '!src/**/*.test.ts'],
      }),
    )
    file('pkg/README.md', 'read me')
    file('pkg/dist/index.js', 'x'.repeat(100))
    file('pkg/src/index.ts', 'y'.repeat(10))
    file('pkg/src/deep/a.test.ts', 'z'.repeat(1000))
    file('pkg/src/deep/a.ts', 'w'.repeat(5))
    file('pkg/test/b.test.ts', 'v'.repeat(1000))
    file('pkg/node_modules/dep/index.js', 'u'.repeat(1000))
    const pkgJson = JSON.stringify({
      name: 'pkg',
      version: '1.0.0',
      files: ['dist', 'src', '!src/**/*.test.ts'],
    }).length
    expect(publishedSize(join(root, 'pkg'))).toEqual({
      bytes: pkgJson + 'read me'.length + 100 + 10 + 5,
      files: 5,
    })
  })
})

describe('dependencyTree', () => {
  it('walks runtime, optional and required peer dependencies the way Node resolves them', () => {
    const manifest = (name: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ name, version: '1.0.0', ...extra })
    file(
      'app/node_modules/top/package.json',
      manifest('top', {
        dependencies: { a: '1' },
        optionalDependencies: { missing: '1' },
        devDependencies: { dev: '1' },
        peerDependencies: { peer: '1', optpeer: '1' },
        peerDependenciesMeta: { optpeer: { optional: true } },
      }),
    )
    file('app/node_modules/a/package.json', manifest('a', { dependencies: { b: '1' } }))
    // `b` nested under `a` shadows the hoisted one, as Node resolution would.
    file('app/node_modules/a/node_modules/b/package.json', manifest('b', { dependencies: {} }))
    file('app/node_modules/a/node_modules/b/index.js', 'b'.repeat(42))
    file('app/node_modules/b/package.json', manifest('b-hoisted'))
    file('app/node_modules/dev/package.json', manifest('dev'))
    file('app/node_modules/peer/package.json', manifest('peer'))
    file('app/node_modules/optpeer/package.json', manifest('optpeer'))
    mkdirSync(join(root, 'app/node_modules/@scope'), { recursive: true })
    symlinkSync(join(root, 'app/node_modules/peer'), join(root, 'app/node_modules/@scope/link'))
    const tree = dependencyTree('top', join(root, 'app'))
    expect(tree.nodes.map((n) => n.name).sort()).toEqual(['a', 'b', 'peer', 'top'])
    expect(tree.unresolved).toEqual([])
    const b = tree.nodes.find((n) => n.name === 'b')!
    expect(folderSize(b.dir).files).toBe(2)
  })

  it('reports a missing required dependency', () => {
    file(
      'broken/node_modules/x/package.json',
      JSON.stringify({ name: 'x', version: '1.0.0', dependencies: { gone: '1' } }),
    )
    expect(dependencyTree('x', join(root, 'broken')).unresolved).toEqual(['x → gone'])
  })
})

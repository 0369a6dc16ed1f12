import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  type DependencyTree,
  dependencyTree,
  folderSize,
  publishedSize,
} from '../harness/dependency-tree'
import { formatBytes } from '../harness/format'
import { repoRoot, versionOf } from '../harness/packages'
import type { Table } from '../harness/report'
import type { Suite } from '../harness/suite'

const anchors = [
  '@aws-sdk/client-s3',
  '@aws-sdk/s3-request-presigner',
  '@aws-sdk/lib-storage',
  '@aws-sdk/client-sts',
  '@smithy/signature-v4',
  'minio',
  'aws4fetch',
  'tencentcloud-sdk-nodejs-common',
  'qcloud-cos-sts',
]

/** Our published packages, from `packages/*`. */
function ourPackages(): string[] {
  return readdirSync(join(repoRoot, 'packages'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `@aury/${e.name}`)
    .sort()
}

interface Footprint {
  name: string
  packages: number
  bytes: number
  files: number
  ours: number
  thirdParty: string[]
  unresolved: string[]
}

function measure(tree: DependencyTree, packed: Map<string, { bytes: number; files: number }>) {
  let bytes = 0
  let files = 0
  for (const node of tree.nodes) {
    let size = packed.get(node.dir)
    if (!size) {
      size = node.name.startsWith('@aury/') ? publishedSize(node.dir) : folderSize(node.dir)
      packed.set(node.dir, size)
    }
    bytes += size.bytes
    files += size.files
  }
  const thirdParty = tree.nodes.filter((n) => !n.name.startsWith('@aury/'))
  return {
    name: tree.root,
    packages: tree.nodes.length,
    bytes,
    files,
    ours: tree.nodes.length - thirdParty.length,
    thirdParty: thirdParty.map((n) => `${n.name}@${n.version}`).sort(),
    unresolved: tree.unresolved,
  }
}

/**
 * Install footprint: the production dependency closure of each of our packages (as `npm i` of
 * the published tarball would install it) against the anchors, walked from the installed
 * workspace. Our packages count what `npm pack` publishes; others their installed folder.
 */
export const footprintSuite: Suite = {
  id: 'footprint',
  title: 'Install footprint (production dependency tree)',
  async run() {
    const packed = new Map<string, { bytes: number; files: number }>()
    const results: Footprint[] = []
    const problems: string[] = []
    for (const name of [...ourPackages(), ...anchors]) {
      try {
        results.push(measure(dependencyTree(name), packed))
      } catch (error) {
        problems.push(`footprint of ${name}: ${(error as Error).message}`)
      }
    }
    const table: Table = {
      columns: [
        'package',
        'packages',
        'of which @aury',
        'size (unpacked)',
        'files',
        'third-party runtime deps',
      ],
      rows: results.map((r) => [
        r.name.startsWith('@aury/') ? r.name : `${r.name} (anchor)`,
        String(r.packages),
        String(r.ours),
        formatBytes(r.bytes),
        String(r.files),
        r.name.startsWith('@aury/')
          ? r.thirdParty.length === 0
            ? 'none'
            : r.thirdParty.length > 6
              ? `${r.thirdParty.slice(0, 6).join(', ')}, … (${r.thirdParty.length})`
              : r.thirdParty.join(', ')
          : '',
      ]),
    }
    return {
      id: 'footprint',
      title: this.title,
      method:
        "For each package, the closure of `dependencies`, installed `optionalDependencies` and non-optional `peerDependencies`, each resolved the way Node resolves it from the real folder of the package that needs it (pnpm's layout, so the same tree `npm i <pkg>` installs). Counts include the package itself. Sizes are apparent bytes: for our packages what `npm pack` publishes (built `dist` and sources), for the others their installed folder.",
      tables: [table],
      goals: [],
      notes: results
        .filter((r) => r.unresolved.length > 0)
        .map((r) => `${r.name}: unresolved ${r.unresolved.join(', ')}`),
      data: { results, versions: anchors.map(versionOf), problems },
    }
  },
}

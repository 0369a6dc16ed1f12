// Scaffolds a workspace package: node scripts/new-package.mjs <name> "<description>" [dep ...]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const [name, description, ...deps] = process.argv.slice(2)
const dir = join('packages', name)
if (existsSync(join(dir, 'package.json'))) throw new Error(`${dir} exists`)
mkdirSync(join(dir, 'src'), { recursive: true })
const dependencies = Object.fromEntries(
  deps.map((d) => (d.startsWith('@aury/') ? [d, 'workspace:*'] : d.split('=')).map((x) => x)),
)
const pkg = {
  name: `@aury/${name}`,
  version: '0.0.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  engines: { node: '>=20' },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  exports: {
    '.': {
      '@aury/source': './src/index.ts',
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  files: ['dist', 'src', '!src/**/*.test.ts'],
  scripts: {
    build: 'tsup',
    typecheck: 'tsc -p tsconfig.json',
    lint: 'publint --strict && attw --pack . --profile node16',
    test: 'vitest run',
  },
  dependencies,
}
writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
writeFileSync(
  join(dir, 'tsconfig.json'),
  `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test'] }, null, 2)}\n`,
)
writeFileSync(
  join(dir, 'tsup.config.ts'),
  "import { packageConfig } from '../../tsup.shared'\n\nexport default packageConfig()\n",
)
writeFileSync(
  join(dir, 'vitest.config.ts'),
  "import { sharedConfig } from '../../vitest.shared'\n\nexport default sharedConfig\n",
)
writeFileSync(join(dir, 'src/index.ts'), 'export {}\n')
writeFileSync(
  join(dir, 'README.md'),
  `# @aury/${name}\n\n${description}\n\n\`\`\`sh\nnpm i @aury/${name}\n\`\`\`\n`,
)

import { packageConfig } from '../../tsup.shared'

export default packageConfig(
  { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  { external: ['vitest'] },
)

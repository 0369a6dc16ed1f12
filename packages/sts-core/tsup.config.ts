import { packageConfig } from '../../tsup.shared'

// `schema` is a separate entry so the main entry never loads zod.
export default packageConfig({ index: 'src/index.ts', schema: 'src/sts-request-schema.ts' })

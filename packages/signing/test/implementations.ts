import * as node from '../src/index'
import * as web from '../src/web/index'

/** Both builds, so every suite runs against node:crypto and WebCrypto. */
export const implementations = [
  { name: 'node:crypto', api: node },
  { name: 'WebCrypto', api: web },
] as const

export type SigningApi = typeof node

import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * The published signing vectors, `../shared/test-vectors` relative to the repository root
 * (override with `AURY_TEST_VECTORS`). Throws when the folder is missing: vector suites must
 * fail, never skip.
 */
export function vectorsDir(): string {
  const dir = process.env.AURY_TEST_VECTORS ?? join(repoRoot, '..', 'shared', 'test-vectors')
  if (!existsSync(dir)) {
    throw new Error(`test vectors not found at ${dir}; set AURY_TEST_VECTORS to the folder`)
  }
  return dir
}

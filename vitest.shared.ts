import { defineConfig } from 'vitest/config'

/**
 * Shared vitest settings: packages resolve each other's TypeScript sources through the
 * `@aury/source` export condition, so tests never run against a stale `dist/`.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@aury/source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@aury/source', 'node', 'import', 'default'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})

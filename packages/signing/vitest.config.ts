import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared'

// Every suite runs twice: as the sources are (node-only fast paths on), and with `__NODE__`
// false, the paths the web build keeps (see tsup.config.ts).
export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      projects: [
        { extends: true, test: { name: 'sources' } },
        {
          extends: true,
          define: { __NODE__: 'false' },
          test: { name: 'web paths' },
        },
      ],
    },
  }),
)

import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared'

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      // Browser suites start servers and Chromium; run files one at a time on 2 cores.
      fileParallelism: false,
      testTimeout: 120_000,
    },
  }),
)

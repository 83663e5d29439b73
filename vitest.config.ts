import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // The JSON report feeds scripts/test-summary.mjs, which prints one plain closing line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
})

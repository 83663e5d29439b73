import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // expect.poll waits for what a page shows; 1 s (the default) is too short on a loaded
    // 2-core CI machine, and a real failure still fails, just later.
    expect: { poll: { timeout: 10_000 } },
    // The JSON report feeds scripts/test-summary.mjs, which prints one plain closing line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
})

import { defineConfig } from 'vitest/config';

// One project per test kind so each can run alone: `vitest run --project interop`; all but one:
// `vitest run --project '!campaign'`.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts'], testTimeout: 20_000 } },
      { test: { name: 'conformance', include: ['test/conformance/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'interop', include: ['test/interop/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
      { test: { name: 'fuzz', include: ['test/fuzz/**/*.test.ts'], testTimeout: 300_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000 } },
      // Alone and last (scripts/test.sh): the million-message campaign, whose expectation is a sustained rate.
      { test: { name: 'campaign', include: ['test/campaign/**/*.test.ts'], testTimeout: 25 * 60_000, fileParallelism: false } },
      { test: { name: 'containers', include: ['test/containers/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false } },
    ],
  },
});

import { defineConfig } from 'vitest/config';

/** One suite for the whole repository; lib/ must keep at least 90% line coverage. */
export default defineConfig({
  test: {
    include: ['{lib,widget,backend,components,entrypoints,tests,demo}/**/*.test.{ts,tsx}'],
    environment: 'node',
    coverage: {
      provider: 'v8',
      include: ['lib/**/*.ts'],
      exclude: ['**/*.test.ts', 'lib/index.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { 'lib/**/*.ts': { lines: 90, branches: 85, functions: 90, statements: 90 } },
    },
  },
});

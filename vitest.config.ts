import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/bench/**', 'node_modules/**'],
    // browser journeys start a real server and Chromium; give them room on a 2-core machine
    testTimeout: 20_000,
    hookTimeout: 60_000,
    setupFiles: ['test/helpers/fail-on-console-error.ts'],
    globalSetup: ['test/helpers/production-build.ts'],
  },
});

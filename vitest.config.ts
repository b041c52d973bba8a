import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
          setupFiles: ['test/setup.ts'],
          pool: 'forks',
          // Files of one worker share its database and app (started once, seconds on the embedded
          // database); each test makes its own company, so tests stay apart without a reset.
          isolate: false,
        },
      },
      {
        // Component tests (web/src/**/*.test.tsx): no database; each file names its DOM
        // (`// @vitest-environment happy-dom`) and gets a fresh module graph.
        extends: true,
        plugins: [react()],
        test: {
          name: 'web',
          include: ['web/src/**/*.test.tsx'],
          setupFiles: ['web/src/test/setup.ts'],
        },
      },
    ],
  },
});

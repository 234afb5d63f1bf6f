import { defineConfig } from 'vitest/config';

// End-to-end tests drive the production build in real Chromium; one file at a time keeps
// two cores from being shared by several browsers.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: 0,
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests drive the production build in real Chromium; one file at a time keeps
// two cores from being shared by several browsers.
export default defineConfig({
  // The project's own alias (WXT's `@/`), for lib/ modules the tests import (the unit config gets it from WxtVitest).
  resolve: { alias: { '@/': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: 0,
  },
});

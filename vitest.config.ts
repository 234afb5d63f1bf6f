import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  // Unit tests see the test hooks, like the E2E build (lib/build-flags.d.ts).
  define: { __KUC_TEST_HOOKS__: 'true' },
  test: {
    include: ['lib/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'test/kick-sim/**/*.test.ts', 'scripts/**/*.test.ts', 'test/relay/**/*.test.ts', 'test/bench/**/*.test.ts', 'test/house/**/*.test.ts'],
    restoreMocks: true,
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 15_000,
  },
});

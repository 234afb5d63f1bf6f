import { defineConfig } from 'vitest/config';

// The benchmark's own pure helpers (statistics, profile attribution): `npx vitest run --config test/bench/vitest.config.ts`.
export default defineConfig({
  root: import.meta.dirname,
  test: { include: ['*.test.ts'] },
});

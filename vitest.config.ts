import { defineConfig } from 'vitest/config';

// One runner for every package. Core tests take milliseconds; server tests open a real database
// (PGlite in-process, or PostgreSQL when DATABASE_URL / CPAUDIT_TEST_PG is set, as CI does).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

// `npm run test:stress` (issue 7, SECURITY.md): the full forms of the process tests — 20 SIGKILL rounds per
// workload (burst, import, report) on PGlite and on PostgreSQL (CPAUDIT_TEST_PG), 100 clients × 60 s of mixed load
// on both, a 512 MB streamed upload. The files run one after another (each starts real server processes).
export default defineConfig({
  test: {
    include: [
      'packages/server/test/crash.test.ts',
      'packages/server/test/load.test.ts',
      'packages/server/test/upload-memory.test.ts',
    ],
    env: { CPAUDIT_STRESS: '1' },
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

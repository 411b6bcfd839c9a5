/**
 * The platform as a user meets it: the real server (Fastify app, services, database) with the demo data loaded
 * (常州 electroplating industry audit, 惠州 PCB mandatory audit, every demo account) and the built web app, on a
 * fresh test database (in-memory PGlite, or PostgreSQL when CPAUDIT_TEST_PG is set, as in CI). Nothing is
 * simulated. Journeys log in with the demo accounts (password DEMO_PASSWORD).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import type { Database } from '../packages/server/src/db/index.ts';
import { DEMO_PASSWORD, type DemoSummary, loadDemo } from '../packages/server/src/demo/index.ts';
import { createTestDatabase } from '../packages/server/test/helpers/db.ts';
import { WEB_DIST } from './preview.ts';

export { DEMO_PASSWORD };

export interface DemoServer {
  /** Base URL without trailing slash. */
  readonly base: string;
  readonly database: Database;
  readonly summary: DemoSummary;
  close(): Promise<void>;
}

/** Starts the server on a free port with the demo loaded into a fresh database (takes a few seconds). */
export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-e2e-demo-'));
  const database = await createTestDatabase();
  const summary = await loadDemo(database, { dataDir });
  const app = await buildApp({
    database,
    config: { ...loadConfig({}), dataDir, loginRateLimit: 10_000 },
    webRoot: WEB_DIST,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    base,
    database,
    summary,
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login page as a demo account and waits for the app shell. */
export async function loginAs(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

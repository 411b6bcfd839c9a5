/**
 * The route table is the contract: every endpoint declared in @cpaudit/contract is served, and every /api route the
 * server serves is declared there (with its access rule), so no route can exist without a policy.
 */
import { api, type Endpoint } from '@cpaudit/contract';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/index.ts';
import { REGISTERED, SERVED_ROUTES } from '../../src/http/register.ts';
import { createTestDatabase } from '../helpers/db.ts';

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, config: loadConfig({}) });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const endpoints = Object.entries(api) as [string, Endpoint][];
/** Framework routes outside the contract: the OpenAPI document and its browsable docs. */
const FRAMEWORK = /^\/api\/(openapi\.json|docs)/;

describe('contract ↔ routes', () => {
  it('every contract endpoint is registered under its name', () => {
    const missing = endpoints.map(([name]) => name).filter((n) => !app[REGISTERED].has(n));
    expect(missing).toEqual([]);
  });

  it('every /api route is a contract endpoint (so it has a declared access policy)', () => {
    const declared = new Set(endpoints.map(([, e]) => `${e.method} ${e.path}`));
    const undeclared = app[SERVED_ROUTES].filter(
      (r) =>
        r.url.startsWith('/api') &&
        !FRAMEWORK.test(r.url) &&
        r.method !== 'HEAD' &&
        !declared.has(`${r.method} ${r.url}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('every endpoint declares access, and non-public ones appear in OpenAPI with the session scheme', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const [name, e] of endpoints) {
      expect(e.access, name).toBeDefined();
      const path = e.path.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[e.method.toLowerCase()];
      expect(op, `${name} in OpenAPI`).toBeDefined();
      if (e.access !== 'public') expect(op.security, name).toEqual([{ session: [] }]);
    }
  });
});

/**
 * Bad input to every write route (POST/PUT/PATCH/DELETE with a JSON body), generated from the contract: for each
 * endpoint, a caller its access admits sends bodies built from the endpoint's own schema with fields replaced by
 * malformed values (wrong types, negative and huge numbers, NaN-like and oversized strings, deep nesting, unknown
 * fields, invalid codes), and arbitrary JSON. Every answer must be a coded client error — never a 5xx — and the
 * database must be unchanged afterwards: every write is audit-logged by the database's triggers, so an unchanged
 * audit log (count and last entry) together with unchanged row counts of every table means nothing was written.
 */
import { api, type Endpoint, type Role } from '@cpaudit/contract';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, type World, type WorldUser } from '../helpers/world.ts';

const USERS: readonly WorldUser[] = ['admin', 'nanjing', 'entA', 'consultant', 'panel', 'expert'];
const RUNS = 60;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const malformed: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, '', 'NaN', '-1', [], {}, -1, -1e308, 1e308, 'kWh', '91320100MA1MXXXX0X'),
  fc.double({ noNaN: true }),
  fc.integer(),
  fc.string({ maxLength: 30 }),
  fc.constant('长'.repeat(5_000)),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** Bodies shaped like the endpoint's schema: some of its keys, each with a malformed value, maybe an unknown key. */
function bodiesFor(schema: z.ZodType | undefined): fc.Arbitrary<Json> {
  const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  if (keys.length === 0) return fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
  return fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...keys), malformed, { minKeys: 1 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.dictionary(fc.constantFrom(...keys), malformed), fc.string({ minLength: 1, maxLength: 8 }))
        .map(([b, k]) => ({ ...b, [`zz_${k}`]: 1 })),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  );
}

const WRITES = (Object.entries(api) as [string, Endpoint][]).filter(
  ([name, ep]) =>
    ep.method !== 'GET' &&
    ep.kind !== 'upload' &&
    ep.access !== 'public' &&
    // These end or replace the caller's own session; they are tested in auth.test.ts.
    !['logout', 'changeOwnPassword'].includes(name),
);

let world: World;
const clients = new Map<WorldUser, { client: Client; roles: Role[] }>();

async function fingerprint(): Promise<string> {
  const tables = await queryRows(
    world.database.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name not in ('sessions', '__drizzle_migrations') order by table_name`,
  );
  const parts: string[] = [];
  for (const t of tables) {
    const name = String((t as { table_name: string }).table_name);
    const [row] = await queryRows(
      world.database.db,
      sql`select count(*)::text as n from ${sql.identifier(name)}`,
    );
    parts.push(`${name}=${String((row as { n: string }).n)}`);
  }
  const [last] = await queryRows(
    world.database.db,
    sql`select coalesce(max(seq)::text, '-') as id from audit_log`,
  );
  parts.push(`audit_log.max=${String((last as { id: string }).id)}`);
  return parts.join(' ');
}

beforeAll(async () => {
  world = await createWorld();
  for (const user of USERS) {
    const client = await world.as(user);
    const me = (await client.get('/api/auth/me')).json().user as { roles: { role: Role }[] };
    clients.set(user, { client, roles: me.roles.map((r) => r.role) });
  }
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('bad input to every write route', () => {
  it(`${RUNS} generated bodies per write endpoint: coded 4xx, never 5xx, nothing written`, async () => {
    expect(WRITES.length).toBeGreaterThan(60);
    const before = await fingerprint();
    const wrong: string[] = [];
    let sent = 0;
    for (const [name, ep] of WRITES) {
      const caller = [...clients.values()].find(
        ({ roles }) => ep.access === 'authenticated' || roles.some((r) => (ep.access as Role[]).includes(r)),
      );
      if (!caller) {
        wrong.push(`${name}: no test user may call it`);
        continue;
      }
      const path = ep.path.replace(/:(\w+)/g, () => '00000000-0000-4000-8000-000000000000');
      await fc.assert(
        fc.asyncProperty(bodiesFor(ep.body), async (body) => {
          sent++;
          const res = await caller.client.request(ep.method, path, body);
          if (res.statusCode >= 500 || res.statusCode < 400) {
            wrong.push(
              `${name} ${JSON.stringify(body).slice(0, 100)} → ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
            return;
          }
          const error = (res.json() as { error?: { code?: unknown } }).error;
          if (typeof error?.code !== 'string') wrong.push(`${name}: ${res.statusCode} without a coded error`);
        }),
        { numRuns: RUNS, seed: 20_261_124 },
      );
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThan(60 * RUNS);
    expect(await fingerprint()).toBe(before);
  }, 300_000);
});

/**
 * The access matrix, generated from the contract (not a hand-picked list): every endpoint of `api` is called by an
 * anonymous visitor and by every user of the test world (one per role, in several organisations), with made-up
 * ids and an empty body. The endpoint's declared access decides the exact outcome at this level:
 * - anonymous: 401 for every endpoint that is not public;
 * - a role outside the endpoint's access: 403 FORBIDDEN, before anything about the request is read;
 * - a role inside it: let through to validation and the service, which answer for themselves (400 for the
 *   made-up input, 404 for what is not theirs, …) — and never with a server error.
 * Whether each allowed role sees its own organisation's data and not another's is tested per domain
 * (organisations-*, annual-*, audits-*, options-*, mandatory, balances, dashboard, reports, forms, exchange).
 * `routes.test.ts` fails for a served route that the contract does not declare, so no route escapes the matrix.
 */
import { randomUUID } from 'node:crypto';
import { api, type Endpoint, type Role } from '@cpaudit/contract';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorld, type World, type WorldUser } from '../helpers/world.ts';

const USERS: readonly WorldUser[] = [
  'admin',
  'jiangsu',
  'nanjing',
  'guangdong',
  'entA',
  'entB',
  'entC',
  'consultant',
  'panel',
  'expert',
];

/** Every endpoint; `logout` last, since it ends the session the other calls use. */
const ENDPOINTS = (Object.entries(api) as [string, Endpoint][]).sort(
  ([a], [b]) => Number(a === 'logout') - Number(b === 'logout'),
);

/** The path with every `:param` replaced by a fresh UUID (access is decided before the input is looked at). */
function pathOf(ep: Endpoint): string {
  return ep.path.replace(/:(\w+)/g, () => randomUUID());
}

function allowed(ep: Endpoint, roles: readonly Role[]): boolean {
  if (ep.access === 'public' || ep.access === 'authenticated') return true;
  const access = ep.access;
  return roles.some((r) => access.includes(r));
}

function label(name: string, ep: Endpoint): string {
  return `${name} (${ep.method} ${ep.path})`;
}

let world: World;
const clients = new Map<WorldUser, { client: Client; roles: Role[] }>();

beforeAll(async () => {
  world = await createWorld();
  for (const user of USERS) {
    const client = await world.as(user);
    const me = (await client.get('/api/auth/me')).json().user as { roles: { role: Role }[] };
    clients.set(user, { client, roles: [...new Set(me.roles.map((r) => r.role))] });
  }
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('the access matrix of every endpoint', () => {
  it('covers the whole contract and every role', () => {
    expect(ENDPOINTS.length).toBeGreaterThan(150);
    const roles = new Set([...clients.values()].flatMap((c) => c.roles));
    expect([...roles].sort()).toEqual(
      ['consultant', 'enterprise_user', 'expert', 'panel_member', 'platform_admin', 'bureau_staff'].sort(),
    );
  });

  it('answers an anonymous visitor 401 on every endpoint that is not public', async () => {
    const wrong: string[] = [];
    for (const [name, ep] of ENDPOINTS) {
      if (ep.access === 'public') continue;
      const res = await world.app.inject({
        method: ep.method,
        url: pathOf(ep),
        ...(ep.method === 'GET' ? {} : { payload: {} }),
      });
      if (res.statusCode !== 401) wrong.push(`${label(name, ep)} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses each role outside an endpoint’s access with 403, lets the others through, and never fails with 5xx', async () => {
    const wrong: string[] = [];
    let refused = 0;
    let admitted = 0;
    for (const [name, ep] of ENDPOINTS) {
      if (ep.access === 'public') continue;
      for (const [user, { client, roles }] of clients) {
        const res: LightMyRequestResponse = await client.request(
          ep.method,
          pathOf(ep),
          ep.method === 'GET' ? undefined : {},
        );
        const code =
          res.statusCode >= 400 ? (res.json() as { error?: { code?: string } }).error?.code : undefined;
        const byRole = res.statusCode === 403 && /your role cannot do this/.test(res.body);
        if (res.statusCode >= 500)
          wrong.push(`${label(name, ep)} as ${user} → ${res.statusCode} ${res.body}`);
        else if (allowed(ep, roles)) {
          admitted++;
          if (res.statusCode === 401 || byRole) wrong.push(`${label(name, ep)} as ${user}: refused by role`);
        } else {
          refused++;
          if (!(byRole && code === 'FORBIDDEN'))
            wrong.push(`${label(name, ep)} as ${user}: expected 403, got ${res.statusCode}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // Both sides of the matrix are exercised.
    expect(refused).toBeGreaterThan(200);
    expect(admitted).toBeGreaterThan(500);
  }, 240_000);
});

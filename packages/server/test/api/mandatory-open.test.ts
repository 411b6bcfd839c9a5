/**
 * "One open mandatory audit per enterprise" held by the database (partial unique index
 * `mandatory_audits_one_open_per_enterprise` on enterprise_id where status is in_progress, returned or
 * submitted), not only by the service's check: two creates racing each other cannot both succeed, and a row
 * written around the service is refused too. Closed audits (accepted, rejected) do not count.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbErrorInfo, mandatoryAudits } from '../../src/db/index.ts';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let entB: Client;
let guangdong: Client;

beforeAll(async () => {
  world = await createWorld();
  [entB, guangdong] = await Promise.all([world.as('entB'), world.as('guangdong')]);
});

afterAll(async () => {
  await world?.close();
});

const body = () => ({ enterpriseId: world.ids.entB, auditMethod: 'regular', round: 'first', dataYear: 2024 });

describe('one open mandatory audit per enterprise', () => {
  it('two concurrent creates (the enterprise and its bureau): one 201, the other 409 CONFLICT', async () => {
    const results = await Promise.all([
      entB.post('/api/mandatory-audits', body()),
      guangdong.post('/api/mandatory-audits', body()),
    ]);
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses, results.map((r) => r.body).join('\n')).toEqual([201, 409]);
    const refused = results.find((r) => r.statusCode === 409);
    expect(refused?.json().error.code).toBe('CONFLICT');
    const rows = await world.database.db
      .select({ id: mandatoryAudits.id })
      .from(mandatoryAudits)
      .where(eq(mandatoryAudits.enterpriseId, world.ids.entB));
    expect(rows).toHaveLength(1);
  });

  it('the database itself refuses a second open audit written around the service', async () => {
    const error = await world.database.db
      .insert(mandatoryAudits)
      .values({
        enterpriseId: world.ids.entB,
        auditMethod: 'simplified',
        round: 'second',
        dataYear: 2023,
        status: 'submitted',
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(dbErrorInfo(error)).toMatchObject({
      code: '23505',
      constraint: 'mandatory_audits_one_open_per_enterprise',
    });
  });

  it('closed audits do not count: an accepted one next to the open one is stored', async () => {
    await world.database.db.insert(mandatoryAudits).values({
      enterpriseId: world.ids.entB,
      auditMethod: 'regular',
      round: 'first',
      dataYear: 2020,
      status: 'accepted',
    });
    const rows = await world.database.db
      .select({ status: mandatoryAudits.status })
      .from(mandatoryAudits)
      .where(eq(mandatoryAudits.enterpriseId, world.ids.entB));
    expect(rows.map((r) => r.status).sort()).toEqual(['accepted', 'in_progress']);
  });
});

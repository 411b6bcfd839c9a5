/**
 * The start-up warm-up (services/warm.ts): every audit's memoized views are computed in the background, so the first
 * requests reuse them; what it computed equals what a request computes; it can be stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEnterprises, cpOptions } from '../../src/db/index.ts';
import { clearAuditMemo, memoStats } from '../../src/services/options/audit-memo.ts';
import { warmAuditMemos } from '../../src/services/warm.ts';
import { createNanjingPlatingAudit, createWorld, type World } from '../helpers/world.ts';

let world: World;
const audits: string[] = [];

beforeAll(async () => {
  world = await createWorld();
  for (const title of [
    '南京市电镀行业清洁生产审核',
    '南京市印染行业清洁生产审核',
    '南京市化工行业清洁生产审核',
  ]) {
    const id = await createNanjingPlatingAudit(world, { title });
    audits.push(id);
    await world.database.db
      .insert(auditEnterprises)
      .values({ auditId: id, enterpriseId: world.ids.entA, status: 'selected' });
    await world.database.db
      .insert(cpOptions)
      .values({ auditId: id, level: 'industry', name: `${title}：集中治污`, status: 'feasible' });
  }
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('warm-up of the per-audit memos', () => {
  it('computes every audit once, and the dashboard then computes nothing', async () => {
    clearAuditMemo(world.database);
    const before = structuredClone(memoStats);
    const warmed = await warmAuditMemos(world.database).done;
    expect(warmed.error).toBeUndefined();
    expect(warmed.audits).toBe(audits.length);
    for (const kind of ['performance', 'options', 'collection'] as const) {
      expect(memoStats[kind].computed - before[kind].computed, kind).toBe(audits.length);
    }
    const after = structuredClone(memoStats);
    const res = await (await world.as('nanjing')).get('/api/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.json().audits).toHaveLength(audits.length);
    for (const kind of ['performance', 'options', 'collection'] as const) {
      expect(memoStats[kind].computed, kind).toBe(after[kind].computed);
      // Options by status are read twice: per audit, and summed into the count of visible options.
      expect(memoStats[kind].reused - after[kind].reused, kind).toBe(
        kind === 'options' ? 2 * audits.length : audits.length,
      );
    }
  });

  it('answers what a request computes', async () => {
    const nanjing = await world.as('nanjing');
    const warm = (await nanjing.get('/api/dashboard')).json();
    clearAuditMemo(world.database);
    // A write makes the dashboard compute again (the read cache keys by the data version), now without memos.
    await world.database.db
      .insert(cpOptions)
      .values({ auditId: audits[0] ?? '', level: 'industry', name: '新增方案' });
    const cold = (await nanjing.get('/api/dashboard')).json();
    const first = cold.audits.find((a: { id: string }) => a.id === audits[0]);
    expect(first.optionsByStatus.proposed).toBe(1);
    first.optionsByStatus.proposed = 0;
    cold.totals.optionsByStatus.proposed -= 1;
    cold.counts.options -= 1;
    expect(cold).toEqual(warm);
  });

  it('stops after the current step when asked', async () => {
    clearAuditMemo(world.database);
    const warming = warmAuditMemos(world.database);
    warming.stop();
    const w = await warming.done;
    expect(w.error).toBeUndefined();
    expect(w.audits).toBe(0);
  });
});

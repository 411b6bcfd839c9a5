import { afterAll, beforeAll, expect, it } from 'vitest';
import { bureaus, enterprises, industryAudits } from '../../src/db/index.ts';
import { auditVisible, enterpriseVisible } from '../../src/services/scope.ts';
import { createWorld, type World } from '../helpers/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});
it('scope SQL runs for every role', async () => {
  for (const u of ['consultant', 'panel', 'expert', 'nanjing', 'entA'] as const) {
    const c = await w.as(u);
    const me = (await c.get('/api/auth/me')).json();
    expect(me.user).toBeDefined();
  }
  const actor = {
    userId: w.ids.users.consultant,
    username: 'c',
    displayName: 'c',
    sessionId: 'x',
    csrfToken: 'x',
    roles: [
      { role: 'consultant' as const, bureauId: null, enterpriseId: null, consultingFirmId: w.ids.firm },
      { role: 'panel_member' as const, bureauId: null, enterpriseId: null, consultingFirmId: null },
      { role: 'expert' as const, bureauId: null, enterpriseId: null, consultingFirmId: null },
    ],
  };
  const rows = await w.database.db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(enterpriseVisible(actor));
  expect(rows.map((r) => r.id)).toEqual([w.ids.entA]);
  const audits = await w.database.db
    .select({ id: industryAudits.id })
    .from(industryAudits)
    .where(auditVisible(actor));
  expect(audits).toEqual([]);
});

it('a bureau sees the enterprises of its own region and of the regions below it, and no other', async () => {
  // The world's paths: 南京 玄武区 entA 32/3201/320102, 秦淮区 entC 32/3201/320104, 广州 天河区 entB 44/4401/440106.
  // A county bureau of 玄武区 has the path of entA itself (the "= path" branch); 南京 and 江苏 are prefixes
  // followed by '/' (the byte range [p/, p0)); 320104 shares "32/3201/3201" with 320102 but is not under it.
  const [xuanwu] = await w.database.db
    .insert(bureaus)
    .values({ name: '玄武区生态环境局', jurisdictionCode: '320102' })
    .returning({ id: bureaus.id });
  if (!xuanwu) throw new Error('bureau insert failed');
  const seen = async (bureauId: string) => {
    const actor = {
      userId: w.ids.users.nanjing,
      username: 'b',
      displayName: 'b',
      sessionId: 'x',
      csrfToken: 'x',
      roles: [{ role: 'bureau_staff' as const, bureauId, enterpriseId: null, consultingFirmId: null }],
    };
    const rows = await w.database.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(enterpriseVisible(actor));
    return rows.map((r) => r.id).sort();
  };
  expect(await seen(xuanwu.id)).toEqual([w.ids.entA]);
  expect(await seen(w.ids.nanjingBureau)).toEqual([w.ids.entA, w.ids.entC].sort());
  expect(await seen(w.ids.jiangsuBureau)).toEqual([w.ids.entA, w.ids.entC].sort());
  expect(await seen(w.ids.guangdongBureau)).toEqual([w.ids.entB]);
  // An unknown bureau id: its path is NULL, the condition is never true.
  expect(await seen('00000000-0000-4000-8000-000000000000')).toEqual([]);
});

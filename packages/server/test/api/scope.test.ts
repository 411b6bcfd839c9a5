import { afterAll, beforeAll, expect, it } from 'vitest';
import { enterprises, industryAudits } from '../../src/db/index.ts';
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

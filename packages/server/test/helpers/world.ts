/**
 * A small multi-organisation world for API tests: two provinces, bureaus at province and city level, enterprises
 * in different jurisdictions, a consulting firm engaged by one of them, and one user per role. Every test file
 * that checks "allowed and refused" uses it, so each route is called by its owner and by an outsider.
 */
import { usccCheckChar } from '@cpaudit/core';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import {
  bureaus,
  consultingEngagements,
  consultingFirms,
  type Database,
  enterprises,
  industryAudits,
  regions,
} from '../../src/db/index.ts';
import { createAccount } from '../../src/services/users.ts';
import { createTestDatabase } from './db.ts';
import { REGION_ROWS } from './fixtures.ts';

export const PASSWORD = 'Test-password-1';

/** A valid credit code (GB 32100-2015) built from a 17-character body. */
export function uscc(body17: string): string {
  return body17 + usccCheckChar(body17);
}

export interface World {
  app: FastifyInstance;
  database: Database;
  ids: {
    jiangsuBureau: string;
    nanjingBureau: string;
    guangdongBureau: string;
    /** 南京 玄武区, electroplating (336), engaged the consulting firm. */
    entA: string;
    /** 广州 天河区, printed circuit boards (398). */
    entB: string;
    /** 南京 秦淮区, electroplating (336). */
    entC: string;
    firm: string;
    users: Record<WorldUser, string>;
  };
  /** Logs in and returns a client that sends the session cookie and CSRF header. */
  as(user: WorldUser): Promise<Client>;
  close(): Promise<void>;
}

export type WorldUser =
  | 'admin'
  | 'jiangsu'
  | 'nanjing'
  | 'guangdong'
  | 'entA'
  | 'entB'
  | 'entC'
  | 'consultant'
  | 'panel'
  | 'expert';

export interface Client {
  userId: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export async function createWorld(opts: { webRoot?: string } = {}): Promise<World> {
  const database = await createTestDatabase();
  const db = database.db;
  await db.insert(regions).values([...REGION_ROWS]);
  const [jiangsu, nanjing, guangdong] = await db
    .insert(bureaus)
    .values([
      { name: '江苏省生态环境厅', jurisdictionCode: '320000' },
      { name: '南京市生态环境局', jurisdictionCode: '320100' },
      { name: '广东省生态环境厅', jurisdictionCode: '440000' },
    ])
    .returning({ id: bureaus.id });
  const [firm] = await db
    .insert(consultingFirms)
    .values({ uscc: uscc('91320100MA1W00001'), name: '江苏清源环境咨询有限公司', regionCode: '320100' })
    .returning({ id: consultingFirms.id });
  const [entA, entB, entC] = await db
    .insert(enterprises)
    .values([
      {
        uscc: uscc('91320102MA1X00001'),
        name: '南京甲电镀有限公司',
        regionCode: '320102',
        industryCode: '336',
        industryName: '金属表面处理及热处理加工',
      },
      {
        uscc: uscc('91440106MA5Y00001'),
        name: '广州乙电路板有限公司',
        regionCode: '440106',
        industryCode: '398',
        industryName: '电子元件及电子专用材料制造',
      },
      {
        uscc: uscc('91320104MA1Y00002'),
        name: '南京丙表面处理有限公司',
        regionCode: '320104',
        industryCode: '336',
        industryName: '金属表面处理及热处理加工',
      },
    ])
    .returning({ id: enterprises.id });
  if (!jiangsu || !nanjing || !guangdong || !firm || !entA || !entB || !entC)
    throw new Error('world seed failed');
  await db
    .insert(consultingEngagements)
    .values({ consultingFirmId: firm.id, enterpriseId: entA.id, startedOn: '2024-01-01' });

  const account = (
    username: string,
    displayName: string,
    roles: Parameters<typeof createAccount>[1]['roles'],
  ) => createAccount(database, { username, displayName, password: PASSWORD, roles });
  const users: Record<WorldUser, string> = {
    admin: await account('admin', '平台管理员', [{ role: 'platform_admin' }]),
    jiangsu: await account('jiangsu', '江苏省厅用户', [{ role: 'bureau_staff', bureauId: jiangsu.id }]),
    nanjing: await account('nanjing', '南京市局用户', [{ role: 'bureau_staff', bureauId: nanjing.id }]),
    guangdong: await account('guangdong', '广东省厅用户', [{ role: 'bureau_staff', bureauId: guangdong.id }]),
    entA: await account('enta', '甲企业用户', [{ role: 'enterprise_user', enterpriseId: entA.id }]),
    entB: await account('entb', '乙企业用户', [{ role: 'enterprise_user', enterpriseId: entB.id }]),
    entC: await account('entc', '丙企业用户', [{ role: 'enterprise_user', enterpriseId: entC.id }]),
    consultant: await account('consultant', '咨询师', [{ role: 'consultant', consultingFirmId: firm.id }]),
    panel: await account('panel', '审核小组成员', [{ role: 'panel_member' }]),
    expert: await account('expert', '专家', [{ role: 'expert' }]),
  };

  const app = await buildApp({
    database,
    config: { ...loadConfig({}), loginRateLimit: 10_000 },
    ...(opts.webRoot ? { webRoot: opts.webRoot } : {}),
  });
  const usernames: Record<WorldUser, string> = {
    admin: 'admin',
    jiangsu: 'jiangsu',
    nanjing: 'nanjing',
    guangdong: 'guangdong',
    entA: 'enta',
    entB: 'entb',
    entC: 'entc',
    consultant: 'consultant',
    panel: 'panel',
    expert: 'expert',
  };

  async function as(user: WorldUser): Promise<Client> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: usernames[user], password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${user} failed: ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf: string = res.json().csrfToken;
    const request: Client['request'] = (method, url, body) =>
      app.inject({
        method,
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
    return {
      userId: users[user],
      request,
      get: (url) => request('GET', url),
      post: (url, body) => request('POST', url, body),
      put: (url, body) => request('PUT', url, body),
      patch: (url, body) => request('PATCH', url, body),
      delete: (url, body) => request('DELETE', url, body),
    };
  }

  return {
    app,
    database,
    ids: {
      jiangsuBureau: jiangsu.id,
      nanjingBureau: nanjing.id,
      guangdongBureau: guangdong.id,
      entA: entA.id,
      entB: entB.id,
      entC: entC.id,
      firm: firm.id,
      users,
    },
    as,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * The industry audit most API tests work on: 南京市 electroplating (336), led by the 南京 bureau, period 2025, with
 * `extra` columns (e.g. the 无/低费 threshold). Its id.
 */
export async function createNanjingPlatingAudit(
  world: World,
  extra: Partial<typeof industryAudits.$inferInsert> = {},
): Promise<string> {
  const [audit] = await world.database.db
    .insert(industryAudits)
    .values({
      title: '南京市电镀行业清洁生产审核',
      bureauId: world.ids.nanjingBureau,
      regionCode: '320100',
      industryCodes: ['336'],
      industryName: '金属表面处理及热处理加工',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      ...extra,
    })
    .returning({ id: industryAudits.id });
  if (!audit) throw new Error('the audit insert returned nothing');
  return audit.id;
}

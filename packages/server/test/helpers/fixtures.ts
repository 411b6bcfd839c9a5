/**
 * Minimal reference rows for tests: a few real administrative divisions (GB/T 2260 codes), a bureau per
 * province/city, one consulting firm, one enterprise and users. Credit codes are valid by construction
 * (check characters worked out in src/db/constraints.test.ts).
 */
import type { Db } from '../../src/db/connect.ts';
import {
  bureaus,
  consultingFirms,
  enterprises,
  regions,
  userRoles,
  users,
} from '../../src/db/schema/index.ts';

/** 统一社会信用代码 with correct check characters (GB 32100-2015). */
export const USCC = {
  /** Hand-computed: Σ = 1187, 1187 mod 31 = 9, 31 − 9 = 22 → 'N'. */
  enterprise: '91320102MA1P00000N',
  /** Hand-computed: Σ = 9·1 + 1·3 + 3·9 + 2·27 = 93, 93 mod 31 = 0 → (31 − 0) mod 31 = 0 → '0'. */
  consultingFirm: '913200000000000000',
} as const;

export const REGION_ROWS = [
  { code: '320000', name: '江苏省', parentCode: null },
  { code: '320100', name: '南京市', parentCode: '320000' },
  { code: '320102', name: '玄武区', parentCode: '320100' },
  { code: '320104', name: '秦淮区', parentCode: '320100' },
  { code: '440000', name: '广东省', parentCode: null },
  { code: '440100', name: '广州市', parentCode: '440000' },
  { code: '440106', name: '天河区', parentCode: '440100' },
  { code: '441900', name: '东莞市', parentCode: '440000' },
] as const;

export interface BaseFixture {
  nanjingBureauId: string;
  jiangsuBureauId: string;
  consultingFirmId: string;
  enterpriseId: string;
  adminUserId: string;
  enterpriseUserId: string;
}

/** Inserts regions, two bureaus, a consulting firm, an enterprise in 玄武区 and two users. */
export async function seedBase(db: Db): Promise<BaseFixture> {
  await db.insert(regions).values([...REGION_ROWS]);
  const [jiangsu] = await db
    .insert(bureaus)
    .values({ name: '江苏省生态环境厅', jurisdictionCode: '320000' })
    .returning({ id: bureaus.id });
  const [nanjing] = await db
    .insert(bureaus)
    .values({ name: '南京市生态环境局', jurisdictionCode: '320100', parentBureauId: jiangsu?.id ?? null })
    .returning({ id: bureaus.id });
  const [firm] = await db
    .insert(consultingFirms)
    .values({ uscc: USCC.consultingFirm, name: '江苏某环境咨询有限公司', regionCode: '320100' })
    .returning({ id: consultingFirms.id });
  const [enterprise] = await db
    .insert(enterprises)
    .values({
      uscc: USCC.enterprise,
      name: '南京某电镀有限公司',
      address: '南京市玄武区某路1号',
      regionCode: '320102',
      industryCode: '336',
      industryName: '金属表面处理及热处理加工',
    })
    .returning({ id: enterprises.id });
  const [admin] = await db
    .insert(users)
    .values({ username: 'admin', displayName: '平台管理员', passwordHash: '$argon2id$v=19$fake-admin' })
    .returning({ id: users.id });
  const [entUser] = await db
    .insert(users)
    .values({ username: 'ent', displayName: '企业用户' })
    .returning({ id: users.id });
  if (!jiangsu || !nanjing || !firm || !enterprise || !admin || !entUser)
    throw new Error('seed insert failed');
  await db.insert(userRoles).values([
    { userId: admin.id, role: 'platform_admin' },
    { userId: entUser.id, role: 'enterprise_user', enterpriseId: enterprise.id },
  ]);
  return {
    jiangsuBureauId: jiangsu.id,
    nanjingBureauId: nanjing.id,
    consultingFirmId: firm.id,
    enterpriseId: enterprise.id,
    adminUserId: admin.id,
    enterpriseUserId: entUser.id,
  };
}

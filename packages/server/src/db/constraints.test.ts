/**
 * Constraints the database enforces whatever the service does: credit-code check characters, unique keys,
 * role scopes, the ≤ 12-month audit period, the 100-character 方案要点, option levels, annual item codes;
 * and how violations map to CpError (mapDbError).
 */
import { isCpError } from '@cpaudit/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, queryRows } from '../../test/helpers/db.ts';
import { type BaseFixture, seedBase, USCC } from '../../test/helpers/fixtures.ts';
import type { Database } from './connect.ts';
import { dbErrorInfo, mapDbError } from './errors.ts';
import * as s from './schema/index.ts';

let database: Database;
let base: BaseFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  base = await seedBase(database.db);
});
afterAll(async () => {
  await database.close();
});

/** Runs `write` expecting the database to refuse it; returns the SQLSTATE and constraint name. */
async function refusal(
  write: () => Promise<unknown>,
): Promise<{ code: string; constraint: string | undefined }> {
  try {
    await write();
  } catch (e) {
    const info = dbErrorInfo(e);
    if (info === undefined) throw e;
    return { code: info.code, constraint: info.constraint };
  }
  throw new Error('the write was accepted');
}

async function usccValid(code: string): Promise<unknown> {
  const [row] = await queryRows(database.db, sql`select cp_uscc_valid(${code}) as ok`);
  return row?.ok;
}

describe('cp_uscc_valid (GB 32100-2015 check character)', () => {
  it('accepts codes whose check character is right', async () => {
    // 91320102MA1P00000N, weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, M = 21, A = 10, P = 23:
    // 9·1 + 1·3 + 3·9 + 2·27 + 0·19 + 1·26 + 0·16 + 2·17 + 21·20 + 10·29 + 1·25 + 23·13 + 0 = 1187;
    // 1187 mod 31 = 9 (31·38 = 1178); 31 − 9 = 22 → 'N'.
    expect(await usccValid('91320102MA1P00000N')).toBe(true);
    // 913200000000000000: Σ = 9 + 3 + 27 + 54 = 93 = 3·31 → mod 0 → (31 − 0) mod 31 = 0 → '0'.
    expect(await usccValid('913200000000000000')).toBe(true);
  });

  it('refuses a wrong check character, a forbidden letter, a wrong length, lower case', async () => {
    expect(await usccValid('91320102MA1P00000M')).toBe(false); // 'M' ≠ 'N'
    expect(await usccValid('91320102MA1I00000N')).toBe(false); // I is not in the alphabet
    expect(await usccValid('91320102MA1P00000')).toBe(false); // 17 characters
    expect(await usccValid('91320102ma1p00000n')).toBe(false);
  });

  it('guards enterprises and consulting firms', async () => {
    const r = await refusal(() =>
      database.db
        .insert(s.enterprises)
        .values({ uscc: '91320102MA1P00000M', name: 'x', regionCode: '320102', industryCode: '336' }),
    );
    expect(r).toEqual({ code: '23514', constraint: 'enterprises_uscc_valid' });
    const f = await refusal(() =>
      database.db.insert(s.consultingFirms).values({ uscc: '913200000000000001', name: 'x' }),
    );
    expect(f.constraint).toBe('consulting_firms_uscc_valid');
  });
});

describe('unique constraints', () => {
  it('one enterprise per credit code', async () => {
    const r = await refusal(() =>
      database.db
        .insert(s.enterprises)
        .values({ uscc: USCC.enterprise, name: '重复', regionCode: '320104', industryCode: '336' }),
    );
    expect(r).toEqual({ code: '23505', constraint: 'enterprises_uscc_unique' });
  });

  it('one annual value per (enterprise, year, item) and one submission per (enterprise, year)', async () => {
    const db = database.db;
    await db.insert(s.annualSubmissions).values({ enterpriseId: base.enterpriseId, year: 2023 });
    const dupSubmission = await refusal(() =>
      db.insert(s.annualSubmissions).values({ enterpriseId: base.enterpriseId, year: 2023 }),
    );
    expect(dupSubmission.constraint).toBe('annual_submissions_enterprise_year_unique');
    const value = {
      enterpriseId: base.enterpriseId,
      year: 2023,
      category: 'water' as const,
      itemCode: 'water.intake',
      quantity: 1,
      unit: 'm3',
    };
    await db.insert(s.annualValues).values(value);
    expect((await refusal(() => db.insert(s.annualValues).values(value))).constraint).toBe(
      'annual_values_enterprise_year_item_unique',
    );
    // The same item in another year needs that year's submission first (composite foreign key).
    const noSubmission = await refusal(() => db.insert(s.annualValues).values({ ...value, year: 2022 }));
    expect(noSubmission).toEqual({ code: '23503', constraint: 'annual_values_submission_fk' });
  });

  it('a role is granted once, even without a scope (NULLS NOT DISTINCT)', async () => {
    const r = await refusal(() =>
      database.db.insert(s.userRoles).values({ userId: base.adminUserId, role: 'platform_admin' }),
    );
    expect(r).toEqual({ code: '23505', constraint: 'user_roles_unique' });
  });

  it('usernames are unique and lower-case', async () => {
    expect(
      (await refusal(() => database.db.insert(s.users).values({ username: 'admin', displayName: 'x' })))
        .constraint,
    ).toBe('users_username_unique');
    expect(
      (await refusal(() => database.db.insert(s.users).values({ username: 'Admin2', displayName: 'x' })))
        .constraint,
    ).toBe('users_username_format');
  });
});

describe('checks', () => {
  it('a role row carries exactly the scope its role needs', async () => {
    const db = database.db;
    const noBureau = await refusal(() =>
      db.insert(s.userRoles).values({ userId: base.enterpriseUserId, role: 'bureau_staff' }),
    );
    expect(noBureau.constraint).toBe('user_roles_scope_matches_role');
    const adminWithScope = await refusal(() =>
      db
        .insert(s.userRoles)
        .values({ userId: base.enterpriseUserId, role: 'platform_admin', enterpriseId: base.enterpriseId }),
    );
    expect(adminWithScope.constraint).toBe('user_roles_scope_matches_role');
  });

  it('an audit period is at most 12 months (guideline 3.3)', async () => {
    const audit = (periodEnd: string) => ({
      title: 't',
      bureauId: base.nanjingBureauId,
      regionCode: '320100',
      industryCodes: ['336'],
      industryName: '电镀',
      periodStart: '2025-03-01',
      periodEnd,
    });
    // 2025-03-01 + 12 months = 2026-03-01: allowed; one day more is refused; an end before the start too.
    await database.db.insert(s.industryAudits).values(audit('2026-03-01'));
    expect(
      (await refusal(() => database.db.insert(s.industryAudits).values(audit('2026-03-02')))).constraint,
    ).toBe('industry_audits_period_max_12_months');
    expect(
      (await refusal(() => database.db.insert(s.industryAudits).values(audit('2025-03-01')))).constraint,
    ).toBe('industry_audits_period_max_12_months');
  });

  it('方案要点 is at most 100 characters (Guangdong form note 10); options have a coherent level', async () => {
    const [ma] = await database.db
      .insert(s.mandatoryAudits)
      .values({ enterpriseId: base.enterpriseId, auditMethod: 'simplified', round: 'first', dataYear: 2024 })
      .returning({ id: s.mandatoryAudits.id });
    if (ma === undefined) throw new Error('insert failed');
    const option = (keyPoints: string) => ({
      mandatoryAuditId: ma.id,
      level: 'enterprise' as const,
      enterpriseId: base.enterpriseId,
      name: 'o',
      keyPoints,
    });
    await database.db.insert(s.cpOptions).values(option('清'.repeat(100)));
    expect(
      (await refusal(() => database.db.insert(s.cpOptions).values(option('清'.repeat(101))))).constraint,
    ).toBe('cp_options_key_points_max_100');
    // An industry-level option belongs to an industry audit and to no single enterprise.
    const industryWithoutAudit = await refusal(() =>
      database.db.insert(s.cpOptions).values({ mandatoryAuditId: ma.id, level: 'industry', name: 'x' }),
    );
    expect(industryWithoutAudit.constraint).toBe('cp_options_level_enterprise');
    // A rejected option says why.
    const rejected = await refusal(() =>
      database.db.insert(s.cpOptions).values({ ...option('x'), status: 'rejected' }),
    );
    expect(rejected.constraint).toBe('cp_options_rejected_has_reason');
  });

  it('a first-round mandatory audit has no previous acceptance date', async () => {
    const r = await refusal(() =>
      database.db.insert(s.mandatoryAudits).values({
        enterpriseId: base.enterpriseId,
        auditMethod: 'regular',
        round: 'first',
        dataYear: 2024,
        lastAcceptanceYear: 2020,
      }),
    );
    expect(r.constraint).toBe('mandatory_audits_first_round_no_previous');
  });

  it('annual item codes are lower-case dotted and start with their category', async () => {
    const db = database.db;
    await db.insert(s.annualSubmissions).values({ enterpriseId: base.enterpriseId, year: 2021 });
    const v = { enterpriseId: base.enterpriseId, year: 2021, quantity: 1, unit: 't' };
    expect(
      (
        await refusal(() =>
          db.insert(s.annualValues).values({ ...v, category: 'energy', itemCode: 'water.intake' }),
        )
      ).constraint,
    ).toBe('annual_values_item_in_category');
    expect(
      (
        await refusal(() =>
          db.insert(s.annualValues).values({ ...v, category: 'energy', itemCode: 'energy.Coal' }),
        )
      ).constraint,
    ).toBe('annual_values_item_code_format');
    expect(
      (
        await refusal(() =>
          db.insert(s.annualValues).values({ ...v, category: 'energy', itemCode: 'energy' }),
        )
      ).constraint,
    ).toBe('annual_values_item_code_format');
    expect(
      (
        await refusal(() =>
          db
            .insert(s.annualValues)
            .values({ ...v, category: 'energy', itemCode: 'energy.coal', quantity: Number.NaN }),
        )
      ).constraint,
    ).toBe('annual_values_quantity_finite');
  });

  it('region codes are 6 digits with a consistent parent', async () => {
    expect(
      (
        await refusal(() =>
          database.db.insert(s.regions).values({ code: '32010', name: 'x', parentCode: '320100' }),
        )
      ).constraint,
    ).toBe('regions_code_format');
    // A county whose parent is in another province.
    expect(
      (
        await refusal(() =>
          database.db.insert(s.regions).values({ code: '320105', name: 'x', parentCode: '440100' }),
        )
      ).constraint,
    ).toBe('regions_parent_consistent');
    expect(
      (
        await refusal(() =>
          database.db.insert(s.regions).values({ code: '330000', name: 'x', parentCode: '320000' }),
        )
      ).constraint,
    ).toBe('regions_parent_consistent');
  });
});

describe('mapDbError', () => {
  async function mapped(write: () => Promise<unknown>) {
    try {
      await write();
    } catch (e) {
      return mapDbError(e);
    }
    throw new Error('the write was accepted');
  }

  it('maps unique → CONFLICT, check → VALIDATION, missing reference → VALIDATION, still referenced → CONFLICT', async () => {
    const db = database.db;
    const dup = await mapped(() => db.insert(s.users).values({ username: 'admin', displayName: 'x' }));
    expect(dup?.code).toBe('CONFLICT');
    expect(dup?.field).toBe('users_username_unique');
    const check = await mapped(() => db.insert(s.users).values({ username: 'UPPER', displayName: 'x' }));
    expect(check).toMatchObject({ code: 'VALIDATION', field: 'users_username_format' });
    const missing = await mapped(() =>
      db
        .insert(s.enterpriseProducts)
        .values({ enterpriseId: '00000000-0000-0000-0000-000000000000', name: 'x' }),
    );
    expect(missing?.code).toBe('VALIDATION');
    const referenced = await mapped(() => db.delete(s.regions).where(sql`${s.regions.code} = '320102'`));
    expect(referenced?.code).toBe('CONFLICT');
    const badUuid = await mapped(() => db.select().from(s.users).where(sql`${s.users.id} = 'not-a-uuid'`));
    expect(badUuid?.code).toBe('VALIDATION');
  });

  it('leaves other errors alone', () => {
    expect(mapDbError(new Error('boom'))).toBeUndefined();
    expect(mapDbError(undefined)).toBeUndefined();
    const e = mapDbError({ code: 'CPL01', message: 'locked' });
    expect(isCpError(e) && e.code).toBe('STATE_CONFLICT');
  });
});

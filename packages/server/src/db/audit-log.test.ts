/**
 * The audit log (append-only, written by triggers with the transaction's actor), optimistic concurrency
 * (cp_touch + versionMatches/throwVersionFailure) and the lock on submitted annual data.
 */
import { CpError } from '@cpaudit/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.ts';
import { type BaseFixture, seedBase } from '../../test/helpers/fixtures.ts';
import { writeAuditEntry } from './audit.ts';
import type { Database } from './connect.ts';
import { dbErrorInfo, mapDbError } from './errors.ts';
import * as s from './schema/index.ts';
import { throwVersionFailure, versionMatches } from './versioned.ts';

let database: Database;
let base: BaseFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  base = await seedBase(database.db);
});
afterAll(async () => {
  await database.close();
});

async function sqlState(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (e) {
    return dbErrorInfo(e)?.code ?? `not a database error: ${String(e)}`;
  }
  return undefined;
}

function logOf(entity: string, entityId: string) {
  return database.db
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.entity, entity), eq(s.auditLog.entityId, entityId)))
    .orderBy(asc(s.auditLog.seq));
}

describe('audit log written by triggers', () => {
  it('records insert, update and delete with before/after and the actor of the transaction', async () => {
    const actor = { userId: base.adminUserId, name: '平台管理员', ip: '10.0.0.8', requestId: 'req-1' };
    const product = await database.transaction(
      async (tx) => {
        const [p] = await tx
          .insert(s.enterpriseProducts)
          .values({ enterpriseId: base.enterpriseId, name: '镀锌件' })
          .returning();
        if (p === undefined) throw new Error('insert failed');
        await tx
          .update(s.enterpriseProducts)
          .set({ capacity: 5000, capacityUnit: 't/a' })
          .where(eq(s.enterpriseProducts.id, p.id));
        return p;
      },
      { actor },
    );
    await database.transaction(async (tx) => {
      await tx.delete(s.enterpriseProducts).where(eq(s.enterpriseProducts.id, product.id));
    });

    const log = await logOf('enterprise_products', product.id);
    expect(log.map((l) => l.action)).toEqual(['insert', 'update', 'delete']);
    const [ins, upd, del] = log;
    expect(ins).toMatchObject({
      actorUserId: base.adminUserId,
      actorName: '平台管理员',
      actorIp: '10.0.0.8',
      requestId: 'req-1',
      before: null,
    });
    expect(ins?.after).toMatchObject({ name: '镀锌件', version: 1 });
    expect(upd?.before).toMatchObject({ capacity: null, version: 1 });
    expect(upd?.after).toMatchObject({ capacity: 5000, capacity_unit: 't/a', version: 2 });
    // The delete ran without an actor: recorded as system work; the actor setting did not leak across
    // transactions.
    expect(del).toMatchObject({ actorUserId: null, actorName: null, after: null });
    expect(del?.before).toMatchObject({ id: product.id, version: 2 });
  });

  it('does not log an update that changes nothing but the version', async () => {
    const before = await logOf('enterprises', base.enterpriseId);
    await database.db
      .update(s.enterprises)
      .set({ name: '南京某电镀有限公司' })
      .where(eq(s.enterprises.id, base.enterpriseId));
    expect(await logOf('enterprises', base.enterpriseId)).toHaveLength(before.length);
  });

  it('never stores a password hash, but shows that it changed', async () => {
    await database.db
      .update(s.users)
      .set({ passwordHash: '$argon2id$v=19$new-hash' })
      .where(eq(s.users.id, base.adminUserId));
    const log = await logOf('users', base.adminUserId);
    const text = JSON.stringify(log);
    expect(text).not.toContain('$argon2id$');
    const upd = log.at(-1);
    expect(String(upd?.before?.password_hash)).toMatch(/^redacted:[0-9a-f]{12}$/);
    expect(String(upd?.after?.password_hash)).toMatch(/^redacted:[0-9a-f]{12}$/);
    expect(upd?.before?.password_hash).not.toBe(upd?.after?.password_hash);
  });

  it('keys regions by code and settings by key', async () => {
    await database.db.insert(s.settings).values({ key: 'evidence.max_bytes', value: 1000 });
    expect((await logOf('settings', 'evidence.max_bytes')).map((l) => l.action)).toEqual(['insert']);
    expect((await logOf('regions', '320102')).map((l) => l.action)).toEqual(['insert']);
  });

  it('takes application entries (login) with writeAuditEntry', async () => {
    const entry = await writeAuditEntry(database.db, {
      actorUserId: base.adminUserId,
      entity: 'session',
      action: 'login',
      actorIp: '10.0.0.8',
    });
    expect(entry.seq).toBeGreaterThan(0);
    const [row] = await database.db.select().from(s.auditLog).where(eq(s.auditLog.id, entry.id));
    expect(row).toMatchObject({ action: 'login', entity: 'session', actorUserId: base.adminUserId });
  });
});

describe('audit log is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE (SQLSTATE CPA01), even of no row', async () => {
    const db = database.db;
    const [first] = await db.select().from(s.auditLog).limit(1);
    if (first === undefined) throw new Error('log is empty');
    expect(
      await sqlState(() =>
        db.update(s.auditLog).set({ note: 'tampered' }).where(eq(s.auditLog.id, first.id)),
      ),
    ).toBe('CPA01');
    expect(await sqlState(() => db.delete(s.auditLog).where(eq(s.auditLog.id, first.id)))).toBe('CPA01');
    expect(await sqlState(() => db.delete(s.auditLog).where(sql`false`))).toBe('CPA01');
    expect(await sqlState(() => db.execute(sql`truncate audit_log`))).toBe('CPA01');
    expect(await sqlState(() => db.execute(sql`update audit_log set after = null`))).toBe('CPA01');
    const [still] = await db.select().from(s.auditLog).where(eq(s.auditLog.id, first.id));
    expect(still).toEqual(first);
  });

  it('maps a tampering attempt to CpError INTERNAL', async () => {
    try {
      await database.db.execute(sql`delete from audit_log`);
      expect.unreachable('delete accepted');
    } catch (e) {
      expect(mapDbError(e)?.code).toBe('INTERNAL');
    }
  });
});

describe('optimistic concurrency', () => {
  it('bumps version on each update and refuses a stale version', async () => {
    const db = database.db;
    const [f] = await db
      .insert(s.treatmentFacilities)
      .values({ enterpriseId: base.enterpriseId, medium: 'waste_gas', name: '酸雾喷淋塔' })
      .returning();
    if (f === undefined) throw new Error('insert failed');
    expect(f.version).toBe(1);

    const [a] = await db
      .update(s.treatmentFacilities)
      .set({ technology: '碱液喷淋' })
      .where(versionMatches(s.treatmentFacilities, f.id, 1))
      .returning();
    expect(a?.version).toBe(2);
    // A second client still holding version 1 updates nothing.
    const stale = await db
      .update(s.treatmentFacilities)
      .set({ technology: '水喷淋' })
      .where(versionMatches(s.treatmentFacilities, f.id, 1))
      .returning();
    expect(stale).toEqual([]);
    await expect(throwVersionFailure(db, s.treatmentFacilities, f.id, 1, 'facility')).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      field: 'version',
    });
    await expect(
      throwVersionFailure(db, s.treatmentFacilities, '00000000-0000-0000-0000-000000000000', 1, 'facility'),
    ).rejects.toBeInstanceOf(CpError);
    await expect(
      throwVersionFailure(db, s.treatmentFacilities, '00000000-0000-0000-0000-000000000000', 1, 'facility'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('submitted annual data is locked until returned', () => {
  it('refuses insert, update and delete of values while submitted or accepted; allows them when returned', async () => {
    const db = database.db;
    const year = 2024;
    const key = and(
      eq(s.annualSubmissions.enterpriseId, base.enterpriseId),
      eq(s.annualSubmissions.year, year),
    );
    await db.insert(s.annualSubmissions).values({ enterpriseId: base.enterpriseId, year });
    const value = {
      enterpriseId: base.enterpriseId,
      year,
      category: 'energy' as const,
      itemCode: 'energy.electricity',
      quantity: 100,
      unit: 'kWh',
    };
    const [v] = await db.insert(s.annualValues).values(value).returning();
    if (v === undefined) throw new Error('insert failed');

    await db
      .update(s.annualSubmissions)
      .set({ status: 'submitted', submittedAt: new Date(), submittedBy: base.enterpriseUserId })
      .where(key);
    expect(
      await sqlState(() =>
        db.update(s.annualValues).set({ quantity: 200 }).where(eq(s.annualValues.id, v.id)),
      ),
    ).toBe('CPL01');
    expect(await sqlState(() => db.delete(s.annualValues).where(eq(s.annualValues.id, v.id)))).toBe('CPL01');
    expect(
      await sqlState(() =>
        db.insert(s.annualValues).values({ ...value, itemCode: 'energy.natural_gas', unit: 'm3' }),
      ),
    ).toBe('CPL01');
    try {
      await db.update(s.annualValues).set({ quantity: 200 }).where(eq(s.annualValues.id, v.id));
    } catch (e) {
      expect(mapDbError(e)).toMatchObject({ code: 'STATE_CONFLICT' });
    }

    await db
      .update(s.annualSubmissions)
      .set({ status: 'returned', returnedAt: new Date(), returnReason: '电耗与产量不匹配' })
      .where(key);
    const [changed] = await db
      .update(s.annualValues)
      .set({ quantity: 200 })
      .where(eq(s.annualValues.id, v.id))
      .returning();
    expect(changed?.quantity).toBe(200);

    await db.update(s.annualSubmissions).set({ status: 'accepted', acceptedAt: new Date() }).where(key);
    expect(await sqlState(() => db.delete(s.annualValues).where(eq(s.annualValues.id, v.id)))).toBe('CPL01');
    const [kept] = await db.select().from(s.annualValues).where(eq(s.annualValues.id, v.id));
    expect(kept?.quantity).toBe(200);
  });

  it('a returned submission needs a reason', async () => {
    const db = database.db;
    await db.insert(s.annualSubmissions).values({ enterpriseId: base.enterpriseId, year: 2020 });
    const code = await sqlState(() =>
      db
        .update(s.annualSubmissions)
        .set({ status: 'returned', returnedAt: new Date() })
        .where(
          and(eq(s.annualSubmissions.enterpriseId, base.enterpriseId), eq(s.annualSubmissions.year, 2020)),
        ),
    );
    expect(code).toBe('23514');
  });
});

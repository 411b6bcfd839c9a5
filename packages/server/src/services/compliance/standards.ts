/**
 * Standards in the database (issue 8): the built-in standards of the core (`BUILTIN_STANDARDS`: GB 21900-2008,
 * GB 8978-1996) seeded on first need as revision 1 of their code, and standards the admin adds or edits as the
 * core's standard JSON (`standardSchema`, validated before every write).
 *
 * Versioning as the indicator systems: an edit never changes a stored body, it writes the next revision of the code
 * (`revision` n + 1, `supersedes_id` → the edited row) and marks the edited one `superseded`; retiring sets
 * `withdrawn`. Only `active` standards are applied by the compliance checks.
 */
import type {
  CreateStandardBody,
  listStandardsQuery,
  StandardDetail,
  StandardSummary,
  UpdateStandardBody,
} from '@cpaudit/contract';
import {
  BUILTIN_STANDARDS,
  CpError,
  parseInput,
  type Standard,
  type StandardJson,
  standardSchema,
} from '@cpaudit/core';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type Database,
  DB_ERRCODES,
  type Db,
  dbErrorInfo,
  mapDbError,
  type StandardRow,
  standards,
  throwVersionFailure,
  users,
  versionMatches,
} from '../../db/index.ts';
import { currentActorSql } from '../../db/schema/columns.ts';
import { type ServiceContext, write } from '../context.ts';
import { notFound } from '../scope.ts';

type ListQuery = z.output<typeof listStandardsQuery>;

async function withDbErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw mapDbError(e) ?? e;
  }
}

const parsed = new Map<string, Standard>();

/** The stored body of a standard row, parsed with the core schema (bodies are never edited: cached by id). */
export function standardOf(row: Pick<StandardRow, 'id' | 'body'>): Standard {
  const hit = parsed.get(row.id);
  if (hit) return hit;
  const s = parseInput(standardSchema, row.body, `stored standard ${row.id}`);
  if (parsed.size > 500) parsed.clear();
  parsed.set(row.id, s);
  return s;
}

const seeding = new WeakMap<Database, Promise<void>>();

/** Seeds the core's built-in standards (revision 1 of each code not yet stored). Idempotent, concurrency-safe. */
export function ensureBuiltInStandards(database: Database): Promise<void> {
  const running = seeding.get(database);
  if (running) return running;
  const p = seedBuiltIns(database).catch((e: unknown) => {
    seeding.delete(database);
    throw e;
  });
  seeding.set(database, p);
  return p;
}

async function seedBuiltIns(database: Database): Promise<void> {
  for (const standard of BUILTIN_STANDARDS) {
    const [present] = await database.db
      .select({ id: standards.id })
      .from(standards)
      .where(eq(standards.code, standard.code))
      .limit(1);
    if (present) continue;
    try {
      await database.transaction(
        async (tx) => {
          await tx.insert(standards).values({ ...columnsOf(standard), revision: 1, builtIn: true });
        },
        { actor: { userId: null, name: 'cpaudit-seed' } },
      );
    } catch (e) {
      if (dbErrorInfo(e)?.code !== DB_ERRCODES.UNIQUE) throw e;
    }
  }
}

function columnsOf(s: Standard) {
  return {
    kind: s.kind,
    code: s.code,
    title: s.title,
    body: s as unknown as Record<string, unknown>,
    validFrom: s.validFrom,
    validTo: s.validTo,
  };
}

async function names(db: Db, rows: readonly StandardRow[]) {
  const ids = [...new Set(rows.flatMap((r) => [r.createdBy, r.updatedBy]).filter((v) => v !== null))];
  const found =
    ids.length === 0
      ? []
      : await db
          .select({ id: users.id, displayName: users.displayName })
          .from(users)
          .where(inArray(users.id, ids));
  const byId = new Map(found.map((u) => [u.id, u]));
  return (id: string | null) => (id === null ? null : (byId.get(id) ?? null));
}

function summaryOf(row: StandardRow, nameOf: Awaited<ReturnType<typeof names>>): StandardSummary {
  const s = standardOf(row);
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    revision: row.revision,
    title: row.title,
    validFrom: row.validFrom,
    validTo: row.validTo,
    status: row.status,
    builtIn: row.builtIn,
    industries: s.industries,
    regions: s.regions,
    tableCount: s.kind === 'emission' ? s.tables.length : 0,
    limitCount: s.kind === 'emission' ? s.tables.reduce((n, t) => n + t.limits.length, 0) : 0,
    product: s.kind === 'energy' ? s.product : null,
    source: s.source,
    supersedesId: row.supersedesId,
    createdBy: nameOf(row.createdBy),
    updatedBy: nameOf(row.updatedBy),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function detailOf(db: Db, row: StandardRow): Promise<StandardDetail> {
  const nameOf = await names(db, [row]);
  return { ...summaryOf(row, nameOf), body: standardOf(row) as unknown as Record<string, unknown> };
}

export async function listStandards(
  ctx: ServiceContext,
  query: ListQuery,
): Promise<{ items: StandardSummary[]; total: number }> {
  await ensureBuiltInStandards(ctx.database);
  const conds: SQL[] = [];
  if (query.kind !== undefined) conds.push(eq(standards.kind, query.kind));
  if (query.status !== undefined) conds.push(eq(standards.status, query.status));
  if (query.history !== true) {
    // The newest revision of each code.
    conds.push(
      sql`${standards.revision} = (select max(s2.revision) from ${standards} s2 where s2.code = ${standards.code})`,
    );
  }
  const rows = await ctx.db
    .select()
    .from(standards)
    .where(conds.length === 0 ? undefined : and(...conds))
    .orderBy(asc(standards.kind), asc(standards.code), desc(standards.revision));
  const nameOf = await names(ctx.db, rows);
  const items = rows.map((r) => summaryOf(r, nameOf));
  return { items, total: items.length };
}

export async function getStandard(ctx: ServiceContext, id: string): Promise<StandardDetail> {
  await ensureBuiltInStandards(ctx.database);
  const [row] = await ctx.db.select().from(standards).where(eq(standards.id, id));
  if (!row) throw notFound('standard', id);
  return detailOf(ctx.db, row);
}

/** The active standards (the ones the compliance checks apply), parsed. */
export async function activeStandards(database: Database, db: Db): Promise<Standard[]> {
  await ensureBuiltInStandards(database);
  const rows = await db
    .select()
    .from(standards)
    .where(eq(standards.status, 'active'))
    .orderBy(asc(standards.code), desc(standards.revision));
  return rows.map((r) => standardOf(r));
}

/** Checks the body once more with the core schema (the request schema did; this fills defaults the same way). */
function parseBody(body: StandardJson): Standard {
  return parseInput(standardSchema, body, 'body.body');
}

export async function createStandard(ctx: ServiceContext, body: CreateStandardBody): Promise<StandardDetail> {
  const s = parseBody(body.body);
  // Seeded before the new code is numbered (an admin re-adding GB 21900-2008 gets revision 2), after validation.
  await ensureBuiltInStandards(ctx.database);
  const status = body.status ?? 'active';
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      // Serialise writers of one code: the newest revision is read under a row lock.
      const [newest] = await tx
        .select()
        .from(standards)
        .where(eq(standards.code, s.code))
        .orderBy(desc(standards.revision))
        .limit(1)
        .for('update');
      if (newest && newest.kind !== s.kind) {
        throw new CpError(
          'VALIDATION',
          `body.body.kind: ${s.code} is a ${newest.kind} standard; a revision cannot change its kind`,
          { field: 'body.body.kind' },
        );
      }
      const [row] = await tx
        .insert(standards)
        .values({
          ...columnsOf(s),
          revision: (newest?.revision ?? 0) + 1,
          status,
          supersedesId: newest?.id ?? null,
        })
        .returning();
      if (!row) throw new CpError('INTERNAL', 'standard insert returned nothing');
      if (newest && status === 'active' && newest.status === 'active') {
        await tx
          .update(standards)
          .set({ status: 'superseded', updatedBy: currentActorSql })
          .where(eq(standards.id, newest.id));
      }
      return detailOf(tx, row);
    }),
  );
}

export async function updateStandard(
  ctx: ServiceContext,
  id: string,
  body: UpdateStandardBody,
): Promise<StandardDetail> {
  // No seeding here: an id that exists was seeded or added already (a write refused writes nothing).
  const s = parseBody(body.body);
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      const [current] = await tx.select().from(standards).where(eq(standards.id, id)).for('update');
      if (!current) throw notFound('standard', id);
      if (current.version !== body.version) {
        await throwVersionFailure(tx, standards, id, body.version, 'standard');
      }
      if (s.code !== current.code) {
        throw new CpError(
          'VALIDATION',
          `body.body.code: an edit keeps the code (${current.code}); add a new standard for another code`,
          { field: 'body.body.code' },
        );
      }
      if (s.kind !== current.kind) {
        throw new CpError('VALIDATION', `body.body.kind: ${current.code} is a ${current.kind} standard`, {
          field: 'body.body.kind',
        });
      }
      if (current.status === 'withdrawn' || current.status === 'superseded') {
        throw new CpError(
          'STATE_CONFLICT',
          `standard ${current.code} revision ${current.revision} is ${current.status}: edit the newest revision`,
          { field: 'status' },
        );
      }
      const [newest] = await tx
        .select({ revision: standards.revision })
        .from(standards)
        .where(eq(standards.code, current.code))
        .orderBy(desc(standards.revision))
        .limit(1);
      const status = body.status ?? current.status;
      const [row] = await tx
        .insert(standards)
        .values({
          ...columnsOf(s),
          revision: (newest?.revision ?? current.revision) + 1,
          status,
          supersedesId: current.id,
        })
        .returning();
      if (!row) throw new CpError('INTERNAL', 'standard insert returned nothing');
      if (status === 'active') {
        const [old] = await tx
          .update(standards)
          .set({ status: 'superseded', updatedBy: currentActorSql })
          .where(versionMatches(standards, id, body.version))
          .returning({ id: standards.id });
        if (!old) await throwVersionFailure(tx, standards, id, body.version, 'standard');
      }
      return detailOf(tx, row);
    }),
  );
}

export async function retireStandard(
  ctx: ServiceContext,
  id: string,
  body: { version: number },
): Promise<StandardDetail> {
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      const [current] = await tx.select().from(standards).where(eq(standards.id, id));
      if (!current) throw notFound('standard', id);
      if (current.status === 'withdrawn') {
        throw new CpError('STATE_CONFLICT', `standard ${current.code} is already withdrawn`, {
          field: 'status',
        });
      }
      const [row] = await tx
        .update(standards)
        .set({ status: 'withdrawn', updatedBy: currentActorSql })
        .where(versionMatches(standards, id, body.version))
        .returning();
      if (!row) return throwVersionFailure(tx, standards, id, body.version, 'standard');
      return detailOf(tx, row);
    }),
  );
}

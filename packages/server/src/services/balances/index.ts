/**
 * 物料平衡 / 水平衡 / 能量平衡 of an enterprise's processes (guideline 7.2.4.3), for the balance editor.
 *
 * - Scope: the balances of an enterprise are read by whoever sees the enterprise (`enterpriseVisible`) and written
 *   by its users, its current consultants and the admin (`enterpriseWritable`). Out of sight → NOT_FOUND; seen but
 *   not writable → FORBIDDEN.
 * - The input is the core's balance input. Before every write the core computes it (`computeBalance`), so a
 *   stored balance always computes; the core's refusal (UNIT, NEGATIVE_QUANTITY, VALIDATION, NOT_COMPUTABLE)
 *   is passed on naming the field under `body.input` (as the body's schema errors do). Results are never stored: every read computes them.
 * - Optimistic concurrency: update and delete name the version read (VERSION_CONFLICT otherwise).
 */
import type {
  BalanceSummary,
  BalanceView,
  CreateBalanceBody,
  listBalancesQuery,
  UpdateBalanceBody,
} from '@cpaudit/contract';
import {
  type BalanceInput,
  type BalanceResult,
  balanceInputSchema,
  CpError,
  computeBalance,
  isCpError,
  type Traced,
} from '@cpaudit/core';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type Db,
  enterprises,
  mapDbError,
  type ProcessBalance,
  processBalances,
  throwVersionFailure,
  users,
  versionMatches,
} from '../../db/index.ts';
import { currentActorSql } from '../../db/schema/columns.ts';
import { type ServiceContext, write } from '../context.ts';
import { enterpriseVisible, enterpriseWritable, notFound } from '../scope.ts';

type ListQuery = z.output<typeof listBalancesQuery>;

/** Runs `fn`; a database rule violation (unique, CHECK, foreign key) becomes a CpError naming the rule. */
async function withDbErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw mapDbError(e) ?? e;
  }
}

/**
 * The core's error about the balance input, its field placed under `base`: `body.input` for a request (the same
 * paths as the schema validation of the body, e.g. `body.input.flows.1.quantity`), `input` for a stored balance.
 */
function under(base: string, e: CpError): CpError {
  const at = (f: string | undefined) => (f === undefined || f === '' ? base : `${base}.${f}`);
  const message =
    e.field !== undefined && e.message.startsWith(`${e.field}:`)
      ? `${base}.${e.message}`
      : `${base}: ${e.message}`;
  return new CpError(e.code, message, {
    field: at(e.field),
    issues: e.issues.map((i) => ({ ...i, field: at(i.field) })),
  });
}

/** The core's balance of `input`, labelled with the process name when the input has no name of its own. */
function compute(input: BalanceInput, processName: string): Traced<BalanceResult> {
  return computeBalance(input.name === undefined ? { ...input, name: processName } : input);
}

/** Computes before a write: a refusal of the core is a refusal of the request. */
function checkComputes(input: BalanceInput, processName: string): void {
  try {
    compute(input, processName);
  } catch (e) {
    throw isCpError(e) ? under('body.input', e) : e;
  }
}

type Computed =
  | { ok: true; input: BalanceInput; traced: Traced<BalanceResult> }
  | { ok: false; input: BalanceInput | null; error: CpError };

/** The stored input parsed and computed; a stored input that no longer computes is reported, not thrown. */
function computeStored(row: ProcessBalance): Computed {
  const parsed = balanceInputSchema.safeParse(row.input);
  if (!parsed.success) {
    return {
      ok: false,
      input: null,
      error: new CpError(
        'VALIDATION',
        `stored balance input no longer matches the schema: ${parsed.error.message}`,
        {
          field: 'input',
        },
      ),
    };
  }
  try {
    return { ok: true, input: parsed.data, traced: compute(parsed.data, row.processName) };
  } catch (e) {
    if (!isCpError(e)) throw e;
    return { ok: false, input: parsed.data, error: under('input', e) };
  }
}

interface UserNames {
  get(id: string | null): { id: string; displayName: string } | null;
}

async function userNames(db: Db, rows: readonly ProcessBalance[]): Promise<UserNames> {
  const ids = [...new Set(rows.flatMap((r) => [r.createdBy, r.updatedBy]).filter((v) => v !== null))];
  const found =
    ids.length === 0
      ? []
      : await db
          .select({ id: users.id, displayName: users.displayName })
          .from(users)
          .where(inArray(users.id, ids));
  const byId = new Map(found.map((u) => [u.id, u]));
  return { get: (id) => (id === null ? null : (byId.get(id) ?? null)) };
}

function summaryOf(row: ProcessBalance, computed: Computed, names: UserNames): BalanceSummary {
  const input = computed.input;
  const result = computed.ok ? computed.traced.value : null;
  const err = computed.ok ? null : computed.error;
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    year: row.year,
    kind: row.kind,
    processName: row.processName,
    unit: result?.unit ?? input?.unit ?? '',
    flowCount: input?.flows.length ?? 0,
    closureErrorPct: result?.closureErrorPct ?? null,
    tolerancePct: input?.tolerance_pct ?? 0,
    closes: result?.closes ?? null,
    error:
      err === null
        ? null
        : { code: err.code, message: err.message, ...(err.field === undefined ? {} : { field: err.field }) },
    createdBy: names.get(row.createdBy),
    updatedBy: names.get(row.updatedBy),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function viewOf(db: Db, row: ProcessBalance): Promise<BalanceView> {
  const computed = computeStored(row);
  const names = await userNames(db, [row]);
  if (computed.ok) {
    return {
      ...summaryOf(row, computed, names),
      input: computed.input,
      result: computed.traced.value,
      breakdown: computed.traced.breakdown,
    };
  }
  if (computed.input === null) {
    // Only a schema change of the stored JSON gets here; the editor cannot open what it cannot read.
    throw new CpError('INTERNAL', `balance ${row.id}: ${computed.error.message}`);
  }
  return { ...summaryOf(row, computed, names), input: computed.input, result: null, breakdown: null };
}

/** The enterprise if the actor sees it; NOT_FOUND otherwise. With `write`, FORBIDDEN unless they may write it. */
async function checkEnterprise(
  db: Db,
  ctx: ServiceContext,
  enterpriseId: string,
  forWrite: boolean,
): Promise<void> {
  const [row] = await db
    .select({ writable: sql<boolean>`(${enterpriseWritable(ctx.actor)})` })
    .from(enterprises)
    .where(and(eq(enterprises.id, enterpriseId), enterpriseVisible(ctx.actor)));
  if (!row) throw notFound('enterprise', enterpriseId);
  if (forWrite && row.writable !== true) {
    throw new CpError('FORBIDDEN', `you may see but not change the balances of enterprise ${enterpriseId}`);
  }
}

/** The balance if the actor sees its enterprise (NOT_FOUND otherwise); FORBIDDEN for a write they may not do. */
async function loadBalance(
  db: Db,
  ctx: ServiceContext,
  id: string,
  forWrite: boolean,
): Promise<ProcessBalance> {
  const [row] = await db
    .select({ balance: processBalances, writable: sql<boolean>`(${enterpriseWritable(ctx.actor)})` })
    .from(processBalances)
    .innerJoin(enterprises, eq(enterprises.id, processBalances.enterpriseId))
    .where(and(eq(processBalances.id, id), enterpriseVisible(ctx.actor)));
  if (!row) throw notFound('balance', id);
  if (forWrite && row.writable !== true) {
    throw new CpError('FORBIDDEN', `you may see but not change balance ${id}`);
  }
  return row.balance;
}

export async function listBalances(
  ctx: ServiceContext,
  enterpriseId: string,
  query: ListQuery,
): Promise<{ items: BalanceSummary[]; total: number }> {
  await checkEnterprise(ctx.db, ctx, enterpriseId, false);
  const conds: SQL[] = [eq(processBalances.enterpriseId, enterpriseId)];
  if (query.year !== undefined) conds.push(eq(processBalances.year, query.year));
  if (query.kind !== undefined) conds.push(eq(processBalances.kind, query.kind));
  const rows = await ctx.db
    .select()
    .from(processBalances)
    .where(and(...conds))
    .orderBy(asc(processBalances.year), asc(processBalances.kind), asc(processBalances.processName));
  const names = await userNames(ctx.db, rows);
  const items = rows.map((r) => summaryOf(r, computeStored(r), names));
  return { items, total: items.length };
}

export async function getBalance(ctx: ServiceContext, id: string): Promise<BalanceView> {
  const row = await loadBalance(ctx.db, ctx, id, false);
  return viewOf(ctx.db, row);
}

export async function createBalance(
  ctx: ServiceContext,
  enterpriseId: string,
  body: CreateBalanceBody,
): Promise<BalanceView> {
  const input = body.input;
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      await checkEnterprise(tx, ctx, enterpriseId, true);
      checkComputes(input, body.processName);
      const [row] = await tx
        .insert(processBalances)
        .values({ enterpriseId, year: body.year, kind: input.kind, processName: body.processName, input })
        .returning();
      if (!row) throw new CpError('INTERNAL', 'balance insert returned nothing');
      return viewOf(tx, row);
    }),
  );
}

export async function updateBalance(
  ctx: ServiceContext,
  id: string,
  body: UpdateBalanceBody,
): Promise<BalanceView> {
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      const current = await loadBalance(tx, ctx, id, true);
      const changes: Partial<typeof processBalances.$inferInsert> = {};
      if (body.year !== undefined) changes.year = body.year;
      if (body.processName !== undefined) changes.processName = body.processName;
      if (body.input !== undefined) {
        const input = body.input;
        checkComputes(input, body.processName ?? current.processName);
        changes.input = input;
        changes.kind = input.kind;
      }
      if (Object.keys(changes).length === 0) {
        if (current.version !== body.version) {
          await throwVersionFailure(tx, processBalances, id, body.version, 'balance');
        }
        return viewOf(tx, current);
      }
      const [row] = await tx
        .update(processBalances)
        .set({ ...changes, updatedBy: currentActorSql })
        .where(versionMatches(processBalances, id, body.version))
        .returning();
      if (!row) return throwVersionFailure(tx, processBalances, id, body.version, 'balance');
      return viewOf(tx, row);
    }),
  );
}

export async function deleteBalance(ctx: ServiceContext, id: string, version: number): Promise<{ ok: true }> {
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      await loadBalance(tx, ctx, id, true);
      const deleted = await tx
        .delete(processBalances)
        .where(versionMatches(processBalances, id, version))
        .returning({ id: processBalances.id });
      if (deleted.length === 0) await throwVersionFailure(tx, processBalances, id, version, 'balance');
      return { ok: true as const };
    }),
  );
}

/**
 * Indicator systems (清洁生产评价指标体系) in the database: the systems shipped with the core (`INDICATOR_SYSTEMS`,
 * seeded on first need or by `ensureBuiltInIndicatorSystems`), systems imported from JSON (validated with the core's
 * `indicatorSystemSchema`), list and detail.
 *
 * Versioning: the system's `id` in the JSON is its `code`; every import of a code creates a new revision (stored in
 * `edition` as '1', '2', …), the new one `active` and the previous active one `superseded` (`supersedes_id` links
 * them). The JSON is kept verbatim in `definition`; `indicators` holds its relational projection: one tier-1 row per
 * group (w_i) and one tier-2 row per indicator (ω_ij, or `weight_expr` such as `0.8/n` for a shared pool).
 */
import { indicatorItemCode } from '@cpaudit/contract';
import {
  CpError,
  INDICATOR_SYSTEMS,
  type IndicatorSystem,
  indicatorSystemSchema,
  parseInput,
  type Source,
} from '@cpaudit/core';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import {
  type Database,
  DB_ERRCODES,
  type Db,
  dbErrorInfo,
  type IndicatorSystem as IndicatorSystemRow,
  indicatorSystems,
  indicators,
  type Tx,
} from '../../db/index.ts';
import { type ServiceContext, write } from '../context.ts';
import { notFound } from '../scope.ts';
import { iso, isoOrNull, mapped, refOf, userRefs } from './common.ts';

// ---------------------------------------------------------------------------------------------------------------
// Definitions (parsed once per stored row: definitions are never edited, a change is a new revision)

const parsedDefinitions = new Map<string, IndicatorSystem>();

/** The stored definition of a system row, parsed with the core schema. */
export function definitionOf(row: Pick<IndicatorSystemRow, 'id' | 'definition'>): IndicatorSystem {
  const hit = parsedDefinitions.get(row.id);
  if (hit) return hit;
  const parsed = parseInput(indicatorSystemSchema, row.definition, `stored indicator system ${row.id}`);
  if (parsedDefinitions.size > 500) parsedDefinitions.clear();
  parsedDefinitions.set(row.id, parsed);
  return parsed;
}

/** The stored definition, or undefined when a row was written without a valid one (not by this module). */
function tryDefinitionOf(row: Pick<IndicatorSystemRow, 'id' | 'definition'>): IndicatorSystem | undefined {
  try {
    return definitionOf(row);
  } catch (e) {
    if (e instanceof CpError) return undefined;
    throw e;
  }
}

/** `edition` as a number for sorting (revisions are '1', '2', …; anything else sorts first). */
const EDITION_NUMBER = sql`(case when ${indicatorSystems.edition} ~ '^[0-9]{1,9}$' then ${indicatorSystems.edition}::int else 0 end)`;

/** The revision number stored in `edition`. */
export function revisionOf(row: Pick<IndicatorSystemRow, 'edition'>): number {
  const n = Number.parseInt(row.edition, 10);
  return Number.isFinite(n) ? n : 0;
}

/** `0.8/n` for a weight shared equally among the applicable members of a pool (电镀 metals, footnote ④). */
function weightExpr(w: IndicatorSystem['groups'][number]['indicators'][number]['weight']): string | null {
  if (typeof w === 'number') return null;
  return `${w.shared}/n${w.pool ? ` (${w.pool})` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Storing a system

/** Inserts revision `revision` of `system` with its indicator rows; returns the new row id. */
async function insertSystem(
  tx: Tx,
  system: IndicatorSystem,
  revision: number,
  opts: { importedBy: string | null; importedAt: Date | null; supersedesId: string | null },
): Promise<string> {
  const [row] = await tx
    .insert(indicatorSystems)
    .values({
      code: system.id,
      edition: String(revision),
      name: system.name,
      issuer: system.issuer,
      industryCodes: system.industry,
      method: 'y_gk',
      status: 'active',
      supersedesId: opts.supersedesId,
      source: system.source,
      definition: system,
      importedAt: opts.importedAt,
      importedBy: opts.importedBy,
    })
    .returning({ id: indicatorSystems.id });
  if (row === undefined) throw new CpError('INTERNAL', 'indicator system insert returned nothing');
  let sortOrder = 0;
  for (const group of system.groups) {
    const [g] = await tx
      .insert(indicators)
      .values({
        systemId: row.id,
        code: group.id,
        name: group.name,
        tier: 1,
        weight: group.weight,
        sortOrder: sortOrder++,
        source: system.source,
      })
      .returning({ id: indicators.id });
    if (g === undefined) throw new CpError('INTERNAL', 'indicator insert returned nothing');
    await tx.insert(indicators).values(
      group.indicators.map((ind) => {
        const quantitative = ind.kind === 'quantitative';
        return {
          systemId: row.id,
          parentId: g.id,
          code: ind.id,
          name: ind.name,
          tier: 2,
          weight: typeof ind.weight === 'number' ? ind.weight : null,
          weightExpr: weightExpr(ind.weight),
          unit: ind.unit ?? null,
          kind: ind.kind,
          direction: ind.direction ?? null,
          restrictive: ind.limiting,
          level1Value: quantitative ? (ind.benchmarks.I ?? null) : null,
          level2Value: quantitative ? (ind.benchmarks.II ?? null) : null,
          level3Value: quantitative ? (ind.benchmarks.III ?? null) : null,
          level1Text: quantitative ? null : (ind.benchmarks.I ?? null),
          level2Text: quantitative ? null : (ind.benchmarks.II ?? null),
          level3Text: quantitative ? null : (ind.benchmarks.III ?? null),
          footnotes: ind.note ?? null,
          sortOrder: sortOrder++,
          source: { ...system.source, status: ind.status } satisfies Source,
        };
      }),
    );
  }
  return row.id;
}

/** Group and indicator ids share one code space in `indicators`: refuse a system where they collide. */
function checkCodeSpace(system: IndicatorSystem, fieldPrefix: string): void {
  const groupIds = new Set(system.groups.map((g) => g.id));
  system.groups.forEach((g, gi) => {
    g.indicators.forEach((ind, ii) => {
      if (groupIds.has(ind.id)) {
        const field = `${fieldPrefix}groups.${gi}.indicators.${ii}.id`;
        throw new CpError('VALIDATION', `${field}: indicator id "${ind.id}" is also a group id`, { field });
      }
    });
  });
}

const seeding = new WeakMap<Database, Promise<void>>();

/**
 * Seeds the built-in indicator systems of the core (revision 1 of each code not yet in the database). Idempotent and
 * safe to call concurrently; the demo loader may call it, services call it before reading systems.
 */
export function ensureBuiltInIndicatorSystems(database: Database): Promise<void> {
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
  for (const system of INDICATOR_SYSTEMS) {
    // Present under its code, or loaded by someone else under another code (same definition id).
    const [present] = await database.db
      .select({ id: indicatorSystems.id })
      .from(indicatorSystems)
      .where(
        or(eq(indicatorSystems.code, system.id), sql`${indicatorSystems.definition} ->> 'id' = ${system.id}`),
      )
      .limit(1);
    if (present) continue;
    try {
      await database.transaction(
        (tx) => insertSystem(tx, system, 1, { importedBy: null, importedAt: null, supersedesId: null }),
        { actor: { userId: null, name: 'cpaudit-seed' } },
      );
    } catch (e) {
      // Another process seeded it between the check and the insert.
      if (dbErrorInfo(e)?.code !== DB_ERRCODES.UNIQUE) throw e;
    }
  }
}

/** Imports a system from JSON (admin): a new revision of its code, superseding the active one. */
export async function importIndicatorSystem(
  ctx: ServiceContext,
  system: IndicatorSystem,
): Promise<IndicatorSystemDetail> {
  await ensureBuiltInIndicatorSystems(ctx.database);
  checkCodeSpace(system, 'body.system.');
  const id = await mapped(() =>
    write(ctx, async (tx) => {
      const existing = await tx
        .select({
          id: indicatorSystems.id,
          edition: indicatorSystems.edition,
          status: indicatorSystems.status,
        })
        .from(indicatorSystems)
        .where(eq(indicatorSystems.code, system.id))
        .for('update');
      const revision = existing.reduce((m, r) => Math.max(m, revisionOf(r)), 0) + 1;
      const active = existing.filter((r) => r.status === 'active');
      const previous = active.sort((a, b) => revisionOf(b) - revisionOf(a))[0];
      if (active.length > 0) {
        await tx
          .update(indicatorSystems)
          .set({ status: 'superseded' })
          .where(
            inArray(
              indicatorSystems.id,
              active.map((r) => r.id),
            ),
          );
      }
      return insertSystem(tx, system, revision, {
        importedBy: ctx.actor.userId,
        importedAt: ctx.now(),
        supersedesId: previous?.id ?? null,
      });
    }),
  );
  return getIndicatorSystem(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export interface IndicatorSystemSummary {
  id: string;
  code: string;
  revision: number;
  name: string;
  year: number;
  versionLabel: string | null;
  issuer: string | null;
  industryCodes: string[];
  status: IndicatorSystemRow['status'];
  source: Source;
  builtIn: boolean;
  indicatorCount: number;
  supersedesId: string | null;
  importedAt: string | null;
  importedBy: { id: string; displayName: string } | null;
  createdAt: string;
  version: number;
}

export interface IndicatorRowView {
  id: string;
  code: string;
  parentCode: string | null;
  tier: number;
  name: string;
  weight: number | null;
  weightExpr: string | null;
  unit: string | null;
  kind: 'quantitative' | 'qualitative';
  direction: 'le' | 'ge' | null;
  restrictive: boolean;
  levels: { I: number | string | null; II: number | string | null; III: number | string | null };
  itemCode: string | null;
  source: Source | null;
}

export interface IndicatorSystemDetail extends IndicatorSystemSummary {
  definition: IndicatorSystem;
  indicators: IndicatorRowView[];
}

function summaryOf(
  row: IndicatorSystemRow,
  users: Awaited<ReturnType<typeof userRefs>>,
): IndicatorSystemSummary {
  const def = tryDefinitionOf(row);
  return {
    id: row.id,
    code: row.code,
    revision: revisionOf(row),
    name: row.name,
    year: def?.year ?? 0,
    versionLabel: def?.version ?? null,
    issuer: row.issuer,
    industryCodes: row.industryCodes,
    status: row.status,
    source: row.source,
    builtIn: row.importedAt === null,
    indicatorCount: def?.groups.reduce((n, g) => n + g.indicators.length, 0) ?? 0,
    supersedesId: row.supersedesId,
    importedAt: isoOrNull(row.importedAt),
    importedBy: refOf(users, row.importedBy),
    createdAt: iso(row.createdAt),
    version: row.version,
  };
}

/** `industry_codes` overlaps a GB/T 4754 code: a system for `336` applies to `3360` and a system for `3360` to `336`. */
export function industryMatches(codes: SQL, code: string): SQL {
  return sql`exists (select 1 from unnest(${codes}) as c(code) where ${code} like c.code || '%' or c.code like ${code} || '%')`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export interface ListSystemsQuery {
  q?: string | undefined;
  industry?: string | undefined;
  code?: string | undefined;
  all: boolean;
  sort?: 'code' | 'name' | 'year' | 'createdAt' | undefined;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function listIndicatorSystems(
  ctx: ServiceContext,
  query: ListSystemsQuery,
): Promise<{ items: IndicatorSystemSummary[]; total: number }> {
  await ensureBuiltInIndicatorSystems(ctx.database);
  const conds: SQL[] = [];
  if (!query.all) conds.push(eq(indicatorSystems.status, 'active'));
  if (query.code) conds.push(eq(indicatorSystems.code, query.code));
  if (query.industry) conds.push(industryMatches(sql`${indicatorSystems.industryCodes}`, query.industry));
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    const match = or(ilike(indicatorSystems.name, like), ilike(indicatorSystems.code, like));
    if (match) conds.push(match);
  }
  const where = conds.length ? and(...conds) : undefined;
  const dir = query.order === 'desc' ? desc : asc;
  const sortColumn =
    query.sort === 'name'
      ? indicatorSystems.name
      : query.sort === 'year'
        ? sql`(${indicatorSystems.definition} ->> 'year')::int`
        : query.sort === 'createdAt'
          ? indicatorSystems.createdAt
          : indicatorSystems.code;
  const rows = await ctx.db
    .select()
    .from(indicatorSystems)
    .where(where)
    .orderBy(dir(sortColumn), asc(EDITION_NUMBER), asc(indicatorSystems.id))
    .limit(query.limit)
    .offset(query.offset);
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(indicatorSystems).where(where);
  const users = await userRefs(
    ctx.db,
    rows.map((r) => r.importedBy),
  );
  return { items: rows.map((r) => summaryOf(r, users)), total: Number(count?.n ?? 0) };
}

/** The system row by id, or NOT_FOUND. */
export async function systemRow(db: Db, id: string): Promise<IndicatorSystemRow> {
  const [row] = await db.select().from(indicatorSystems).where(eq(indicatorSystems.id, id));
  if (row === undefined) throw notFound('indicator system', id);
  return row;
}

/**
 * The core indicator id of a stored tier-2 row: its code when that is an indicator id of the definition (rows
 * written by this module), else the indicator with the same name (rows written by other loaders).
 */
function coreIndicatorId(
  definition: IndicatorSystem | undefined,
  row: { code: string; name: string },
): string | undefined {
  const all = definition?.groups.flatMap((g) => g.indicators) ?? [];
  return (all.find((i) => i.id === row.code) ?? all.find((i) => i.name === row.name))?.id;
}

/** Core indicator id → `indicators.id` of a stored system (tier-2 rows), and group id → tier-1 row id. */
export async function indicatorRowIds(
  db: Db,
  system: Pick<IndicatorSystemRow, 'id' | 'definition'>,
): Promise<{ indicators: Map<string, string>; groups: Map<string, string> }> {
  const definition = tryDefinitionOf(system);
  const rows = await db
    .select({ id: indicators.id, code: indicators.code, name: indicators.name, tier: indicators.tier })
    .from(indicators)
    .where(eq(indicators.systemId, system.id));
  const out = { indicators: new Map<string, string>(), groups: new Map<string, string>() };
  for (const r of rows) {
    if (r.tier === 1) {
      out.groups.set(r.code, r.id);
      continue;
    }
    const id = coreIndicatorId(definition, r);
    if (id !== undefined && !out.indicators.has(id)) out.indicators.set(id, r.id);
  }
  return out;
}

export async function getIndicatorSystem(ctx: ServiceContext, id: string): Promise<IndicatorSystemDetail> {
  await ensureBuiltInIndicatorSystems(ctx.database);
  const row = await systemRow(ctx.db, id);
  const rows = await ctx.db
    .select()
    .from(indicators)
    .where(eq(indicators.systemId, id))
    .orderBy(asc(indicators.sortOrder), asc(indicators.code));
  const codeById = new Map(rows.map((r) => [r.id, r.code]));
  const definition = definitionOf(row);
  const itemCodeOf = (r: { code: string; name: string }): string | null => {
    const id = coreIndicatorId(definition, r);
    return id === undefined ? null : indicatorItemCode(row.code, id);
  };
  const users = await userRefs(ctx.db, [row.importedBy]);
  return {
    ...summaryOf(row, users),
    definition,
    indicators: rows.map((r) => {
      const quantitative = r.kind === 'quantitative';
      return {
        id: r.id,
        code: r.code,
        parentCode: r.parentId === null ? null : (codeById.get(r.parentId) ?? null),
        tier: r.tier,
        name: r.name,
        weight: r.weight,
        weightExpr: r.weightExpr,
        unit: r.unit,
        kind: r.kind,
        direction: r.direction,
        restrictive: r.restrictive,
        levels: {
          I: quantitative ? r.level1Value : r.level1Text,
          II: quantitative ? r.level2Value : r.level2Text,
          III: quantitative ? r.level3Value : r.level3Text,
        },
        itemCode: r.tier === 2 ? itemCodeOf(r) : null,
        source: r.source,
      };
    }),
  };
}

/** The active revision of every code (newest first when several are active), definitions parsed. */
export async function activeSystems(
  db: Db,
): Promise<{ row: IndicatorSystemRow; definition: IndicatorSystem }[]> {
  const rows = await db
    .select()
    .from(indicatorSystems)
    .where(eq(indicatorSystems.status, 'active'))
    .orderBy(asc(indicatorSystems.code), desc(EDITION_NUMBER));
  const seen = new Set<string>();
  const out: { row: IndicatorSystemRow; definition: IndicatorSystem }[] = [];
  for (const row of rows) {
    if (seen.has(row.code)) continue;
    const definition = tryDefinitionOf(row);
    if (definition === undefined) continue;
    seen.add(row.code);
    out.push({ row, definition });
  }
  return out;
}

/**
 * Annual data per enterprise and year: read the values (who entered each, when), save a batch (all or nothing),
 * and the submission workflow draft → submitted → (returned → submitted …) → accepted.
 *
 * Rights (scope.ts): readers see the enterprise (enterpriseVisible); writers are the enterprise's users, its current
 * consultants and admins (enterpriseWritable); the supervising bureau returns and accepts (enterpriseSupervised).
 * Every change names the submission's `version` as read (optimistic concurrency, 409 VERSION_CONFLICT when stale)
 * and bumps it, so two people editing one year never overwrite each other silently. Submitted and accepted years are
 * locked: the service answers 409 STATE_CONFLICT, and the `cp_annual_values_locked` trigger backs it up.
 */
import { ANNUAL_ITEM_CATALOGUE, ANNUAL_ITEM_CATEGORIES, type AnnualLevel } from '@cpaudit/contract';
import { CpError, type Issue } from '@cpaudit/core';
import { and, asc, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import {
  type AnnualSubmission,
  type AnnualValue,
  annualSubmissions,
  annualValues,
  type Db,
  enterprises,
  type Tx,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import { type ServiceContext, write } from '../context.ts';
import { enterpriseVisible } from '../scope.ts';
import {
  type EnterpriseRef,
  enterpriseInScope,
  iso,
  isoOrNull,
  mapped,
  refOf,
  type UserRef,
  userRefs,
} from './common.ts';
import {
  catalogueIndex,
  LEVEL_UNIT,
  levelOfStored,
  NOT_APPLICABLE_UNIT,
  type ValueRow,
  validateBatch,
} from './items.ts';

type SubmissionStatus = AnnualSubmission['status'];

export interface SubmissionView {
  id: string;
  enterpriseId: string;
  year: number;
  status: SubmissionStatus;
  version: number;
  submittedBy: UserRef | null;
  submittedAt: string | null;
  returnedBy: UserRef | null;
  returnedAt: string | null;
  returnReason: string | null;
  acceptedBy: UserRef | null;
  acceptedAt: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ValueView {
  id: string;
  itemCode: string;
  category: AnnualValue['category'];
  name: string;
  quantity: number | null;
  unit: string | null;
  level: AnnualLevel | null;
  notApplicable: boolean;
  indicatorId: string | null;
  source: AnnualValue['source'];
  note: string | null;
  enteredBy: UserRef | null;
  enteredAt: string;
  updatedAt: string;
  version: number;
}

export interface AnnualYearView {
  enterpriseId: string;
  enterpriseName: string;
  year: number;
  submission: SubmissionView | null;
  values: ValueView[];
}

const CATEGORY_ORDER = new Map<string, number>(ANNUAL_ITEM_CATEGORIES.map((c, i) => [c, i]));
const CATALOGUE_ORDER = new Map<string, number>(ANNUAL_ITEM_CATALOGUE.map((d, i) => [d.code, i]));

/** Catalogue order (category, then the catalogue's own order, then code). */
function compareValues(a: AnnualValue, b: AnnualValue): number {
  return (
    (CATEGORY_ORDER.get(a.category) ?? 99) - (CATEGORY_ORDER.get(b.category) ?? 99) ||
    (CATALOGUE_ORDER.get(a.itemCode) ?? 1e6) - (CATALOGUE_ORDER.get(b.itemCode) ?? 1e6) ||
    (a.itemCode < b.itemCode ? -1 : a.itemCode > b.itemCode ? 1 : 0)
  );
}

function valueView(v: AnnualValue, users: Map<string, UserRef>): ValueView {
  const notApplicable = v.unit === NOT_APPLICABLE_UNIT;
  const level = v.unit === LEVEL_UNIT ? levelOfStored(v.quantity) : null;
  const plain = !notApplicable && v.unit !== LEVEL_UNIT;
  return {
    id: v.id,
    itemCode: v.itemCode,
    category: v.category,
    name: v.name ?? v.itemCode,
    quantity: plain ? v.quantity : null,
    unit: plain ? v.unit : null,
    level,
    notApplicable,
    indicatorId: v.indicatorId,
    source: v.source,
    note: v.note,
    enteredBy: refOf(users, v.enteredBy),
    enteredAt: iso(v.enteredAt),
    updatedAt: iso(v.updatedAt),
    version: v.version,
  };
}

function submissionView(s: AnnualSubmission, users: Map<string, UserRef>): SubmissionView {
  return {
    id: s.id,
    enterpriseId: s.enterpriseId,
    year: s.year,
    status: s.status,
    version: s.version,
    submittedBy: refOf(users, s.submittedBy),
    submittedAt: isoOrNull(s.submittedAt),
    returnedBy: refOf(users, s.returnedBy),
    returnedAt: isoOrNull(s.returnedAt),
    returnReason: s.returnReason,
    acceptedBy: refOf(users, s.acceptedBy),
    acceptedAt: isoOrNull(s.acceptedAt),
    note: s.note,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

async function readYear(db: Db, ent: EnterpriseRef, year: number): Promise<AnnualYearView> {
  const [submission] = await db
    .select()
    .from(annualSubmissions)
    .where(and(eq(annualSubmissions.enterpriseId, ent.id), eq(annualSubmissions.year, year)));
  const values = submission
    ? await db
        .select()
        .from(annualValues)
        .where(and(eq(annualValues.enterpriseId, ent.id), eq(annualValues.year, year)))
    : [];
  values.sort(compareValues);
  const users = await userRefs(db, [
    submission?.submittedBy,
    submission?.returnedBy,
    submission?.acceptedBy,
    ...values.map((v) => v.enteredBy),
  ]);
  return {
    enterpriseId: ent.id,
    enterpriseName: ent.name,
    year,
    submission: submission ? submissionView(submission, users) : null,
    values: values.map((v) => valueView(v, users)),
  };
}

export async function getAnnualData(
  ctx: ServiceContext,
  enterpriseId: string,
  year: number,
): Promise<AnnualYearView> {
  const ent = await enterpriseInScope(ctx.db, ctx.actor, enterpriseId, 'visible');
  return readYear(ctx.db, ent, year);
}

// Table names spelled out: a column interpolated directly into a select-list expression of a single-table query is
// rendered unqualified by Drizzle, and would then bind to the subquery's own table.
const VALUE_COUNT = sql<number>`(select count(*)::int from annual_values v
  where v.enterprise_id = annual_submissions.enterprise_id and v.year = annual_submissions.year)`;

export async function listAnnualYears(ctx: ServiceContext, enterpriseId: string) {
  const ent = await enterpriseInScope(ctx.db, ctx.actor, enterpriseId, 'visible');
  const rows = await ctx.db
    .select({ s: annualSubmissions, valueCount: VALUE_COUNT })
    .from(annualSubmissions)
    .where(eq(annualSubmissions.enterpriseId, ent.id))
    .orderBy(desc(annualSubmissions.year));
  return {
    enterpriseId: ent.id,
    enterpriseName: ent.name,
    items: rows.map(({ s, valueCount }) => ({
      year: s.year,
      status: s.status,
      version: s.version,
      valueCount: Number(valueCount),
      submittedAt: isoOrNull(s.submittedAt),
      returnedAt: isoOrNull(s.returnedAt),
      returnReason: s.returnReason,
      acceptedAt: isoOrNull(s.acceptedAt),
      updatedAt: iso(s.updatedAt),
    })),
  };
}

export interface ListSubmissionsQuery {
  q?: string | undefined;
  year?: number | undefined;
  status?: SubmissionStatus | undefined;
  enterpriseId?: string | undefined;
  sort?: 'year' | 'enterpriseName' | 'status' | 'updatedAt' | undefined;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function listAnnualSubmissions(ctx: ServiceContext, query: ListSubmissionsQuery) {
  const conds: SQL[] = [enterpriseVisible(ctx.actor)];
  if (query.year !== undefined) conds.push(eq(annualSubmissions.year, query.year));
  if (query.status) conds.push(eq(annualSubmissions.status, query.status));
  if (query.enterpriseId) conds.push(eq(annualSubmissions.enterpriseId, query.enterpriseId));
  if (query.q) conds.push(ilike(enterprises.name, `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
  const where = and(...conds);
  const dir = query.order === 'desc' ? desc : asc;
  const sortColumn =
    query.sort === 'enterpriseName'
      ? enterprises.name
      : query.sort === 'status'
        ? annualSubmissions.status
        : query.sort === 'updatedAt'
          ? annualSubmissions.updatedAt
          : annualSubmissions.year;
  const rows = await ctx.db
    .select({ s: annualSubmissions, enterpriseName: enterprises.name, valueCount: VALUE_COUNT })
    .from(annualSubmissions)
    .innerJoin(enterprises, eq(enterprises.id, annualSubmissions.enterpriseId))
    .where(where)
    .orderBy(dir(sortColumn), asc(enterprises.name), asc(annualSubmissions.year), asc(annualSubmissions.id))
    .limit(query.limit)
    .offset(query.offset);
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(annualSubmissions)
    .innerJoin(enterprises, eq(enterprises.id, annualSubmissions.enterpriseId))
    .where(where);
  return {
    total: Number(count?.n ?? 0),
    items: rows.map(({ s, enterpriseName, valueCount }) => ({
      id: s.id,
      enterpriseId: s.enterpriseId,
      enterpriseName,
      year: s.year,
      status: s.status,
      version: s.version,
      valueCount: Number(valueCount),
      submittedAt: isoOrNull(s.submittedAt),
      returnedAt: isoOrNull(s.returnedAt),
      returnReason: s.returnReason,
      acceptedAt: isoOrNull(s.acceptedAt),
      updatedAt: iso(s.updatedAt),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writes

async function lockSubmission(
  tx: Tx,
  enterpriseId: string,
  year: number,
): Promise<AnnualSubmission | undefined> {
  const [row] = await tx
    .select()
    .from(annualSubmissions)
    .where(and(eq(annualSubmissions.enterpriseId, enterpriseId), eq(annualSubmissions.year, year)))
    .for('update');
  return row;
}

function lockedError(ent: EnterpriseRef, year: number, status: SubmissionStatus): CpError {
  return new CpError(
    'STATE_CONFLICT',
    `annual data ${year} of ${ent.name} is ${status} and locked: it can only change after the bureau returns it`,
  );
}

/** Bumps the submission's version if it still has `expected`; VERSION_CONFLICT otherwise. */
async function touchSubmission(
  tx: Tx,
  s: AnnualSubmission,
  expected: number,
  set: Partial<typeof annualSubmissions.$inferInsert>,
  now: Date,
): Promise<void> {
  // The cp_touch_row trigger bumps `version` (and stamps updated_at) on every update.
  const [row] = await tx
    .update(annualSubmissions)
    .set({ ...set, updatedAt: now })
    .where(versionMatches(annualSubmissions, s.id, expected))
    .returning({ id: annualSubmissions.id });
  if (row === undefined)
    await throwVersionFailure(tx, annualSubmissions, s.id, expected, 'annual submission');
}

function sameValue(a: AnnualValue, r: ValueRow): boolean {
  return (
    a.quantity === r.quantity &&
    a.unit === r.unit &&
    a.name === r.name &&
    a.category === r.category &&
    a.indicatorId === r.indicatorId &&
    a.source === r.source &&
    a.note === r.note
  );
}

export interface SaveBody {
  version: number;
  values: Parameters<typeof validateBatch>[1];
  remove: readonly string[];
}

/**
 * Saves a batch of values of an enterprise-year: creates or replaces by item code, removes `remove`. All or nothing;
 * unchanged values keep who entered them and when.
 */
export async function saveAnnualValues(
  ctx: ServiceContext,
  enterpriseId: string,
  year: number,
  body: SaveBody,
): Promise<AnnualYearView> {
  const ent = await enterpriseInScope(ctx.db, ctx.actor, enterpriseId, 'writable');
  const index = await catalogueIndex(ctx.database, ctx.db);
  const rows = validateBatch(index, body.values, body.remove);
  await mapped(() =>
    write(ctx, async (tx) => {
      const s = await lockSubmission(tx, ent.id, year);
      if (s === undefined) {
        if (body.version !== 0) {
          throw new CpError(
            'VERSION_CONFLICT',
            `annual data ${year} of ${ent.name} does not exist any more (you had version ${body.version}); reload`,
            { field: 'version' },
          );
        }
        await tx.insert(annualSubmissions).values({ enterpriseId: ent.id, year, status: 'draft' });
      } else {
        if (s.status === 'submitted' || s.status === 'accepted') throw lockedError(ent, year, s.status);
        await touchSubmission(tx, s, body.version, {}, ctx.now());
      }
      const existing = new Map(
        (
          await tx
            .select()
            .from(annualValues)
            .where(and(eq(annualValues.enterpriseId, ent.id), eq(annualValues.year, year)))
        ).map((v) => [v.itemCode, v]),
      );
      const now = ctx.now();
      const fresh = rows.filter((r) => !existing.has(r.itemCode));
      if (fresh.length > 0) {
        await tx.insert(annualValues).values(
          fresh.map((r) => ({
            enterpriseId: ent.id,
            year,
            ...r,
            enteredBy: ctx.actor.userId,
            enteredAt: now,
          })),
        );
      }
      for (const r of rows) {
        const old = existing.get(r.itemCode);
        if (old !== undefined && !sameValue(old, r)) {
          await tx
            .update(annualValues)
            .set({ ...r, enteredBy: ctx.actor.userId, enteredAt: now })
            .where(eq(annualValues.id, old.id));
        }
      }
      const gone = body.remove.filter((c) => existing.has(c));
      if (gone.length > 0) {
        await tx
          .delete(annualValues)
          .where(
            and(
              eq(annualValues.enterpriseId, ent.id),
              eq(annualValues.year, year),
              inArray(annualValues.itemCode, gone),
            ),
          );
      }
    }),
  );
  return readYear(ctx.db, ent, year);
}

/** Items every year must have before it can be submitted (catalogue `required`; a free category: one line). */
function missingRequired(codes: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  for (const def of ANNUAL_ITEM_CATALOGUE) {
    if (!def.required) continue;
    const present = def.free ? codes.some((c) => c.startsWith(`${def.category}.`)) : codes.includes(def.code);
    if (!present)
      issues.push({ field: `values.${def.code}`, message: `${def.zh} (${def.code}) is required` });
  }
  return issues;
}

/** Submits the year (writers): from draft or returned; the required items must be there. */
export async function submitAnnualData(
  ctx: ServiceContext,
  enterpriseId: string,
  year: number,
  version: number,
): Promise<AnnualYearView> {
  const ent = await enterpriseInScope(ctx.db, ctx.actor, enterpriseId, 'writable');
  await mapped(() =>
    write(ctx, async (tx) => {
      const s = await lockSubmission(tx, ent.id, year);
      if (s === undefined) {
        throw new CpError(
          'STATE_CONFLICT',
          `nothing has been saved for ${year} of ${ent.name}: nothing to submit`,
        );
      }
      if (s.status === 'submitted' || s.status === 'accepted') {
        throw new CpError('STATE_CONFLICT', `annual data ${year} of ${ent.name} is already ${s.status}`);
      }
      const codes = (
        await tx
          .select({ code: annualValues.itemCode })
          .from(annualValues)
          .where(and(eq(annualValues.enterpriseId, ent.id), eq(annualValues.year, year)))
      ).map((r) => r.code);
      const issues = missingRequired(codes);
      const first = issues[0];
      if (first) {
        throw new CpError('VALIDATION', `cannot submit ${year}: ${first.message}`, {
          ...(first.field ? { field: first.field } : {}),
          issues,
        });
      }
      await touchSubmission(
        tx,
        s,
        version,
        {
          status: 'submitted',
          submittedBy: ctx.actor.userId,
          submittedAt: ctx.now(),
        },
        ctx.now(),
      );
    }),
  );
  return readYear(ctx.db, ent, year);
}

/** Returns the year for correction (supervising bureau), with a reason: unlocks it. From submitted or accepted. */
export async function returnAnnualData(
  ctx: ServiceContext,
  enterpriseId: string,
  year: number,
  version: number,
  reason: string,
): Promise<AnnualYearView> {
  const ent = await enterpriseInScope(ctx.db, ctx.actor, enterpriseId, 'supervised');
  await mapped(() =>
    write(ctx, async (tx) => {
      const s = await lockSubmission(tx, ent.id, year);
      if (s === undefined) throw new CpError('NOT_FOUND', `no annual data ${year} of ${ent.name}`);
      if (s.status !== 'submitted' && s.status !== 'accepted') {
        throw new CpError(
          'STATE_CONFLICT',
          `annual data ${year} of ${ent.name} is ${s.status}: only submitted or accepted data can be returned`,
        );
      }
      await touchSubmission(
        tx,
        s,
        version,
        {
          status: 'returned',
          returnedBy: ctx.actor.userId,
          returnedAt: ctx.now(),
          returnReason: reason,
          acceptedBy: null,
          acceptedAt: null,
        },
        ctx.now(),
      );
    }),
  );
  return readYear(ctx.db, ent, year);
}

/** Accepts submitted data (supervising bureau). */
export async function acceptAnnualData(
  ctx: ServiceContext,
  enterpriseId: string,
  year: number,
  version: number,
): Promise<AnnualYearView> {
  const ent = await enterpriseInScope(ctx.db, ctx.actor, enterpriseId, 'supervised');
  await mapped(() =>
    write(ctx, async (tx) => {
      const s = await lockSubmission(tx, ent.id, year);
      if (s === undefined) throw new CpError('NOT_FOUND', `no annual data ${year} of ${ent.name}`);
      if (s.status !== 'submitted') {
        throw new CpError(
          'STATE_CONFLICT',
          `annual data ${year} of ${ent.name} is ${s.status}: only submitted data can be accepted`,
        );
      }
      await touchSubmission(
        tx,
        s,
        version,
        {
          status: 'accepted',
          acceptedBy: ctx.actor.userId,
          acceptedAt: ctx.now(),
        },
        ctx.now(),
      );
    }),
  );
  return readYear(ctx.db, ent, year);
}

/**
 * Options of industry audits (guideline 7.3: industry-level options for common problems, enterprise-level options
 * for individual ones; Appendix B 6.1) and of mandatory audits (Guangdong form): create, list, read, update
 * (versioned), the problems each answers, benefits (long rows), economics (core optionEconomics, stored with its
 * breakdown and recomputed when the investment changes).
 */
import {
  type auditOptionCreateBody,
  type mandatoryOptionCreateBody,
  OPTION_IMPLEMENTATION_FIELDS,
  type OptionDetailJson,
  type optionBenefitsBody,
  type optionEconomicsBody,
  optionEconomicsParams,
  type optionListQuery,
  type optionProblemsBody,
  optionsBreakdownSchema,
  type optionUpdateBody,
} from '@cpaudit/contract';
import { type Breakdown, CpError, isCpError, type OptionEconomics, optionEconomics } from '@cpaudit/core';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  auditEnterprises,
  auditProblems,
  cpOptions,
  type Db,
  enterprises,
  industryAudits,
  mandatoryAudits,
  type NewCpOption,
  optionBenefits,
  optionEvidence,
  optionProblems,
  optionReviews,
  type Tx,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { auditManageable, enterpriseWritable, notFound } from '../scope.ts';
import {
  allowedTransitions,
  costClassEffectiveSql,
  type LoadedOption,
  loadOption,
  requirePower,
  selectOptions,
  usablePowers,
  writeMapped,
} from './access.ts';
import { benefitRows } from './catalogue.ts';
import { optionJson } from './mapping.ts';
import { auditOptionsReadable, mandatoryOptionsWritable, mandatoryReadable, optionVisible } from './scope.ts';

type ListQuery = z.output<typeof optionListQuery>;
type AuditCreate = z.output<typeof auditOptionCreateBody>;
type MandatoryCreate = z.output<typeof mandatoryOptionCreateBody>;
type Update = z.output<typeof optionUpdateBody>;

// ---------------------------------------------------------------------------------------------------------
// Reading

const SORT: Readonly<Record<NonNullable<ListQuery['sort']>, SQL>> = {
  sortOrder: sql`${cpOptions.sortOrder}`,
  code: sql`${cpOptions.code}`,
  name: sql`${cpOptions.name}`,
  status: sql`${cpOptions.status}`,
  investmentPlanned: sql`${cpOptions.investmentPlanned_wanYuan}`,
  screeningScore: sql`${cpOptions.screeningScore}`,
  createdAt: sql`${cpOptions.createdAt}`,
  updatedAt: sql`${cpOptions.updatedAt}`,
};

/** `%`, `_` and `\` taken literally in ILIKE. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function listOptions(ctx: ServiceContext, owner: SQL, query: ListQuery) {
  const conds: SQL[] = [owner, optionVisible(ctx.actor)];
  if (query.status) conds.push(inArray(cpOptions.status, query.status));
  if (query.optionType) conds.push(inArray(cpOptions.optionType, query.optionType));
  if (query.level) conds.push(eq(cpOptions.level, query.level));
  if (query.enterpriseId) conds.push(eq(cpOptions.enterpriseId, query.enterpriseId));
  if (query.costClass) conds.push(sql`${costClassEffectiveSql()} = ${query.costClass}`);
  if (query.isKey !== undefined) conds.push(eq(cpOptions.isKey, query.isKey));
  const q = query.q?.trim();
  if (q) {
    const p = likePattern(q);
    conds.push(
      sql`(${cpOptions.name} ilike ${p} or ${cpOptions.code} ilike ${p} or ${cpOptions.summary} ilike ${p})`,
    );
  }
  const where = and(...conds);
  const dir = query.order === 'desc' ? desc : asc;
  const primary = SORT[query.sort ?? 'sortOrder'];
  const rows = await selectOptions(ctx.db)
    .where(where)
    .orderBy(dir(primary), asc(cpOptions.code), asc(cpOptions.createdAt), asc(cpOptions.id))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await ctx.db
    .select({ n: count() })
    .from(cpOptions)
    .leftJoin(industryAudits, eq(industryAudits.id, cpOptions.auditId))
    .where(where);
  return { items: rows.map(optionJson), total: total?.n ?? 0 };
}

export async function listAuditOptions(ctx: ServiceContext, auditId: string, query: ListQuery) {
  const [audit] = await ctx.db
    .select({ id: industryAudits.id })
    .from(industryAudits)
    .where(and(eq(industryAudits.id, auditId), auditOptionsReadable(ctx.actor)));
  if (!audit) throw notFound('audit', auditId);
  return listOptions(ctx, eq(cpOptions.auditId, auditId), query);
}

export async function listMandatoryOptions(ctx: ServiceContext, mandatoryAuditId: string, query: ListQuery) {
  const [m] = await ctx.db
    .select({ id: mandatoryAudits.id })
    .from(mandatoryAudits)
    .where(and(eq(mandatoryAudits.id, mandatoryAuditId), mandatoryReadable(ctx.actor)));
  if (!m) throw notFound('mandatory audit', mandatoryAuditId);
  return listOptions(ctx, eq(cpOptions.mandatoryAuditId, mandatoryAuditId), query);
}

/** Economics as stored in `cp_options.feasibility`: the core breakdown plus what is needed to recompute it. */
const storedEconomicsPart = z.object({
  economics: z.object({
    investmentBasis: z.enum(['planned', 'actual']),
    input: optionEconomicsParams,
    result: z.record(z.string(), z.unknown()),
  }),
});
const storedEconomicsSchema = z.intersection(optionsBreakdownSchema, storedEconomicsPart);

type EconomicsParams = z.output<typeof optionEconomicsParams>;

interface StoredEconomics extends Breakdown {
  economics: { investmentBasis: 'planned' | 'actual'; input: EconomicsParams; result: OptionEconomics };
}

function readEconomics(feasibility: Breakdown | null): OptionDetailJson['economics'] {
  if (feasibility === null) return null;
  const parsed = storedEconomicsSchema.safeParse(feasibility);
  if (!parsed.success) return null;
  const { economics, ...breakdown } = parsed.data;
  return {
    investmentBasis: economics.investmentBasis,
    input: economics.input,
    result: economics.result,
    breakdown,
  };
}

async function detail(db: Db, o: LoadedOption): Promise<OptionDetailJson> {
  const id = o.row.id;
  const [problems, benefits, evidence, reviews] = await Promise.all([
    db
      .select({
        id: auditProblems.id,
        scope: auditProblems.scope,
        enterpriseId: auditProblems.enterpriseId,
        title: auditProblems.title,
      })
      .from(optionProblems)
      .innerJoin(auditProblems, eq(auditProblems.id, optionProblems.problemId))
      .where(eq(optionProblems.optionId, id))
      .orderBy(asc(auditProblems.title)),
    db
      .select()
      .from(optionBenefits)
      .where(eq(optionBenefits.optionId, id))
      .orderBy(asc(optionBenefits.basis), asc(optionBenefits.itemCode)),
    db.select({ n: count() }).from(optionEvidence).where(eq(optionEvidence.optionId, id)),
    db.select({ n: count() }).from(optionReviews).where(eq(optionReviews.optionId, id)),
  ]);
  return {
    ...optionJson(o.row),
    problems,
    benefits: benefits.map((b) => ({
      id: b.id,
      basis: b.basis,
      itemCode: b.itemCode,
      name: b.name,
      quantity: b.quantity,
      unit: b.unit,
      breakdown: b.breakdown,
      note: b.note,
    })),
    screening: o.row.screening,
    economics: readEconomics(o.row.feasibility),
    evidenceCount: evidence[0]?.n ?? 0,
    reviewCount: reviews[0]?.n ?? 0,
    can: usablePowers(o),
    allowedTransitions: allowedTransitions(o),
  };
}

export async function getOption(ctx: ServiceContext, id: string): Promise<OptionDetailJson> {
  return detail(ctx.db, await loadOption(ctx.db, ctx, id));
}

/** Reads the option again after a write (same actor) and describes it. */
async function reread(ctx: ServiceContext, id: string): Promise<OptionDetailJson> {
  return getOption(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// Checks shared by create and update

function checkDates(v: { plannedStart?: string | null; plannedFinish?: string | null }): void {
  if (v.plannedStart && v.plannedFinish && v.plannedFinish < v.plannedStart) {
    throw new CpError('VALIDATION', 'plannedFinish is before plannedStart', { field: 'plannedFinish' });
  }
}

/** The parent of an enterprise-level option rolls out: an industry-level option of the same audit. */
async function checkParent(db: Db, parentId: string, auditId: string | null, selfId?: string): Promise<void> {
  if (parentId === selfId) {
    throw new CpError('VALIDATION', 'an option cannot be its own parent', { field: 'parentId' });
  }
  const [p] = await db
    .select({ level: cpOptions.level, auditId: cpOptions.auditId })
    .from(cpOptions)
    .where(eq(cpOptions.id, parentId));
  if (!p || p.auditId !== auditId || p.level !== 'industry') {
    throw new CpError('VALIDATION', 'parentId must be an industry-level option of the same audit', {
      field: 'parentId',
    });
  }
}

/**
 * Problems an option may answer (principle b): problems of its audit; an industry-level option answers common
 * problems (7.3.1.1), an enterprise-level one common problems or individual problems of its enterprise (7.3.1.2).
 */
async function checkProblems(
  db: Db,
  problemIds: readonly string[],
  auditId: string,
  level: 'industry' | 'enterprise',
  enterpriseId: string | null,
  field = 'problemIds',
): Promise<void> {
  const unique = [...new Set(problemIds)];
  if (unique.length !== problemIds.length) {
    throw new CpError('VALIDATION', `${field}: a problem is listed twice`, { field });
  }
  if (unique.length === 0) return;
  const rows = await db
    .select({
      id: auditProblems.id,
      auditId: auditProblems.auditId,
      scope: auditProblems.scope,
      enterpriseId: auditProblems.enterpriseId,
    })
    .from(auditProblems)
    .where(inArray(auditProblems.id, unique));
  const byId = new Map(rows.map((r) => [r.id, r]));
  problemIds.forEach((pid, i) => {
    const p = byId.get(pid);
    const at = `${field}.${i}`;
    if (!p || p.auditId !== auditId) {
      throw new CpError('VALIDATION', `${at}: not a problem of this audit`, { field: at });
    }
    if (level === 'industry' && p.scope !== 'common') {
      throw new CpError('VALIDATION', `${at}: an industry-level option answers common problems (7.3.1.1)`, {
        field: at,
      });
    }
    if (level === 'enterprise' && p.scope === 'individual' && p.enterpriseId !== enterpriseId) {
      throw new CpError('VALIDATION', `${at}: an individual problem of another enterprise`, { field: at });
    }
  });
}

/** Guangdong form note 9: a key option (重点方案) names its category. */
function checkKeyCategory(isKey: boolean, gdCategory: string | null | undefined, mandatory: boolean): void {
  if (mandatory && isKey && !gdCategory) {
    throw new CpError(
      'VALIDATION',
      'a key option (重点方案) of a mandatory audit needs gdCategory (form note 9)',
      {
        field: 'gdCategory',
      },
    );
  }
}

/** Optional body fields → column values (undefined: not given). */
function columnsOf(b: Omit<Partial<Update>, 'version'>): Partial<NewCpOption> {
  const out: Partial<NewCpOption> = {};
  const set = <K extends keyof NewCpOption>(k: K, v: NewCpOption[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('parentId', b.parentId);
  set('code', b.code);
  set('name', b.name);
  set('summary', b.summary);
  set('keyPoints', b.keyPoints);
  set('optionType', b.optionType);
  set('gdCategory', b.gdCategory);
  set('performanceClass', b.performanceClass);
  set('costClass', b.costClass);
  set('isKey', b.isKey);
  set('industryApproach', b.industryApproach);
  set('investmentPlanned_wanYuan', b.investmentPlanned_wanYuan);
  set('investmentActual_wanYuan', b.investmentActual_wanYuan);
  set('economicBenefitExpected_wanYuanPerYear', b.economicBenefitExpected_wanYuanPerYear);
  set('economicBenefitActual_wanYuanPerYear', b.economicBenefitActual_wanYuanPerYear);
  set('environmentalBenefitText', b.environmentalBenefitText);
  set('economicBenefitText', b.economicBenefitText);
  set('responsibleUnit', b.responsibleUnit);
  set('plannedStart', b.plannedStart);
  set('plannedFinish', b.plannedFinish);
  set('implementedOn', b.implementedOn);
  set('sortOrder', b.sortOrder);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Creating

export async function createAuditOption(
  ctx: ServiceContext,
  auditId: string,
  body: AuditCreate,
): Promise<OptionDetailJson> {
  const a = ctx.actor;
  const [audit] = await ctx.db
    .select({
      id: industryAudits.id,
      status: industryAudits.status,
      readable: sql<boolean>`${auditOptionsReadable(a)}`,
      manageable: sql<boolean>`${auditManageable(a)}`,
    })
    .from(industryAudits)
    .where(eq(industryAudits.id, auditId));
  if (audit?.readable !== true) throw notFound('audit', auditId);
  if (audit.status === 'closed' || audit.status === 'cancelled') {
    throw new CpError('STATE_CONFLICT', `the audit is ${audit.status}: no new options`);
  }
  const { problemIds = [], enterpriseId, level, ...fields } = body;
  if (level === 'enterprise' && !enterpriseId) {
    throw new CpError('VALIDATION', 'an enterprise-level option needs enterpriseId', {
      field: 'enterpriseId',
    });
  }
  if (level === 'industry' && enterpriseId) {
    throw new CpError('VALIDATION', 'an industry-level option has no enterprise (7.3.1.1)', {
      field: 'enterpriseId',
    });
  }
  if (!fields.optionType) {
    throw new CpError('VALIDATION', 'optionType is required (Appendix B table 6.1 方案类型)', {
      field: 'optionType',
    });
  }
  if (level === 'enterprise' && enterpriseId) {
    // The enterprise must be on the audit's list; the enterprise side may propose only for itself.
    const [listed] = await ctx.db
      .select({
        id: auditEnterprises.id,
        writable: sql<boolean>`exists (select 1 from ${enterprises} where ${enterprises.id} = ${auditEnterprises.enterpriseId} and ${enterpriseWritable(a)})`,
      })
      .from(auditEnterprises)
      .where(
        and(
          eq(auditEnterprises.auditId, auditId),
          eq(auditEnterprises.enterpriseId, enterpriseId),
          sql`${auditEnterprises.status} <> 'excluded'`,
        ),
      );
    if (!listed) {
      throw new CpError('VALIDATION', "enterpriseId: the enterprise is not on the audit's enterprise list", {
        field: 'enterpriseId',
      });
    }
    if (audit.manageable !== true && listed.writable !== true) {
      throw new CpError('FORBIDDEN', 'you may propose options only for your own enterprise');
    }
  } else if (audit.manageable !== true) {
    throw new CpError('FORBIDDEN', "only the audit's bureau or panel may propose industry-level options");
  }
  if (fields.parentId) {
    if (level !== 'enterprise') {
      throw new CpError('VALIDATION', 'only an enterprise-level option rolls out a parent option', {
        field: 'parentId',
      });
    }
    await checkParent(ctx.db, fields.parentId, auditId);
  }
  checkDates(fields);
  await checkProblems(ctx.db, problemIds, auditId, level, enterpriseId ?? null);
  const id = await writeMapped(ctx, async (tx) => {
    const [row] = await tx
      .insert(cpOptions)
      .values({ ...columnsOf(fields), name: fields.name, auditId, level, enterpriseId: enterpriseId ?? null })
      .returning({ id: cpOptions.id });
    if (!row) throw new CpError('INTERNAL', 'option insert returned nothing');
    if (problemIds.length > 0) {
      await tx
        .insert(optionProblems)
        .values(problemIds.map((problemId) => ({ optionId: row.id, problemId })));
    }
    return row.id;
  });
  return reread(ctx, id);
}

export async function createMandatoryOption(
  ctx: ServiceContext,
  mandatoryAuditId: string,
  body: MandatoryCreate,
): Promise<OptionDetailJson> {
  const a = ctx.actor;
  const [m] = await ctx.db
    .select({
      id: mandatoryAudits.id,
      enterpriseId: mandatoryAudits.enterpriseId,
      status: mandatoryAudits.status,
      readable: sql<boolean>`${mandatoryReadable(a)}`,
      writable: sql<boolean>`${mandatoryOptionsWritable(a)}`,
    })
    .from(mandatoryAudits)
    .where(eq(mandatoryAudits.id, mandatoryAuditId));
  if (m?.readable !== true) throw notFound('mandatory audit', mandatoryAuditId);
  if (m.writable !== true) {
    throw new CpError(
      'FORBIDDEN',
      "a mandatory audit's options are entered by the enterprise or its consultant",
    );
  }
  if (m.status === 'submitted' || m.status === 'accepted') {
    throw new CpError(
      'STATE_CONFLICT',
      `the mandatory audit is ${m.status}: its options are locked until returned`,
    );
  }
  checkKeyCategory(body.isKey ?? false, body.gdCategory, true);
  checkDates(body);
  const id = await writeMapped(ctx, async (tx) => {
    const [row] = await tx
      .insert(cpOptions)
      .values({
        ...columnsOf(body),
        name: body.name,
        mandatoryAuditId,
        level: 'enterprise',
        enterpriseId: m.enterpriseId,
      })
      .returning({ id: cpOptions.id });
    if (!row) throw new CpError('INTERNAL', 'option insert returned nothing');
    return row.id;
  });
  return reread(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// Updating

/** Bumps the option's version (optimistic concurrency for changes of its child rows). */
async function touch(tx: Tx, id: string, version: number): Promise<void> {
  const [row] = await tx
    .update(cpOptions)
    .set({ updatedAt: new Date() })
    .where(versionMatches(cpOptions, id, version))
    .returning({ id: cpOptions.id });
  if (!row) await throwVersionFailure(tx, cpOptions, id, version, 'option');
}

const IMPLEMENTATION: ReadonlySet<string> = new Set(OPTION_IMPLEMENTATION_FIELDS);

/** Runs the core economics for an option's investment; core field errors are named inside the request body. */
function computeEconomics(
  name: string,
  investment_wanYuan: number,
  basis: 'planned' | 'actual',
  input: EconomicsParams,
  fieldPrefix: string,
): StoredEconomics {
  try {
    const r = optionEconomics({ ...input, investment_wanYuan, optionName: name });
    return { ...r.breakdown, economics: { investmentBasis: basis, input, result: r.value } };
  } catch (e) {
    if (!isCpError(e)) throw e;
    const field = e.field === undefined ? fieldPrefix : `${fieldPrefix}.${e.field}`;
    throw new CpError(e.code, `${fieldPrefix}: ${e.message}`, { field });
  }
}

function economicsColumns(stored: StoredEconomics | null): Partial<NewCpOption> {
  if (stored === null)
    return { feasibility: null, paybackYears: null, npv_wanYuan: null, irr: null, npvr: null };
  const r = stored.economics.result;
  return {
    feasibility: stored,
    paybackYears: r.payback.years_a,
    npv_wanYuan: r.npv_wanYuan,
    irr: r.irr.value_fraction,
    npvr: r.npvr.value_fraction,
  };
}

function investmentOf(
  basis: 'planned' | 'actual',
  v: { investmentPlanned_wanYuan: number | null; investmentActual_wanYuan: number | null },
): number | null {
  return basis === 'planned' ? v.investmentPlanned_wanYuan : v.investmentActual_wanYuan;
}

export async function updateOption(ctx: ServiceContext, id: string, body: Update): Promise<OptionDetailJson> {
  const o = await loadOption(ctx.db, ctx, id);
  const { version, ...fields } = body;
  const given = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  // The implementer may report implementation figures; anything else is the plan, the managers' (7.4).
  const planField = given.find((k) => !IMPLEMENTATION.has(k));
  if (planField !== undefined && !o.powers.has('manage') && o.powers.has('implement')) {
    throw new CpError(
      'FORBIDDEN',
      `${planField}: the enterprise reports the implementation; the plan is the panel's`,
      {
        field: planField,
      },
    );
  }
  requirePower(
    o,
    planField === undefined && !o.powers.has('manage') ? 'implement' : 'manage',
    'change fields',
  );
  const r = o.row;
  const merged = {
    plannedStart: fields.plannedStart === undefined ? r.plannedStart : fields.plannedStart,
    plannedFinish: fields.plannedFinish === undefined ? r.plannedFinish : fields.plannedFinish,
    isKey: fields.isKey ?? r.isKey,
    gdCategory: fields.gdCategory === undefined ? r.gdCategory : fields.gdCategory,
    investmentPlanned_wanYuan:
      fields.investmentPlanned_wanYuan === undefined
        ? r.investmentPlanned_wanYuan
        : fields.investmentPlanned_wanYuan,
    investmentActual_wanYuan:
      fields.investmentActual_wanYuan === undefined
        ? r.investmentActual_wanYuan
        : fields.investmentActual_wanYuan,
  };
  checkDates(merged);
  checkKeyCategory(merged.isKey, merged.gdCategory, r.auditId === null);
  if (r.auditId !== null && fields.optionType === null) {
    throw new CpError('VALIDATION', 'optionType is required for options of an industry audit', {
      field: 'optionType',
    });
  }
  if (fields.parentId) {
    if (r.level !== 'enterprise') {
      throw new CpError('VALIDATION', 'only an enterprise-level option rolls out a parent option', {
        field: 'parentId',
      });
    }
    await checkParent(ctx.db, fields.parentId, r.auditId, r.id);
  }
  const set = columnsOf(fields);
  // Economics follow the investment they were computed on (recomputed by the core when it changes).
  const stored = readEconomics(r.feasibility);
  if (stored) {
    const before = investmentOf(stored.investmentBasis, r);
    const after = investmentOf(stored.investmentBasis, merged);
    if (after !== before) {
      const field =
        stored.investmentBasis === 'planned' ? 'investmentPlanned_wanYuan' : 'investmentActual_wanYuan';
      if (after === null) {
        throw new CpError(
          'VALIDATION',
          `${field}: the economic analysis is based on it; remove the analysis first`,
          {
            field,
          },
        );
      }
      const input = optionEconomicsParams.parse(stored.input);
      Object.assign(
        set,
        economicsColumns(
          computeEconomics(fields.name ?? r.name, after, stored.investmentBasis, input, field),
        ),
      );
    }
  }
  await writeMapped(ctx, async (tx) => {
    const [row] = await tx
      .update(cpOptions)
      .set(set)
      .where(versionMatches(cpOptions, id, version))
      .returning({ id: cpOptions.id });
    if (!row) await throwVersionFailure(tx, cpOptions, id, version, 'option');
  });
  return reread(ctx, id);
}

export async function setOptionProblems(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof optionProblemsBody>,
): Promise<OptionDetailJson> {
  const o = await loadOption(ctx.db, ctx, id);
  requirePower(o, 'manage', 'change the problems');
  const auditId = o.row.auditId;
  if (auditId === null) {
    throw new CpError('VALIDATION', "a mandatory audit's options are not linked to diagnosed problems", {
      field: 'problemIds',
    });
  }
  await checkProblems(ctx.db, body.problemIds, auditId, o.row.level, o.row.enterpriseId);
  await writeMapped(ctx, async (tx) => {
    await touch(tx, id, body.version);
    await tx.delete(optionProblems).where(eq(optionProblems.optionId, id));
    if (body.problemIds.length > 0) {
      await tx
        .insert(optionProblems)
        .values(body.problemIds.map((problemId) => ({ optionId: id, problemId })));
    }
  });
  return reread(ctx, id);
}

export async function setOptionBenefits(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof optionBenefitsBody>,
): Promise<OptionDetailJson> {
  const o = await loadOption(ctx.db, ctx, id);
  // Expected benefits are part of the plan; actual ones are reported by the implementer (7.4.2).
  if (body.basis === 'expected') requirePower(o, 'manage', 'change the expected benefits');
  else requirePower(o, 'implement', 'report the actual benefits');
  const rows = benefitRows(id, body.basis, body.items);
  await writeMapped(ctx, async (tx) => {
    await touch(tx, id, body.version);
    await tx
      .delete(optionBenefits)
      .where(and(eq(optionBenefits.optionId, id), eq(optionBenefits.basis, body.basis)));
    if (rows.length > 0) await tx.insert(optionBenefits).values(rows);
  });
  return reread(ctx, id);
}

export async function setOptionEconomics(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof optionEconomicsBody>,
): Promise<OptionDetailJson> {
  const o = await loadOption(ctx.db, ctx, id);
  requirePower(o, 'manage', 'change the economic analysis');
  let stored: StoredEconomics | null = null;
  if (body.economics !== null) {
    const basis = body.economics.investmentBasis;
    const investment = investmentOf(basis, o.row);
    const field = basis === 'planned' ? 'investmentPlanned_wanYuan' : 'investmentActual_wanYuan';
    if (investment === null) {
      throw new CpError('VALIDATION', `economics.investmentBasis: the option has no ${field}; set it first`, {
        field: 'economics.investmentBasis',
      });
    }
    stored = computeEconomics(o.row.name, investment, basis, body.economics.input, 'economics.input');
  }
  await writeMapped(ctx, async (tx) => {
    const [row] = await tx
      .update(cpOptions)
      .set(economicsColumns(stored))
      .where(versionMatches(cpOptions, id, body.version))
      .returning({ id: cpOptions.id });
    if (!row) await throwVersionFailure(tx, cpOptions, id, body.version, 'option');
  });
  return reread(ctx, id);
}

/**
 * Evaluations of an enterprise-year against an indicator system (guideline 7.2.1.3: 对照行业清洁生产评价指标体系 …
 * 清洁生产水平), from the indicator values stored in its annual data, by the core's `evaluateEnterprise` (formulas
 * 5-1/5-2/5-3, grade rule). The result is stored: Y_Ⅰ/Y_Ⅱ/Y_Ⅲ, grade, the breakdown, one `evaluation_values` row per
 * indicator (value, level met, applicability, the gap to the next level).
 *
 * Benchmarking of one indicator across the enterprises of an industry: the value of each, the level lines Ⅰ/Ⅱ/Ⅲ, the
 * level each reaches (the core's membership, function 5-1, by evaluating that one value). Supervisors (admin,
 * bureaus, panel members, experts) see the enterprises they can see, by name; enterprise users and consultants see
 * their own enterprises by name and the other enterprises of the industry anonymised (no id, no name), and of those
 * only data that was submitted or accepted. The answer is the distribution over all those peers (counts per level,
 * quantiles and a histogram: the core's `distributionOf`), the ranks of the caller's own enterprises, and one page of
 * the list (at most 500 entries): not the whole industry, which runs to thousands of enterprises in a province.
 */
import type { AnnualLevel, BENCHMARK_SORTS } from '@cpaudit/contract';
import { indicatorItemCode } from '@cpaudit/contract';
import {
  CpError,
  DEFAULT_LEVEL_NAMES,
  distributionOf,
  EVAL_LEVEL_ROMAN,
  type EvalGrade,
  evaluateEnterprise,
  type IndicatorSystem,
  type IndicatorValues,
  NOT_RATED_NAME,
  type SystemIndicator,
} from '@cpaudit/core';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import {
  annualSubmissions,
  annualValues,
  auditEnterprises,
  type Db,
  type Evaluation,
  enterprises,
  evaluations,
  evaluationValues,
  indicatorSystems,
  indicators,
  industryAudits,
} from '../../db/index.ts';
import { hasRole, type ServiceContext, write } from '../context.ts';
import { cachedRead } from '../read-cache.ts';
import { auditVisible, enterpriseVisible, isAdmin, notFound } from '../scope.ts';
import {
  type EnterpriseRef,
  enterpriseInScope,
  iso,
  mapped,
  refOf,
  type UserRef,
  userRefs,
} from './common.ts';
import { indicatorValueOf } from './items.ts';
import {
  definitionOf,
  ensureBuiltInIndicatorSystems,
  indicatorRowIds,
  revisionOf,
  systemRow,
} from './systems.ts';

type Grade = NonNullable<Evaluation['grade']>;

function gradeOf(g: EvalGrade): Grade {
  return g === 'not-rated' ? 'unrated' : g;
}

function gradeName(system: IndicatorSystem, grade: Grade | null): string | null {
  if (grade === null) return null;
  if (grade === 'unrated') return NOT_RATED_NAME;
  const names = system.levelNames ?? DEFAULT_LEVEL_NAMES;
  return `${EVAL_LEVEL_ROMAN[grade]}级 ${names[grade]}`;
}

function allIndicators(system: IndicatorSystem): { groupId: string; ind: SystemIndicator }[] {
  return system.groups.flatMap((g) => g.indicators.map((ind) => ({ groupId: g.id, ind })));
}

// ---------------------------------------------------------------------------------------------------------------
// Views

export interface EvaluationSummaryView {
  id: string;
  systemId: string;
  systemCode: string;
  systemName: string;
  systemRevision: number;
  enterpriseId: string;
  enterpriseName: string;
  year: number | null;
  basis: Evaluation['basis'];
  Y: { I: number | null; II: number | null; III: number | null };
  grade: Grade | null;
  note: string | null;
  evaluatedAt: string;
  evaluatedBy: UserRef | null;
  version: number;
}

const summaryColumns = {
  e: evaluations,
  enterpriseName: enterprises.name,
  systemCode: indicatorSystems.code,
  systemName: indicatorSystems.name,
  systemEdition: indicatorSystems.edition,
};

type SummaryRow = {
  e: Evaluation;
  enterpriseName: string;
  systemCode: string;
  systemName: string;
  systemEdition: string;
};

function summaryView(r: SummaryRow, users: Map<string, UserRef>): EvaluationSummaryView {
  return {
    id: r.e.id,
    systemId: r.e.systemId,
    systemCode: r.systemCode,
    systemName: r.systemName,
    systemRevision: revisionOf({ edition: r.systemEdition }),
    enterpriseId: r.e.enterpriseId,
    enterpriseName: r.enterpriseName,
    year: r.e.year,
    basis: r.e.basis,
    Y: { I: r.e.yI, II: r.e.yII, III: r.e.yIII },
    grade: r.e.grade,
    note: r.e.note,
    evaluatedAt: iso(r.e.evaluatedAt),
    evaluatedBy: refOf(users, r.e.evaluatedBy),
    version: r.e.version,
  };
}

export async function getEvaluation(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select(summaryColumns)
    .from(evaluations)
    .innerJoin(enterprises, eq(enterprises.id, evaluations.enterpriseId))
    .innerJoin(indicatorSystems, eq(indicatorSystems.id, evaluations.systemId))
    .where(and(eq(evaluations.id, id), enterpriseVisible(ctx.actor)));
  if (row === undefined) throw notFound('evaluation', id);
  const system = await systemRow(ctx.db, row.e.systemId);
  const definition = definitionOf(system);
  const groupOf = new Map(allIndicators(definition).map((x) => [x.ind.id, x.groupId]));
  const values = await ctx.db
    .select({ v: evaluationValues, i: indicators })
    .from(evaluationValues)
    .innerJoin(indicators, eq(indicators.id, evaluationValues.indicatorId))
    .where(eq(evaluationValues.evaluationId, id))
    .orderBy(asc(indicators.sortOrder));
  const users = await userRefs(ctx.db, [row.e.evaluatedBy]);
  return {
    ...summaryView(row, users),
    gradeName: gradeName(definition, row.e.grade),
    indicators: values.map(({ v, i }) => ({
      indicatorId: i.id,
      code: i.code,
      name: i.name,
      groupCode: groupOf.get(i.code) ?? null,
      kind: i.kind,
      unit: i.unit,
      limiting: i.restrictive,
      applicable: v.applicable,
      value: v.value,
      valueText: v.valueText,
      level: v.levelMet,
      note: v.note,
    })),
    breakdown: row.e.breakdown,
  };
}

export interface ListEvaluationsQuery {
  q?: string | undefined;
  enterpriseId?: string | undefined;
  systemId?: string | undefined;
  year?: number | undefined;
  sort?: 'evaluatedAt' | 'year' | 'enterpriseName' | undefined;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function listEvaluations(ctx: ServiceContext, query: ListEvaluationsQuery) {
  const conds: SQL[] = [enterpriseVisible(ctx.actor)];
  if (query.enterpriseId) conds.push(eq(evaluations.enterpriseId, query.enterpriseId));
  if (query.systemId) conds.push(eq(evaluations.systemId, query.systemId));
  if (query.year !== undefined) conds.push(eq(evaluations.year, query.year));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const match = or(sql`${enterprises.name} ilike ${like}`, sql`${indicatorSystems.name} ilike ${like}`);
    if (match) conds.push(match);
  }
  const where = and(...conds);
  const dir = query.order === 'desc' ? desc : asc;
  const sortColumn =
    query.sort === 'year'
      ? evaluations.year
      : query.sort === 'enterpriseName'
        ? enterprises.name
        : evaluations.evaluatedAt;
  const rows = await ctx.db
    .select(summaryColumns)
    .from(evaluations)
    .innerJoin(enterprises, eq(enterprises.id, evaluations.enterpriseId))
    .innerJoin(indicatorSystems, eq(indicatorSystems.id, evaluations.systemId))
    .where(where)
    .orderBy(dir(sortColumn), asc(evaluations.id))
    .limit(query.limit)
    .offset(query.offset);
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(evaluations)
    .innerJoin(enterprises, eq(enterprises.id, evaluations.enterpriseId))
    .innerJoin(indicatorSystems, eq(indicatorSystems.id, evaluations.systemId))
    .where(where);
  const users = await userRefs(
    ctx.db,
    rows.map((r) => r.e.evaluatedBy),
  );
  return { items: rows.map((r) => summaryView(r, users)), total: Number(count?.n ?? 0) };
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluating

/** Stored indicator values of an enterprise-year for a system's items, by core indicator id. */
async function storedIndicatorValues(
  db: Db,
  enterpriseIds: readonly string[],
  year: number,
  systemCode: string,
  indicatorIds: readonly string[],
) {
  if (enterpriseIds.length === 0 || indicatorIds.length === 0) return [];
  const codes = new Map(indicatorIds.map((id) => [indicatorItemCode(systemCode, id), id]));
  const rows = await db
    .select({
      enterpriseId: annualValues.enterpriseId,
      itemCode: annualValues.itemCode,
      quantity: annualValues.quantity,
      unit: annualValues.unit,
      note: annualValues.note,
      status: annualSubmissions.status,
    })
    .from(annualValues)
    .innerJoin(
      annualSubmissions,
      and(
        eq(annualSubmissions.enterpriseId, annualValues.enterpriseId),
        eq(annualSubmissions.year, annualValues.year),
      ),
    )
    .where(
      and(
        inArray(annualValues.enterpriseId, [...enterpriseIds]),
        eq(annualValues.year, year),
        inArray(annualValues.itemCode, [...codes.keys()]),
      ),
    );
  return rows.flatMap((r) => {
    const indicatorId = codes.get(r.itemCode);
    return indicatorId === undefined ? [] : [{ ...r, indicatorId }];
  });
}

export interface EvaluateBody {
  enterpriseId: string;
  year: number;
  systemId: string;
  basis: Evaluation['basis'];
  note?: string | undefined;
}

/** Evaluates an enterprise-year against a system from its stored indicator values and stores the result. */
export async function evaluateEnterpriseYear(ctx: ServiceContext, body: EvaluateBody) {
  await ensureBuiltInIndicatorSystems(ctx.database);
  const ent: EnterpriseRef = await enterpriseInScope(ctx.db, ctx.actor, body.enterpriseId, 'evaluate');
  const system = await systemRow(ctx.db, body.systemId);
  const definition = definitionOf(system);
  const list = allIndicators(definition);
  const stored = await storedIndicatorValues(
    ctx.db,
    [ent.id],
    body.year,
    system.code,
    list.map((x) => x.ind.id),
  );
  if (stored.length === 0) {
    throw new CpError(
      'NOT_COMPUTABLE',
      `no indicator value of ${definition.name} is stored for ${ent.name} ${body.year}: enter them in the annual data first`,
      { field: 'year' },
    );
  }
  const values: IndicatorValues = {};
  const notes = new Map<string, string>();
  const byId = new Map(list.map((x) => [x.ind.id, x.ind]));
  for (const s of stored) {
    const ind = byId.get(s.indicatorId);
    if (ind === undefined) continue;
    values[ind.id] = indicatorValueOf(s, ind, `values.${s.itemCode}`);
    if (s.note) notes.set(ind.id, s.note);
  }
  const { value: result, breakdown } = evaluateEnterprise(definition, values);
  const dataStatus = stored[0]?.status ?? 'none';
  breakdown.notes = [
    ...(breakdown.notes ?? []),
    `年度数据：${ent.name} ${body.year}年（状态 ${dataStatus}）`,
  ];
  const rowIds = await indicatorRowIds(ctx.db, system);
  const grade = gradeOf(result.grade);
  const id = await mapped(() =>
    write(ctx, async (tx) => {
      const [row] = await tx
        .insert(evaluations)
        .values({
          systemId: system.id,
          enterpriseId: ent.id,
          year: body.year,
          basis: body.basis,
          yI: result.Y.I,
          yII: result.Y.II,
          yIII: result.Y.III,
          grade,
          breakdown,
          evaluatedAt: ctx.now(),
          evaluatedBy: ctx.actor.userId,
          note: body.note ?? null,
        })
        .returning({ id: evaluations.id });
      if (row === undefined) throw new CpError('INTERNAL', 'evaluation insert returned nothing');
      const rows = result.indicators.flatMap((ie): (typeof evaluationValues.$inferInsert)[] => {
        const indicatorId = rowIds.indicators.get(ie.indicatorId);
        if (indicatorId === undefined) return [];
        const met = Array.isArray(ie.value) ? ie.value : null;
        const text =
          notes.get(ie.indicatorId) ??
          (met === null
            ? null
            : met.length
              ? `达到${met.map((l) => EVAL_LEVEL_ROMAN[l]).join('、')}级要求`
              : '未达到任一级要求');
        return [
          {
            evaluationId: row.id,
            indicatorId,
            value: typeof ie.value === 'number' ? ie.value : null,
            valueText: text,
            applicable: ie.applicable,
            levelMet: ie.applicable ? (ie.level ?? 'unrated') : null,
            note: ie.gap?.message ?? (ie.missing ? '适用但未填报数据，按各级均不达标计' : null),
          },
        ];
      });
      if (rows.length > 0) await tx.insert(evaluationValues).values(rows);
      return row.id;
    }),
  );
  return getEvaluation(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------------
// Benchmarking

export interface BenchmarkQuery {
  indicator: string;
  year: number;
  industry?: string | undefined;
  auditId?: string | undefined;
  enterpriseId?: string | undefined;
  level?: BenchmarkLevel | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  sort?: (typeof BENCHMARK_SORTS)[number] | undefined;
  order?: 'asc' | 'desc' | undefined;
}

type BenchmarkLevel = AnnualLevel | 'not-applicable';

/** Whether the actor supervises or audits (sees enterprises by name) rather than being one of them. */
function supervisory(ctx: ServiceContext): boolean {
  return isAdmin(ctx.actor) || hasRole(ctx.actor, 'bureau_staff', 'panel_member', 'expert');
}

const nameOrder = new Intl.Collator('zh-CN');

/** What the distribution and the list are computed from: the page arguments apart. */
type BenchmarkScope = Pick<BenchmarkQuery, 'indicator' | 'year' | 'industry' | 'auditId'>;

/** Every peer's entry (ranked, labelled), the counts and the distribution: the same for every page of a list. */
async function benchmarkAll(ctx: ServiceContext, systemId: string, query: BenchmarkScope) {
  await ensureBuiltInIndicatorSystems(ctx.database);
  const system = await systemRow(ctx.db, systemId);
  const definition = definitionOf(system);
  const ind = allIndicators(definition).find((x) => x.ind.id === query.indicator)?.ind;
  if (ind === undefined) {
    throw new CpError(
      'UNKNOWN_REFERENCE',
      `indicator: no indicator "${query.indicator}" in ${definition.name}`,
      {
        field: 'indicator',
      },
    );
  }
  const industryCodes = query.industry
    ? [query.industry]
    : definition.industry.filter((c) => /^\d+$/.test(c));
  const industry =
    industryCodes.length === 0
      ? sql`false`
      : (or(
          ...industryCodes.map(
            (c) =>
              sql`(${enterprises.industryCode} like ${`${c}%`} or ${c} like ${enterprises.industryCode} || '%')`,
          ),
        ) ?? sql`false`);
  let among: SQL = sql`true`;
  if (query.auditId !== undefined) {
    const [audit] = await ctx.db
      .select({ id: industryAudits.id })
      .from(industryAudits)
      .where(and(eq(industryAudits.id, query.auditId), auditVisible(ctx.actor)));
    if (!audit) throw notFound('audit', query.auditId);
    among = sql`exists (select 1 from ${auditEnterprises} where ${auditEnterprises.auditId} = ${query.auditId}
      and ${auditEnterprises.enterpriseId} = ${enterprises.id} and ${auditEnterprises.status} <> 'excluded')`;
  }
  const named = supervisory(ctx);
  // Which enterprises the caller sees by name: a supervisor every one compared (read with the values below); an
  // enterprise user or a consultant its own, the others being anonymised peers.
  const visible = named
    ? []
    : await ctx.db
        .select({ id: enterprises.id, name: enterprises.name })
        .from(enterprises)
        .where(and(industry, among, enterpriseVisible(ctx.actor)));
  const nameOf = new Map(visible.map((e) => [e.id, e.name]));
  // The values of the compared enterprises (all of the industry for a peer's view, the visible ones for a
  // supervisor) selected by a join on the same conditions: one index scan of the year's item, not a list of
  // thousands of ids sent with the query.
  const code = indicatorItemCode(system.code, ind.id);
  const stored = await ctx.db
    .select({
      enterpriseId: annualValues.enterpriseId,
      itemCode: annualValues.itemCode,
      quantity: annualValues.quantity,
      unit: annualValues.unit,
      note: annualValues.note,
      status: annualSubmissions.status,
      name: enterprises.name,
    })
    .from(annualValues)
    .innerJoin(
      annualSubmissions,
      and(
        eq(annualSubmissions.enterpriseId, annualValues.enterpriseId),
        eq(annualSubmissions.year, annualValues.year),
      ),
    )
    .innerJoin(enterprises, eq(enterprises.id, annualValues.enterpriseId))
    .where(
      and(
        eq(annualValues.year, query.year),
        eq(annualValues.itemCode, code),
        industry,
        among,
        named ? enterpriseVisible(ctx.actor) : undefined,
      ),
    );
  if (named) for (const s of stored) nameOf.set(s.enterpriseId, s.name);
  type Entry = {
    /** The enterprise (never answered for an anonymised peer: `enterpriseId` is then null). */
    id: string;
    enterpriseId: string | null;
    label: string;
    own: boolean;
    value: number | null;
    level: BenchmarkLevel;
    dataStatus: (typeof stored)[number]['status'];
    rank: number | null;
  };
  const entries: Entry[] = [];
  // Membership of one value (formula 5-1, nested levels), as the core evaluates it; the same value the same level.
  const levelOfValue = new Map<string, BenchmarkLevel>();
  for (const s of stored) {
    const isVisible = nameOf.has(s.enterpriseId);
    // Peers' drafts are theirs alone: only submitted or accepted data is compared.
    if (!isVisible && s.status !== 'submitted' && s.status !== 'accepted') continue;
    let v: ReturnType<typeof indicatorValueOf>;
    try {
      v = indicatorValueOf(s, ind, `values.${s.itemCode}`);
    } catch (e) {
      // A value stored for another revision of the system (other kind or unit) cannot be compared: left out.
      if (e instanceof CpError) continue;
      throw e;
    }
    let level: BenchmarkLevel = 'not-applicable';
    if (v !== 'not-applicable') {
      const key = JSON.stringify(v);
      const known = levelOfValue.get(key);
      if (known !== undefined) level = known;
      else {
        const evaluated = evaluateEnterprise(definition, { [ind.id]: v }).value.indicators.find(
          (x) => x.indicatorId === ind.id,
        );
        level = evaluated?.level ?? 'none';
        levelOfValue.set(key, level);
      }
    }
    entries.push({
      id: s.enterpriseId,
      enterpriseId: isVisible ? s.enterpriseId : null,
      label: isVisible ? (nameOf.get(s.enterpriseId) ?? '') : '',
      own: isVisible && !named,
      value: typeof v === 'number' ? v : null,
      level,
      dataStatus: s.status,
      rank: null,
    });
  }
  // Best first: the value in the indicator's direction, then the level; not-applicable last.
  const levelRank: Record<BenchmarkLevel, number> = { I: 0, II: 1, III: 2, none: 3, 'not-applicable': 4 };
  const better = (a: Entry, b: Entry) => {
    if (a.value !== null && b.value !== null && a.value !== b.value) {
      return ind.direction === 'ge' ? b.value - a.value : a.value - b.value;
    }
    return (
      levelRank[a.level] - levelRank[b.level] ||
      (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) ||
      // Ties in a fixed order, so that the pages of one list neither repeat nor skip an entry.
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    );
  };
  entries.sort(better);
  // Standard competition ranking ("1224") of the ranked peers; the anonymised labels numbered in the same order.
  let n = 0;
  let ranked = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as Entry;
    if (e.enterpriseId === null) e.label = `同行企业 ${++n}`;
    if (e.level === 'not-applicable') continue;
    ranked++;
    const prev = entries[i - 1];
    e.rank =
      prev && prev.rank !== null && prev.value === e.value && prev.level === e.level ? prev.rank : i + 1;
  }
  const counts = { I: 0, II: 0, III: 0, none: 0, notApplicable: 0 };
  for (const e of entries) counts[e.level === 'not-applicable' ? 'notApplicable' : e.level]++;
  const d = distributionOf(entries.flatMap((e) => (e.value === null ? [] : [e.value])));

  return {
    head: {
      system: { id: system.id, code: system.code, name: system.name, revision: revisionOf(system) },
      indicator: {
        id: ind.id,
        name: ind.name,
        kind: ind.kind,
        unit: ind.unit ?? null,
        direction: ind.direction ?? null,
        limiting: ind.limiting,
        levels: {
          I: ind.benchmarks.I ?? null,
          II: ind.benchmarks.II ?? null,
          III: ind.benchmarks.III ?? null,
        },
      },
      year: query.year,
      industryCodes,
      anonymised: !named,
    },
    entries,
    counts,
    summary: {
      peers: entries.length,
      ranked,
      values: d.count,
      min: d.min,
      max: d.max,
      mean: d.mean,
      quantiles: d.quantiles,
      histogram: d.histogram,
    },
  };
}

/**
 * One indicator across the peers: every peer's value and level is computed (the distribution, the counts and the
 * ranks are over all of them), and only one page of the list is answered. Within an HTTP request the whole list is
 * kept in the read cache (services/read-cache.ts, same caller, same data version) apart from the page arguments,
 * so that the next pages, orders and level filters of the same list are cut from it rather than computed again.
 */
export async function benchmarkIndicator(ctx: ServiceContext, systemId: string, query: BenchmarkQuery) {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new CpError('VALIDATION', `limit: ${limit} is not an integer from 1 to 500`, { field: 'limit' });
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new CpError('VALIDATION', `offset: ${offset} is not a non-negative integer`, { field: 'offset' });
  }
  const scope: BenchmarkScope = {
    indicator: query.indicator,
    year: query.year,
    industry: query.industry,
    auditId: query.auditId,
  };
  const all: Awaited<ReturnType<typeof benchmarkAll>> =
    ctx.dataVersion === undefined
      ? await benchmarkAll(ctx, systemId, scope)
      : JSON.parse(
          await cachedRead(ctx, 'benchmarkIndicator.all', [systemId, scope], async () =>
            JSON.stringify(await benchmarkAll(ctx, systemId, scope)),
          ),
        );
  const { entries, head } = all;
  const named = !head.anonymised;
  const listed = query.level === undefined ? entries : entries.filter((e) => e.level === query.level);
  const sign = query.order === 'desc' ? -1 : 1;
  const sort = query.sort ?? 'rank';
  let ordered = listed;
  if (sort === 'rank' && sign === -1) {
    // Worst first; the unranked (not-applicable) stay last.
    ordered = [...listed.filter((e) => e.rank !== null).reverse(), ...listed.filter((e) => e.rank === null)];
  } else if (sort === 'value') {
    // By value; entries without a value last either way, ties in rank order (the sort is stable).
    ordered = [...listed].sort((a, b) =>
      a.value === null || b.value === null
        ? (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0)
        : sign * (a.value - b.value),
    );
  } else if (sort === 'name') {
    ordered = [...listed].sort((a, b) => sign * nameOrder.compare(a.label, b.label));
  }
  const positions = entries.filter((e) =>
    named ? query.enterpriseId !== undefined && e.enterpriseId === query.enterpriseId : e.own,
  );
  return {
    ...head,
    entries: ordered.slice(offset, offset + limit).map(answered),
    total: listed.length,
    counts: all.counts,
    summary: all.summary,
    positions: positions.map(answered),
  };
}

/** An entry as answered: without the enterprise id kept for the order (`enterpriseId` says it when visible). */
function answered<T extends { id: string }>(e: T): Omit<T, 'id'> {
  const { id: _, ...rest } = e;
  return rest;
}

/**
 * Data collection per listed enterprise (guideline 7.2.1.1 b, Appendix A), derived from its annual submissions
 * for the years the audit asked for (by default the three calendar years before the period: 近三年).
 *
 *   returned     — a year's submission was returned by the bureau;
 *   submitted    — every year submitted (or accepted);
 *   complete     — every year has data in every required group, not yet all submitted;
 *   in_progress  — some data entered;
 *   not_started  — nothing entered for those years.
 */
import { type Source, SRC_JS_GUIDELINE } from '@cpaudit/core';
import { and, inArray, sql } from 'drizzle-orm';
import {
  type AnnualCategory,
  annualSubmissions,
  annualValues,
  type Db,
  type SubmissionStatus,
} from '../../db/index.ts';

export interface RequiredGroup {
  category: AnnualCategory;
  zh: string;
  source: Source;
}

/**
 * The annual-data groups a complete submission has (Appendix A 一、二). The grouping by annual-data category is
 * cpaudit's reading of the list; the list itself is the seed text.
 */
export const REQUIRED_GROUPS: readonly RequiredGroup[] = [
  {
    category: 'economy',
    zh: '产值（工业总产值或增加值）',
    source: SRC_JS_GUIDELINE('附录A 一 企业基本信息（产能）'),
  },
  { category: 'energy', zh: '能源消耗', source: SRC_JS_GUIDELINE('附录A 一 近三年能源消耗数据') },
  { category: 'water', zh: '水资源消耗', source: SRC_JS_GUIDELINE('附录A 二 资源能源利用效率指标（水耗）') },
  {
    category: 'pollutant_generated',
    zh: '污染物产生量',
    source: SRC_JS_GUIDELINE('附录A 一 污染物产生与排放数据'),
  },
  {
    category: 'pollutant_emitted',
    zh: '污染物排放量',
    source: SRC_JS_GUIDELINE('附录A 一 污染物产生与排放数据'),
  },
  { category: 'ghg', zh: '温室气体排放', source: SRC_JS_GUIDELINE('附录A 一 温室气体排放相关数据') },
];

export type CollectionStatus = 'not_started' | 'in_progress' | 'complete' | 'submitted' | 'returned';

export const COLLECTION_ZH: Readonly<Record<CollectionStatus, string>> = {
  not_started: '未开始',
  in_progress: '填报中',
  complete: '已填齐待提交',
  submitted: '已提交',
  returned: '已退回',
};

export interface YearCollection {
  year: number;
  submissionStatus: SubmissionStatus | null;
  returnReason: string | null;
  itemsPresent: number;
  itemsRequired: number;
  missing: string[];
}

export interface Collection {
  status: CollectionStatus;
  statusZh: string;
  accepted: boolean;
  years: YearCollection[];
}

/** 近三年: the three calendar years before the audit period starts. */
export function defaultDataYears(periodStart: string): number[] {
  const y = Number(periodStart.slice(0, 4));
  return [y - 3, y - 2, y - 1];
}

/** The years asked of a listed enterprise: its own list when the audit gave one, else 近三年 of the period. */
export function dataYearsOf(dataYears: readonly number[], periodStart: string): number[] {
  return dataYears.length > 0 ? [...dataYears] : defaultDataYears(periodStart);
}

/** The derived status from the per-year facts (pure). */
export function deriveCollection(years: readonly YearCollection[]): Collection {
  let status: CollectionStatus;
  const submitted = (s: SubmissionStatus | null) => s === 'submitted' || s === 'accepted';
  if (years.some((y) => y.submissionStatus === 'returned')) status = 'returned';
  else if (years.length > 0 && years.every((y) => submitted(y.submissionStatus))) status = 'submitted';
  else if (years.length > 0 && years.every((y) => y.itemsPresent === y.itemsRequired)) status = 'complete';
  else if (years.some((y) => y.itemsPresent > 0 || y.submissionStatus !== null)) status = 'in_progress';
  else status = 'not_started';
  return {
    status,
    statusZh: COLLECTION_ZH[status],
    accepted: years.length > 0 && years.every((y) => y.submissionStatus === 'accepted'),
    years: [...years],
  };
}

/** The collection status of each enterprise for its years. */
export async function collectionFor(
  db: Db,
  rows: readonly { enterpriseId: string; years: readonly number[] }[],
): Promise<Map<string, Collection>> {
  const out = new Map<string, Collection>();
  const ids = [...new Set(rows.map((r) => r.enterpriseId))];
  const allYears = [...new Set(rows.flatMap((r) => r.years))];
  const subs =
    ids.length === 0 || allYears.length === 0
      ? []
      : await db
          .select({
            enterpriseId: annualSubmissions.enterpriseId,
            year: annualSubmissions.year,
            status: annualSubmissions.status,
            returnReason: annualSubmissions.returnReason,
          })
          .from(annualSubmissions)
          .where(
            and(inArray(annualSubmissions.enterpriseId, ids), inArray(annualSubmissions.year, allYears)),
          );
  const groups =
    ids.length === 0 || allYears.length === 0
      ? []
      : await db
          .select({
            enterpriseId: annualValues.enterpriseId,
            year: annualValues.year,
            category: annualValues.category,
            n: sql<number>`cast(count(*) as int)`,
          })
          .from(annualValues)
          .where(
            and(
              inArray(annualValues.enterpriseId, ids),
              inArray(annualValues.year, allYears),
              inArray(
                annualValues.category,
                REQUIRED_GROUPS.map((g) => g.category),
              ),
            ),
          )
          .groupBy(annualValues.enterpriseId, annualValues.year, annualValues.category);
  // Indexed by enterprise and year (a list of a few hundred enterprises × years: no scan per row).
  const at = (enterpriseId: string, year: number) => `${enterpriseId}|${year}`;
  const subAt = new Map(subs.map((s) => [at(s.enterpriseId, s.year), s]));
  const presentAt = new Map<string, Set<string>>();
  for (const g of groups) {
    if (Number(g.n) <= 0) continue;
    const k = at(g.enterpriseId, g.year);
    const set = presentAt.get(k);
    if (set) set.add(g.category);
    else presentAt.set(k, new Set([g.category]));
  }
  for (const r of rows) {
    const years: YearCollection[] = [...r.years]
      .sort((a, b) => a - b)
      .map((year) => {
        const sub = subAt.get(at(r.enterpriseId, year));
        const present = presentAt.get(at(r.enterpriseId, year)) ?? new Set<string>();
        const missing = REQUIRED_GROUPS.filter((g) => !present.has(g.category)).map((g) => g.zh);
        return {
          year,
          submissionStatus: sub?.status ?? null,
          returnReason: sub?.returnReason ?? null,
          itemsPresent: REQUIRED_GROUPS.length - missing.length,
          itemsRequired: REQUIRED_GROUPS.length,
          missing,
        };
      });
    out.set(r.enterpriseId, deriveCollection(years));
  }
  return out;
}

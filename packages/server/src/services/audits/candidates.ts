/**
 * Candidate enterprises of an audit (guideline 7.1.2): the enterprises of the audit's industry in its region
 * (plus any already on its list), turned into the core's input from their stored data and ranked by
 * `rankCandidateEnterprises` (four principles, weighted sum). The server computes no score itself: it only reads
 * the annual data and hands the figures to the core.
 *
 * From the stored data, per enterprise, for the latest of the audit's data years with any value:
 * - a) 污染物排放总量: Σ `pollutant_emitted.*` in t (converted by the core's units), wastewater and solid wastes
 *   left out (their tonnages are not pollutant loads); 温室气体排放强度: `ghg.co2_total` / `economy.value_added`
 *   (tCO2/万元); 单位资源能源消耗: `energy.comprehensive` / `economy.gross_output` (tce/万元, output value standing
 *   in for product output, which has no unit common to all enterprises);
 * - b) 重金属: a class-I pollutant (GB 8978 第一类污染物) reported above 0 in any data year;
 * - c) 基础数据完备度: share of (year × required group) filled (collection.ts); 配合意愿: share of the data years
 *   the enterprise submitted (a proxy: the panel may give its own judgement);
 * - d) 规模: third of the candidates by output value (relative, no external size thresholds); 地域: county;
 *   工艺类型: the first listed production process, else the industry class.
 * Key region, characteristic and new pollutants, and capacity to change are judgements: the panel gives them.
 */
import type { auditCandidateRankingSchema, rankAuditCandidatesBody } from '@cpaudit/contract';
import {
  type Breakdown,
  type CandidateEnterprise,
  CpError,
  convertValue,
  findIndustry,
  rankCandidateEnterprises,
  SRC_JS_GUIDELINE,
} from '@cpaudit/core';
import { and, asc, eq, inArray, isNotNull, like, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  annualSubmissions,
  annualValues,
  auditEnterprises,
  type Db,
  enterpriseProcesses,
  enterprises,
  type IndustryAudit,
  regions,
} from '../../db/index.ts';
import { defaultDataYears, REQUIRED_GROUPS } from './collection.ts';

type RankBody = z.output<typeof rankAuditCandidatesBody>;
type Ranking = z.input<typeof auditCandidateRankingSchema>;

/** Emitted items that are not pollutant loads in t (volumes and wastes). */
const NOT_A_LOAD = new Set([
  'pollutant_emitted.wastewater',
  'pollutant_emitted.general_solid_waste',
  'pollutant_emitted.hazardous_waste',
]);

interface ValueRow {
  enterpriseId: string;
  year: number;
  itemCode: string;
  category: string;
  quantity: number;
  unit: string;
}

interface Candidate {
  id: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  industryCode: string;
  listed: 'candidate' | 'selected' | 'excluded' | null;
}

function inPath(column: typeof enterprises.regionPath, path: string) {
  return sql`(${column} = ${path} or ${column} like ${`${path}/%`})`;
}

async function loadCandidates(db: Db, audit: IndustryAudit, include?: string): Promise<Candidate[]> {
  const industry = or(...audit.industryCodes.map((c) => like(enterprises.industryCode, `${c}%`)));
  const rows = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      regionCode: enterprises.regionCode,
      regionName: regions.name,
      industryCode: enterprises.industryCode,
      listed: auditEnterprises.status,
    })
    .from(enterprises)
    .leftJoin(regions, eq(regions.code, enterprises.regionCode))
    .leftJoin(
      auditEnterprises,
      and(eq(auditEnterprises.enterpriseId, enterprises.id), eq(auditEnterprises.auditId, audit.id)),
    )
    .where(
      or(
        and(inPath(enterprises.regionPath, audit.regionPath), industry, ne(enterprises.status, 'closed')),
        isNotNull(auditEnterprises.id),
        include ? eq(enterprises.id, include) : undefined,
      ),
    )
    .orderBy(asc(enterprises.name), asc(enterprises.id));
  return rows;
}

function toTonnes(v: ValueRow, notes: string[]): number | null {
  try {
    return convertValue(v.quantity, v.unit, 't', v.itemCode);
  } catch {
    notes.push(`${v.itemCode}单位“${v.unit}”无法换算为吨，未计入排放总量`);
    return null;
  }
}

function valueIn(v: ValueRow | undefined, unit: string, notes: string[]): number | null {
  if (!v) return null;
  try {
    return convertValue(v.quantity, v.unit, unit, v.itemCode);
  } catch {
    notes.push(`${v.itemCode}单位“${v.unit}”无法换算为${unit}，未使用`);
    return null;
  }
}

export interface CandidateRankingResult {
  ranking: Ranking;
  /** Per enterprise id, the breakdown to store with a selection. */
  breakdownOf: (enterpriseId: string) => { score: number; breakdown: Breakdown } | null;
}

/**
 * Ranks the audit's candidates; `body` carries the panel's judgements and weights (nothing is stored);
 * `include` adds an enterprise about to be listed (e.g. of a neighbouring industry code).
 */
export async function rankCandidates(
  db: Db,
  audit: IndustryAudit,
  body: RankBody = { assessments: [] },
  include?: string,
): Promise<CandidateRankingResult> {
  const dataYears = defaultDataYears(audit.periodStart);
  const list = await loadCandidates(db, audit, include);
  const ids = list.map((c) => c.id);
  body.assessments.forEach((a, k) => {
    if (!ids.includes(a.enterpriseId)) {
      throw new CpError(
        'VALIDATION',
        `assessments.${k}.enterpriseId: ${a.enterpriseId} is not a candidate of this audit`,
        { field: `assessments.${k}.enterpriseId` },
      );
    }
  });
  const values: ValueRow[] =
    ids.length === 0
      ? []
      : await db
          .select({
            enterpriseId: annualValues.enterpriseId,
            year: annualValues.year,
            itemCode: annualValues.itemCode,
            category: annualValues.category,
            quantity: annualValues.quantity,
            unit: annualValues.unit,
          })
          .from(annualValues)
          .where(and(inArray(annualValues.enterpriseId, ids), inArray(annualValues.year, dataYears)));
  const subs =
    ids.length === 0
      ? []
      : await db
          .select({ enterpriseId: annualSubmissions.enterpriseId, status: annualSubmissions.status })
          .from(annualSubmissions)
          .where(
            and(inArray(annualSubmissions.enterpriseId, ids), inArray(annualSubmissions.year, dataYears)),
          );
  const processes =
    ids.length === 0
      ? []
      : await db
          .select({ enterpriseId: enterpriseProcesses.enterpriseId, name: enterpriseProcesses.name })
          .from(enterpriseProcesses)
          .where(inArray(enterpriseProcesses.enterpriseId, ids))
          .orderBy(asc(enterpriseProcesses.sortOrder), asc(enterpriseProcesses.name));

  // Per enterprise: the basis year and its figures.
  const facts = list.map((c) => {
    const notes: string[] = [];
    const own = values.filter((v) => v.enterpriseId === c.id);
    const year = own.reduce<number | null>((y, v) => (y === null || v.year > y ? v.year : y), null);
    const inYear = own.filter((v) => v.year === year);
    const item = (code: string) => inYear.find((v) => v.itemCode === code);

    const loads = inYear
      .filter((v) => v.category === 'pollutant_emitted' && !NOT_A_LOAD.has(v.itemCode))
      .map((v) => toTonnes(v, notes))
      .filter((x): x is number => x !== null);
    const pollutantLoad_t = loads.length > 0 ? loads.reduce((s, x) => s + x, 0) : null;

    const valueAdded = valueIn(item('economy.value_added'), '万元', notes);
    const output = valueIn(item('economy.gross_output'), '万元', notes);
    const co2 = valueIn(item('ghg.co2_total'), 'tCO2', notes);
    const energy = valueIn(item('energy.comprehensive'), 'tce', notes);
    const ghgIntensity = co2 !== null && valueAdded !== null && valueAdded > 0 ? co2 / valueAdded : null;
    const energyIntensity = energy !== null && output !== null && output > 0 ? energy / output : null;

    const classI = own.filter((v) => v.itemCode.includes('.class_i.'));
    const heavyMetals = classI.length === 0 ? null : classI.some((v) => v.quantity > 0);

    const filled = dataYears.reduce(
      (n, y) =>
        n + REQUIRED_GROUPS.filter((g) => own.some((v) => v.year === y && v.category === g.category)).length,
      0,
    );
    const dataCompleteness = filled / (REQUIRED_GROUPS.length * dataYears.length);
    const submittedYears = subs.filter(
      (s) =>
        s.enterpriseId === c.id &&
        (s.status === 'submitted' || s.status === 'accepted' || s.status === 'returned'),
    ).length;
    const willingnessFromData = submittedYears / dataYears.length;
    const process = processes.find((p) => p.enterpriseId === c.id)?.name;
    const processType = process ?? `${c.industryCode} ${findIndustry(c.industryCode)?.name ?? ''}`.trim();
    if (year === null) notes.push(`${dataYears.join('、')}年均无年度数据`);
    else notes.push(`依据${year}年年度数据`);
    return {
      c,
      year,
      pollutantLoad_t,
      ghgIntensity,
      energyIntensity,
      heavyMetals,
      dataCompleteness,
      willingnessFromData,
      submittedYears,
      output,
      processType,
      notes,
    };
  });

  // d) size: thirds of the candidates by output value (p = position / (n − 1)).
  const withOutput = facts.filter((f) => f.output !== null).sort((a, b) => (a.output ?? 0) - (b.output ?? 0));
  const sizeOf = (id: string): string => {
    const k = withOutput.findIndex((f) => f.c.id === id);
    if (k < 0) return '规模未知（无产值数据）';
    const first = withOutput.findIndex((f) => f.output === withOutput[k]?.output);
    const p = withOutput.length > 1 ? first / (withOutput.length - 1) : 0.5;
    return p < 1 / 3 ? '产值规模较小' : p <= 2 / 3 ? '产值规模中等' : '产值规模较大';
  };

  const inputs: CandidateEnterprise[] = facts.map((f) => {
    const a = body.assessments.find((x) => x.enterpriseId === f.c.id);
    const heavy = a?.heavyMetals ?? f.heavyMetals;
    const e: CandidateEnterprise = {
      id: f.c.id,
      name: f.c.name,
      dataCompleteness: f.dataCompleteness,
      willingness: a?.willingness ?? f.willingnessFromData,
      sizeClass: sizeOf(f.c.id),
      county: f.c.regionName ?? f.c.regionCode,
      processType: f.processType,
    };
    if (f.pollutantLoad_t !== null) e.pollutantLoad_t = f.pollutantLoad_t;
    if (f.ghgIntensity !== null) e.ghgIntensity = f.ghgIntensity;
    if (f.energyIntensity !== null) e.energyPerUnit = f.energyIntensity;
    if (heavy !== null) e.heavyMetals = heavy;
    if (a?.inKeyRegion !== undefined) e.inKeyRegion = a.inKeyRegion;
    if (a?.characteristicPollutants !== undefined) e.characteristicPollutants = a.characteristicPollutants;
    if (a?.newPollutants !== undefined) e.newPollutants = a.newPollutants;
    if (a?.capacityToChange !== undefined) e.capacityToChange = a.capacityToChange;
    if (a?.willingness === undefined) {
      f.notes.push(`配合意愿按年度数据报送情况估计（${f.submittedYears}/${dataYears.length}年已报送）`);
    }
    return e;
  });

  if (inputs.length === 0) {
    const breakdown: Breakdown = {
      label: '确定审核企业名单：候选企业排序',
      clause: SRC_JS_GUIDELINE('7.1.2 确定审核企业名单'),
      inputs: [{ name: 'enterprises', value: 0 }],
      factors: [],
      result: null,
      notes: ['审核区域内没有该行业的企业'],
    };
    return {
      ranking: { auditId: audit.id, dataYears, weights: [], candidates: [], lines: [], breakdown },
      breakdownOf: () => null,
    };
  }

  const result = rankCandidateEnterprises({
    enterprises: inputs,
    ...(body.weights ? { weights: body.weights } : {}),
  });
  const top = result.breakdown;
  const candidates = result.value.ranking.map((r) => {
    const f = facts.find((x) => x.c.id === r.id);
    const e = inputs.find((x) => x.id === r.id);
    if (!f || !e) throw new CpError('INTERNAL', `ranked an unknown enterprise ${r.id}`);
    return {
      enterpriseId: r.id,
      name: r.name,
      regionCode: f.c.regionCode,
      industryCode: f.c.industryCode,
      listed: f.c.listed,
      rank: r.rank,
      total: r.total,
      scores: r.scores,
      reasons: r.reasons,
      tiedAtSelection: r.tiedAtSelection,
      basis: {
        year: f.year,
        pollutantLoad_t: f.pollutantLoad_t,
        ghgIntensity_tCO2_per_wanYuan: f.ghgIntensity,
        energyIntensity_tce_per_wanYuan: f.energyIntensity,
        heavyMetals: e.heavyMetals ?? null,
        dataCompleteness: e.dataCompleteness,
        willingness: e.willingness,
        capacityToChange: e.capacityToChange ?? null,
        sizeClass: e.sizeClass,
        county: e.county,
        processType: e.processType,
        notes: f.notes,
      },
    };
  });
  const stepOf = (id: string): { score: number; breakdown: Breakdown } | null => {
    const k = result.value.ranking.findIndex((r) => r.id === id);
    const r = result.value.ranking[k];
    const step = top.steps?.[k];
    const f = facts.find((x) => x.c.id === id);
    if (!r || !step) return null;
    return {
      score: r.total,
      breakdown: {
        ...step,
        clause: top.clause ?? step.clause,
        factors: top.factors,
        notes: [...(step.notes ?? []), `${list.length}家候选企业中第${r.rank}位`, ...(f?.notes ?? [])],
      },
    };
  };
  return {
    ranking: {
      auditId: audit.id,
      dataYears,
      weights: result.value.weights,
      candidates,
      lines: result.value.lines,
      breakdown: top,
    },
    breakdownOf: stepOf,
  };
}

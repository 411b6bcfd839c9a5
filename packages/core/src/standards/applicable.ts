/**
 * Which standards, and which limit tables, apply to an enterprise: by industry (GB/T 4754-2017 prefix), region,
 * date, key region (特别排放限值) and installation (现有/新建). Each choice carries its reason in words.
 *
 * Rules:
 * - a standard applies when the industry code starts with one of its industry prefixes (or it lists none), one of
 *   the enterprise's regions is one of its regions (or it lists none: national), and the date is within its validity;
 * - 综合排放标准 (GB 8978-1996) apply only to media no industry standard covers: GB 8978-1996 1.2 "按照国家综合排放标准
 *   与国家行业排放标准不交叉执行的原则";
 * - within a standard, a table applies when one of its `appliesTo` rows names the installation and the date lies in
 *   its range; tables of one group are alternatives: in a key region the special table (特别排放限值) replaces the
 *   ordinary one; tables with a grade (GB 8978 表4) apply for the enterprise's discharge grade (default 一级).
 */
import { parseInput } from '../reference/zod.ts';
import {
  type ApplicabilityQueryJson,
  type ApplicableEmissionStandard,
  type ApplicableEnergyStandard,
  type ApplicableStandards,
  applicabilityQuerySchema,
  type EmissionStandard,
  type LimitTable,
  type Standard,
} from './schema.ts';

const INSTALLATION_ZH = { existing: '现有企业', new: '新建企业' } as const;
const GRADE_ZH = { '1': '一级', '2': '二级', '3': '三级' } as const;

/** Region names compared without the administrative suffix: 江苏省 = 江苏, 常州市 = 常州. */
export function normalizeRegion(name: string): string {
  return name
    .trim()
    .replace(/(省|市|自治区|特别行政区|地区|区|县)$/u, '')
    .toLowerCase();
}

/**
 * GB/T 4754-2017 codes nest by prefix (门类 letter aside: 大类 2 digits, 中类 3, 小类 4). A standard listing 3360 applies
 * to an enterprise coded 3360 and, since the Guangdong form records the 中类 (3 digits), to one coded 336 whose
 * class the standard's code refines (said in the reason); an enterprise coded only by its 大类 (2 digits) is too
 * coarse to be matched to a class-level standard.
 */
function industryMatch(s: Standard, code: string): string | null {
  if (s.industries.length === 0) return '适用于所有行业';
  const prefix = s.industries.find((p) => code.startsWith(p));
  if (prefix !== undefined) return `行业代码 ${code} 属于 ${prefix}`;
  const refined = code.length >= 3 ? s.industries.find((p) => p.startsWith(code)) : undefined;
  return refined === undefined ? null : `行业代码 ${code}（中类）包含 ${refined}，按 ${refined} 适用`;
}

function regionMatch(s: Standard, regions: readonly string[]): string | null {
  if (s.regions.length === 0) return '全国适用';
  const mine = new Set(regions.map(normalizeRegion));
  const hit = s.regions.find((r) => mine.has(normalizeRegion(r)));
  return hit === undefined ? null : `适用地区：${hit}`;
}

function inRange(date: string, from: string | null, to: string | null): boolean {
  return (from === null || from <= date) && (to === null || date <= to);
}

function tablesThatApply(
  s: EmissionStandard,
  q: { date: string; installation: 'existing' | 'new'; keyRegion: boolean; dischargeGrade?: '1' | '2' | '3' },
  reasons: string[],
): LimitTable[] {
  const grade = q.dischargeGrade ?? '1';
  const byDate = s.tables.filter((t) =>
    t.appliesTo.some((a) => a.installation === q.installation && inRange(q.date, a.from, a.to)),
  );
  const out: LimitTable[] = [];
  const groups = [...new Set(byDate.map((t) => t.group))];
  for (const g of groups) {
    let inGroup = byDate.filter((t) => t.group === g);
    if (inGroup.some((t) => t.grade !== undefined)) {
      inGroup = inGroup.filter((t) => t.grade === undefined || t.grade === grade);
      reasons.push(
        q.dischargeGrade === undefined
          ? `未指定排放标准分级，按${GRADE_ZH[grade]}标准（最严）`
          : `排放标准分级：${GRADE_ZH[grade]}标准`,
      );
    }
    const special = inGroup.filter((t) => t.special);
    const ordinary = inGroup.filter((t) => !t.special);
    const chosen = q.keyRegion && special.length > 0 ? special : ordinary;
    for (const t of chosen) {
      const a = t.appliesTo.find((x) => x.installation === q.installation && inRange(q.date, x.from, x.to));
      const period = a ? `${a.from ?? '…'} 至 ${a.to ?? '今'}` : '';
      reasons.push(
        t.special
          ? `${t.id}（${t.clause}）：位于特别排放限值地区，执行特别排放限值（${INSTALLATION_ZH[q.installation]}，${period}）`
          : `${t.id}（${t.clause}）：${INSTALLATION_ZH[q.installation]}，${period}执行`,
      );
      out.push(t);
    }
  }
  return out;
}

/**
 * The standards of `standards` that apply to the enterprise described by `query`, with the tables and reasons;
 * throws VALIDATION naming the field when the query is malformed.
 */
export function applicableStandards(
  standards: readonly Standard[],
  query: ApplicabilityQueryJson,
): ApplicableStandards {
  const q = parseInput(applicabilityQuerySchema, query, 'applicability query');
  const result: ApplicableStandards = { emission: [], energy: [], skipped: [] };
  const general: ApplicableEmissionStandard[] = [];
  for (const s of standards) {
    const ind = industryMatch(s, q.industryCode);
    if (ind === null) {
      result.skipped.push({ code: s.code, reason: `行业不适用（${s.industries.join('、')}）` });
      continue;
    }
    const reg = regionMatch(s, q.region);
    if (reg === null) {
      result.skipped.push({ code: s.code, reason: `地区不适用（${s.regions.join('、')}）` });
      continue;
    }
    if (!inRange(q.date, s.validFrom, s.validTo)) {
      result.skipped.push({
        code: s.code,
        reason: `${q.date} 不在有效期内（${s.validFrom} 至 ${s.validTo ?? '今'}）`,
      });
      continue;
    }
    const reasons = [ind, reg, `${q.date} 在有效期内（自 ${s.validFrom}）`];
    if (s.kind === 'energy') {
      const applicable: ApplicableEnergyStandard['applicable'] =
        q.installation === 'new' && s.entry_kgcePerUnit !== null ? 'entry' : 'limit';
      reasons.push(applicable === 'entry' ? '新建企业执行能耗准入值' : '执行能耗限定值');
      result.energy.push({ standard: s, applicable, reasons });
      continue;
    }
    const tables = tablesThatApply(s, q, reasons);
    if (tables.length === 0) {
      result.skipped.push({
        code: s.code,
        reason: `没有适用于${INSTALLATION_ZH[q.installation]}在 ${q.date} 的限值表`,
      });
      continue;
    }
    (s.general ? general : result.emission).push({ standard: s, tables, reasons });
  }
  // GB 8978-1996 1.2: a general standard does not apply where an industry standard of the same medium does.
  for (const g of general) {
    const industry = result.emission.find((e) => e.standard.medium === g.standard.medium);
    if (industry) {
      result.skipped.push({
        code: g.standard.code,
        reason: `综合排放标准与行业排放标准不交叉执行：执行 ${industry.standard.code}`,
      });
    } else {
      g.reasons.push('无适用的行业排放标准，执行综合排放标准');
      result.emission.push(g);
    }
  }
  return result;
}

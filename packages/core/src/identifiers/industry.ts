/**
 * GB/T 4754-2017 industry codes (国民经济行业分类): look-up, path, the 中类 the Guangdong form asks for, search.
 * The data is `gbt4754-2017.data.ts`; this module indexes it once at load.
 */
import { z } from 'zod';
import { CpError } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import { GBT4754_2017_ROWS, type IndustryLevel, SRC_GBT4754 } from './gbt4754-2017.data.ts';

export { GBT4754_2017_ROWS, type IndustryLevel, SRC_GBT4754 };

export interface IndustryCode {
  code: string;
  name: string;
  level: IndustryLevel;
  /** The parent code ('' for a section). */
  parent: string;
}

/** Chinese names of the levels. */
export const INDUSTRY_LEVEL_ZH: Readonly<Record<IndustryLevel, string>> = {
  section: '门类',
  division: '大类',
  group: '中类',
  class: '小类',
};

const BY_CODE = new Map<string, IndustryCode>();
for (const [code, name, level, parent] of GBT4754_2017_ROWS) {
  BY_CODE.set(code, Object.freeze({ code, name, level, parent }));
}

/** Every code, in the order of the standard. */
export function allIndustries(): IndustryCode[] {
  return [...BY_CODE.values()];
}

/**
 * Normalises user input: trims, upper-cases a section letter, drops a section letter written before the digits
 * (`C3360` → `3360`, as codes are often quoted) when it is the right section, and half-width digits.
 */
export function normalizeIndustryCode(code: string): string {
  if (typeof code !== 'string') return '';
  let s = code.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  s = s.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-T])(\d{2,4})$/.exec(s);
  if (m?.[1] && m[2]) {
    const digits = m[2];
    const division = BY_CODE.get(digits.slice(0, 2));
    if (division && division.parent === m[1]) return digits;
  }
  return s;
}

/** The code's row, or undefined when it is not a GB/T 4754-2017 code. */
export function findIndustry(code: string): IndustryCode | undefined {
  return BY_CODE.get(normalizeIndustryCode(code));
}

/**
 * The code's row.
 * @throws CpError VALIDATION (field `industryCode`, or `field`) when it is not a GB/T 4754-2017 code.
 */
export function industryByCode(code: string, field = 'industryCode'): IndustryCode {
  const row = findIndustry(code);
  if (!row) {
    throw new CpError(
      'VALIDATION',
      `“${code}”不是GB/T 4754-2017行业代码 / "${code}" is not a GB/T 4754-2017 industry code`,
      { field },
    );
  }
  return row;
}

/** Section → division → group → class, ending at the code itself. */
export function industryPath(code: string, field = 'industryCode'): IndustryCode[] {
  const path: IndustryCode[] = [];
  let row: IndustryCode | undefined = industryByCode(code, field);
  while (row) {
    path.unshift(row);
    row = row.parent ? BY_CODE.get(row.parent) : undefined;
  }
  return path;
}

export interface IndustryGroup {
  /** 3-digit 中类 code. */
  code: string;
  name: string;
  /** As the Guangdong form prints it (note 1): `336 金属表面处理及热处理加工`. */
  label: string;
}

/**
 * The 中类 (group) of a group or class code: what the Guangdong form asks for (绩效表 注1: 原则上需填中类代码及其类别名称).
 * @throws CpError VALIDATION for unknown codes and for sections and divisions, which contain several groups.
 */
export function industryGroupOf(code: string, field = 'industryCode'): IndustryGroup {
  const row = industryByCode(code, field);
  const group = row.level === 'class' ? BY_CODE.get(row.parent) : row.level === 'group' ? row : undefined;
  if (!group) {
    throw new CpError(
      'VALIDATION',
      `“${code}”是${INDUSTRY_LEVEL_ZH[row.level]}，需要中类或小类代码 / "${code}" is a ${row.level}; a group (3 digits) or class (4 digits) code is needed`,
      { field },
    );
  }
  return { code: group.code, name: group.name, label: `${group.code} ${group.name}` };
}

export interface IndustrySearchOptions {
  /** Only rows of these levels. */
  levels?: readonly IndustryLevel[];
  /** At most this many results (default 50). */
  limit?: number;
}

/**
 * Finds codes whose code starts with `text`, or whose name contains every white-space separated term of `text`.
 * Code-prefix matches come first, then name matches, each in the order of the standard.
 */
export function searchIndustries(text: string, opts: IndustrySearchOptions = {}): IndustryCode[] {
  const limit = opts.limit ?? 50;
  const terms = text.trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0 || limit <= 0) return [];
  const codeTerm = terms.length === 1 ? normalizeIndustryCode(terms[0] ?? '') : '';
  const levelOk = (r: IndustryCode): boolean => !opts.levels || opts.levels.includes(r.level);
  const byCode: IndustryCode[] = [];
  const byName: IndustryCode[] = [];
  for (const r of BY_CODE.values()) {
    if (!levelOk(r)) continue;
    if (codeTerm && r.code.startsWith(codeTerm)) byCode.push(r);
    else if (terms.every((t) => r.name.includes(t))) byName.push(r);
  }
  return [...byCode, ...byName].slice(0, limit);
}

/** `cpaudit industry`: `{ code }` (the row, its path and 中类) or `{ search, limit? }`. */
export const industryLookupInputSchema = z.union([
  z.strictObject({ code: z.string().min(1) }),
  z.strictObject({ search: z.string().min(1), limit: z.int().min(1).max(2000).optional() }),
]);

export type IndustryLookup =
  | { kind: 'code'; industry: IndustryCode; path: IndustryCode[]; group: IndustryGroup | null }
  | { kind: 'search'; results: IndustryCode[] };

export function industryLookupFromJson(json: unknown): IndustryLookup {
  const input = parseInput(industryLookupInputSchema, json, 'industry look-up');
  if ('code' in input) {
    const industry = industryByCode(input.code, 'code');
    const group =
      industry.level === 'class' || industry.level === 'group' ? industryGroupOf(input.code) : null;
    return { kind: 'code', industry, path: industryPath(input.code, 'code'), group };
  }
  return {
    kind: 'search',
    results: searchIndustries(input.search, input.limit === undefined ? {} : { limit: input.limit }),
  };
}

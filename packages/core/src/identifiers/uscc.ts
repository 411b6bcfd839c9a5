/**
 * Unified social credit code 统一社会信用代码 (GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》).
 *
 * 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY` (I, O, Z, S, V are not used):
 *   1 登记管理部门代码 · 2 机构类别代码 · 3–8 登记管理机关行政区划码 (6 digits, GB/T 2260) ·
 *   9–17 主体标识码（组织机构代码, GB 11714, its own check character at 17） · 18 校验码.
 * Check character (GB 32100-2015 §4.3): C18 = 31 − MOD(Σ_{i=1..17} Ci × Wi, 31), Wi = MOD(3^(i−1), 31); 31 → 0.
 */
import { z } from 'zod';
import { CpError } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import { type Breakdown, type FactorRef, type Source, type Traced, traced } from '../trace.ts';

/** GB 32100-2015 §4.3, re-posted with its worked example (91350100M000100Y4Z → sum 1640, check 3). */
export const SRC_GB32100: Source = {
  document: 'GB 32100-2015 法人和其他组织统一社会信用代码编码规则',
  clause: '4.3 校验码, 表1 代码字符集, 表2 加权因子',
  url: 'https://wddqw.com/doc/53f79e6a996648d7c1c708a1284ac850ad020467.html',
  status: 'verified-page',
  note: 'third-party re-post of the standard text and its worked example; not the official PDF',
};

/** Meaning of the 1st and 2nd characters (登记管理部门代码, 机构类别代码) as listed by re-posts of the code rules. */
export const SRC_USCC_AUTHORITIES: Source = {
  document: '统一社会信用代码 登记管理部门代码和机构类别代码（国发〔2015〕33号配套编码规则）',
  clause: '第1位 登记管理部门代码, 第2位 机构类别代码',
  url: 'https://osuse.cn/post/10002590.html',
  status: 'verified-page',
  note: 'third-party re-post (same list at http://ddrv.cn/?p=726373); the list may grow, so an unlisted code is a warning, not an error',
};

/** GB 11714-1997 §2.1.2: C9 = 11 − MOD(Σ Ci × Wi, 11), W = 3,7,9,10,5,8,4,2; 10 → X, 11 → 0. */
export const SRC_GB11714: Source = {
  document: 'GB 11714-1997 全国组织机构代码编制规则',
  clause: '2.1.2 校验码',
  url: 'https://www.jinchutou.com/shtml/4a7cf022da0cb1da793322bd70746467.html',
  status: 'verified-page',
  note: 'formula and weights on a re-post of the standard; letter values A=10 … Z=35 (附录A 代码字符集) seen only in public code',
};

/** 表1 代码字符集: the value of a character is its index here. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 表2 加权因子 Wi = MOD(3^(i−1), 31), i = 1..17. */
export const USCC_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/** GB 11714 weights of the 8 body characters of the organisation code. */
export const ORG_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 附录A character values: digits 0–9, letters A=10 … Z=35 (the full Latin alphabet). */
const ORG_CODE_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const WEIGHT_FACTORS: FactorRef[] = [
  {
    id: 'gb32100.modulus',
    name: '统一社会信用代码校验模数（加权因子 Wi = MOD(3^(i−1), 31)）',
    value: 31,
    unit: '1',
    source: SRC_GB32100,
  },
];

/** 登记管理部门代码 → name, with its 机构类别代码 → name. */
export const USCC_AUTHORITIES: Readonly<
  Record<string, { name: string; orgTypes: Readonly<Record<string, string>> }>
> = {
  '1': {
    name: '机构编制',
    orgTypes: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', orgTypes: { '1': '外国常住新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    orgTypes: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', orgTypes: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', orgTypes: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    orgTypes: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', orgTypes: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', orgTypes: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', orgTypes: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', orgTypes: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    orgTypes: {
      '1': '组级集体经济组织',
      '2': '村级集体经济组织',
      '3': '乡镇级集体经济组织',
      '9': '其他',
    },
  },
  Y: { name: '其他', orgTypes: { '1': '其他（不再具体划分机构类别）' } },
};

export interface UsccParts {
  /** 1st character: 登记管理部门代码. */
  authority: string;
  authorityName: string | null;
  /** 2nd character: 机构类别代码. */
  orgType: string;
  orgTypeName: string | null;
  /** 3rd–8th characters: 登记管理机关行政区划码 (GB/T 2260). */
  division: string;
  /** 9th–17th characters: 组织机构代码 (GB 11714), its check character last. */
  orgCode: string;
}

export interface UsccValidation {
  /** The input as given. */
  input: string;
  valid: boolean;
  /** Upper-cased, full-width characters made half-width, white space removed. */
  normalized: string;
  /** The parts, when the code has 18 characters (also when it is invalid). */
  parts: UsccParts | null;
  /** The check character the first 17 characters call for, when they are 17 valid characters. */
  expectedCheck: string | null;
  /** Σ Ci × Wi over the first 17 characters, when computable. */
  weightedSum: number | null;
  /** Reasons the code is invalid, each in Chinese then English, naming the position. */
  errors: string[];
  /** Doubts that do not make the code invalid (unlisted authority, GB 11714 check of positions 9–17). */
  warnings: string[];
}

/** Full-width ASCII (U+FF01–U+FF5E) to half-width, as codes pasted from Chinese documents often are. */
function halfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp >= 0xff01 && cp <= 0xff5e ? String.fromCodePoint(cp - 0xfee0) : ch;
  }
  return out;
}

export function normalizeUscc(code: string): string {
  if (typeof code !== 'string') {
    throw new CpError(
      'VALIDATION',
      `统一社会信用代码应为字符串 / the credit code must be a string, got ${typeof code}`,
      {
        field: 'creditCode',
      },
    );
  }
  return halfWidth(code).replace(/\s+/g, '').toUpperCase();
}

/** Σ Ci × Wi of 17 characters; throws VALIDATION when a character is outside the charset. */
function weightedSumOf(first17: string, field: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17.charAt(i));
    const w = USCC_WEIGHTS[i];
    if (v < 0 || w === undefined) {
      throw new CpError(
        'VALIDATION',
        `第${i + 1}位字符“${first17.charAt(i)}”不在代码字符集中 / position ${i + 1}: "${first17.charAt(i)}" is not in the code character set`,
        { field },
      );
    }
    sum += v * w;
  }
  return sum;
}

/** GB 32100-2015 §4.3: the check character from a weighted sum. */
function checkCharOfSum(sum: number): string {
  const c18 = 31 - (sum % 31);
  return USCC_CHARSET.charAt(c18 === 31 ? 0 : c18);
}

/**
 * The 18th character (校验码) of a code whose first 17 characters are given (GB 32100-2015 §4.3).
 * @throws CpError VALIDATION (field `creditCode`) unless `first17` is 17 characters of the code charset.
 */
export function usccCheckChar(first17: string): string {
  const s = normalizeUscc(first17);
  if (s.length !== 17) {
    throw new CpError(
      'VALIDATION',
      `需要前17位，实际为${s.length}位 / need the first 17 characters, got ${s.length}`,
      { field: 'creditCode' },
    );
  }
  return checkCharOfSum(weightedSumOf(s, 'creditCode'));
}

/**
 * GB 11714-1997 §2.1.2: check character of the 8-character organisation code body.
 * Returns null when a body character is not alphanumeric.
 */
export function orgCodeCheckChar(body8: string): string | null {
  if (body8.length !== 8) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = ORG_CODE_CHARSET.indexOf(body8.charAt(i));
    const w = ORG_CODE_WEIGHTS[i];
    if (v < 0 || w === undefined) return null;
    sum += v * w;
  }
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

/**
 * Validates a unified social credit code (GB 32100-2015). Never throws for a bad code: the reasons are listed
 * in `errors`, each naming the position at fault.
 */
export function validateUscc(code: string): Traced<UsccValidation> {
  const input = code;
  const normalized = normalizeUscc(code);
  const errors: string[] = [];
  const warnings: string[] = [];
  const notes: string[] = [];

  if (normalized.length !== 18) {
    errors.push(
      `长度应为18位，实际为${normalized.length}位 / length must be 18 characters, got ${normalized.length}`,
    );
  }
  // Expected check character: whenever the first 17 characters are all in the charset.
  let weightedSum: number | null = null;
  let expectedCheck: string | null = null;
  const head = normalized.slice(0, 17);
  if (head.length === 17 && [...head].every((ch) => USCC_CHARSET.includes(ch))) {
    weightedSum = weightedSumOf(head, 'creditCode');
    expectedCheck = checkCharOfSum(weightedSum);
    notes.push(
      `Σ Ci×Wi = ${weightedSum}; MOD(${weightedSum}, 31) = ${weightedSum % 31}; C18 = 31 − ${weightedSum % 31} → “${expectedCheck}”`,
    );
  }
  for (let i = 0; i < normalized.length; i++) {
    const ch = normalized.charAt(i);
    if (USCC_CHARSET.indexOf(ch) < 0) {
      const hint =
        i === 17 && expectedCheck !== null
          ? [`；校验码应为“${expectedCheck}”`, `; the check character should be "${expectedCheck}"`]
          : ['', ''];
      errors.push(
        `第${i + 1}位字符“${ch}”不在代码字符集中（不使用I、O、Z、S、V）${hint[0]} / position ${i + 1}: "${ch}" is not in the code character set (I, O, Z, S, V are not used)${hint[1]}`,
      );
    } else if (i >= 2 && i <= 7 && (ch < '0' || ch > '9')) {
      errors.push(
        `第${i + 1}位“${ch}”应为数字（第3–8位为登记管理机关行政区划码） / position ${i + 1}: "${ch}" must be a digit (positions 3–8 are the administrative division code)`,
      );
    }
  }

  if (normalized.length === 18 && expectedCheck !== null) {
    const actual = normalized.charAt(17);
    if (USCC_CHARSET.includes(actual) && actual !== expectedCheck) {
      errors.push(
        `第18位校验码应为“${expectedCheck}”，实际为“${actual}” / position 18: check character should be "${expectedCheck}", got "${actual}"`,
      );
    }
  }

  let parts: UsccParts | null = null;
  if (normalized.length === 18) {
    const authority = normalized.charAt(0);
    const orgType = normalized.charAt(1);
    const auth = USCC_AUTHORITIES[authority];
    const orgTypeName = auth?.orgTypes[orgType] ?? null;
    parts = {
      authority,
      authorityName: auth?.name ?? null,
      orgType,
      orgTypeName,
      division: normalized.slice(2, 8),
      orgCode: normalized.slice(8, 17),
    };
    if (!auth) {
      warnings.push(
        `第1位登记管理部门代码“${authority}”不在已知列表中 / position 1: registration authority "${authority}" is not in the known list`,
      );
    } else if (orgTypeName === null) {
      warnings.push(
        `第2位机构类别代码“${orgType}”不属于登记管理部门“${auth.name}” / position 2: organisation type "${orgType}" is not listed for authority ${authority}`,
      );
    }
    // GB 11714 check of positions 9–17. Reported as a warning: GB 32100 validity rests on the 18th character.
    const orgCheck = orgCodeCheckChar(parts.orgCode.slice(0, 8));
    const actualOrgCheck = parts.orgCode.charAt(8);
    if (orgCheck !== null && orgCheck !== actualOrgCheck) {
      warnings.push(
        `第17位（组织机构代码校验码, GB 11714）应为“${orgCheck}”，实际为“${actualOrgCheck}” / position 17: the organisation-code check character (GB 11714) should be "${orgCheck}", got "${actualOrgCheck}"`,
      );
    }
  }

  const valid = errors.length === 0;
  const breakdown: Omit<Breakdown, 'result'> = {
    label: '统一社会信用代码校验 / unified social credit code check',
    formula: 'C18 = 31 − MOD(Σ_{i=1..17} Ci × Wi, 31), Wi = MOD(3^(i−1), 31); 31 → 0',
    clause: SRC_GB32100,
    inputs: [{ name: 'creditCode', value: input }],
    factors: WEIGHT_FACTORS,
    ...(notes.length + errors.length + warnings.length > 0
      ? { notes: [...notes, ...errors, ...warnings] }
      : {}),
  };
  return traced(
    { input, valid, normalized, parts, expectedCheck, weightedSum, errors, warnings },
    {
      ...breakdown,
      result: valid,
    },
  );
}

/**
 * Parses a code that must be valid.
 * @throws CpError VALIDATION (field `creditCode`) with the first reason when it is not.
 */
export function parseUscc(code: string): UsccValidation & { parts: UsccParts } {
  const r = validateUscc(code).value;
  if (!r.valid || r.parts === null) {
    const issues = r.errors.map((message) => ({ field: 'creditCode', message }));
    throw new CpError('VALIDATION', `统一社会信用代码无效 / invalid credit code: ${r.errors[0] ?? ''}`, {
      field: 'creditCode',
      issues,
    });
  }
  return { ...r, parts: r.parts };
}

/** `cpaudit uscc`: `{ code }` or `{ codes: [...] }`. */
export const usccInputSchema = z.union([
  z.strictObject({ code: z.string() }),
  z.strictObject({ codes: z.array(z.string()).min(1).max(100_000) }),
]);
export type UsccInput = z.infer<typeof usccInputSchema>;

export interface UsccBatch {
  results: UsccValidation[];
  validCount: number;
  invalidCount: number;
}

/** Validates one code or a list; each code's explanation is a step of the breakdown. */
export function usccFromJson(json: unknown): Traced<UsccBatch> {
  const input = parseInput(usccInputSchema, json, 'uscc input');
  const codes = 'code' in input ? [input.code] : input.codes;
  const results: UsccValidation[] = [];
  const steps: Breakdown[] = [];
  let validCount = 0;
  for (const c of codes) {
    const r = validateUscc(c);
    results.push(r.value);
    steps.push(r.breakdown);
    if (r.value.valid) validCount++;
  }
  return traced(
    { results, validCount, invalidCount: results.length - validCount },
    {
      label: '统一社会信用代码校验 / credit code check',
      clause: SRC_GB32100,
      inputs: [{ name: 'count', value: codes.length }],
      factors: WEIGHT_FACTORS,
      result: `${validCount}/${results.length} valid`,
      steps,
    },
  );
}

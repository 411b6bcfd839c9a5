/**
 * The composite evaluation method of the industry 清洁生产评价指标体系 (2013 《清洁生产评价指标体系编制通则》
 * （试行稿） style), as data: membership score, rating thresholds and level names, each with its source.
 *
 * Shared domain facts §4.1 grade the formula shape (5-1/5-2/5-3) and the three thresholds CODE-ONLY: they were
 * read in a public PCB audit implementation quoting "公式5-1/5-2/5-3", not on an official page. The level names
 * below are the ones the project adopts (facts §4.1 lists the variants seen on pages: some systems print 基本水平).
 */
import type { FactorRef, Source } from '../trace.ts';
import type { EvalLevel } from './schema.ts';

export const SRC_YGK_2013: Source = {
  document: '《清洁生产评价指标体系编制通则》（试行稿，2013）综合评价方法',
  clause: '公式5-1（隶属函数）、5-2（综合评价指数）、5-3（权重归一化）；等级判定',
  status: 'code-only',
  note: 'Formula shape and thresholds seen in public code of a PCB audit implementation quoting 公式5-1/5-2/5-3; not yet checked against the original text (shared facts §4.1).',
};

/** Y_gk(x) when x belongs to level k (formula 5-1); 0 otherwise. */
export const YGK_MEMBERSHIP_SCORE: FactorRef = {
  id: 'ygk-2013.membership',
  name: '隶属函数 Y_gk(x_ij) 取值（属于该级时）',
  value: 100,
  unit: '1',
  source: SRC_YGK_2013,
};

/** Ⅰ级: Y_Ⅰ ≥ 85 and every 限定性指标 at Ⅰ. */
export const YGK_THRESHOLD_I: FactorRef = {
  id: 'ygk-2013.threshold.I',
  name: 'Ⅰ级判定：Y_Ⅰ 不低于',
  value: 85,
  unit: '1',
  source: SRC_YGK_2013,
};

/** Ⅱ级: Y_Ⅱ ≥ 85 and every 限定性指标 at Ⅱ or better. */
export const YGK_THRESHOLD_II: FactorRef = {
  id: 'ygk-2013.threshold.II',
  name: 'Ⅱ级判定：Y_Ⅱ 不低于',
  value: 85,
  unit: '1',
  source: SRC_YGK_2013,
};

/** Ⅲ级: Y_Ⅲ = 100 (every applicable indicator at Ⅲ or better). */
export const YGK_THRESHOLD_III: FactorRef = {
  id: 'ygk-2013.threshold.III',
  name: 'Ⅲ级判定：Y_Ⅲ 等于',
  value: 100,
  unit: '1',
  source: SRC_YGK_2013,
};

/** Floating tolerance of the threshold comparisons (Σ of products of decimal weights is not exact in binary). */
export const YGK_TOLERANCE = 1e-9;

/** Default level names (a system may print its own, see `IndicatorSystem.levelNames`). */
export const DEFAULT_LEVEL_NAMES: Readonly<Record<EvalLevel, string>> = {
  I: '国际清洁生产领先水平',
  II: '国内清洁生产先进水平',
  III: '国内清洁生产一般水平',
};

export const NOT_RATED_NAME = '未评级（未达到Ⅲ级要求，不达标）';

/**
 * Sources and default parameters of the data checks (数据核查), as data.
 */
import { SRC_JS_GUIDELINE } from '../reference/source.ts';
import type { FactorRef, Source } from '../trace.ts';

/** 7.2.1.2: the site survey targets data that is incomplete or logically doubtful (信息不完整、逻辑存疑). */
export const SRC_DATA_CHECKS: Source = SRC_JS_GUIDELINE(
  '7.2.1.2 现场调查（信息不完整、逻辑存疑）；7.2.1.3 现状分析评价',
);

/** Iglewicz & Hoaglin's modified z-score. */
export const SRC_MODIFIED_Z_SCORE: Source = {
  document:
    'Iglewicz, B.; Hoaglin, D. C. (1993) How to Detect and Handle Outliers. ASQC Basic References in Quality Control: Statistical Techniques, vol. 16',
  clause: '修正Z分数 M_i = 0.6745 (x_i − x̃) / MAD = (x_i − x̃) / (1.4826 · MAD)；|M_i| > 3.5 视为可能的离群值',
  url: 'https://stats.stackexchange.com/q/339932',
  status: 'verified-page',
  note: 'The page shows the formula with 0.6745 and the 3.5 threshold, citing Iglewicz and Hoaglin; the NIST/SEMATECH e-Handbook of Statistical Methods §1.3.5.17 (https://www.itl.nist.gov/div898/handbook/eda/section3/eda35h.htm) is the usual reference. 1.4826 = 1/0.6745 makes the MAD estimate σ for normal data.',
};

/** Project defaults that the brief sets and the auditor may change. */
const SRC_CHECK_DEFAULTS: Source = {
  document: 'cpaudit 数据核查默认参数',
  status: 'unverified',
  note: 'Project defaults, configurable per run (options); not taken from a standard.',
};

/** MAD scale: σ ≈ 1.4826 · MAD for normal data. */
export const MAD_SCALE: FactorRef = {
  id: 'checks.mad-scale',
  name: 'MAD 比例常数（1/0.6745）',
  value: 1.4826,
  unit: '1',
  source: SRC_MODIFIED_Z_SCORE,
};

/** |modified z| above which an intensity is flagged. */
export const MODIFIED_Z_THRESHOLD: FactorRef = {
  id: 'checks.modified-z-threshold',
  name: '修正Z分数阈值',
  value: 3.5,
  unit: '1',
  source: SRC_MODIFIED_Z_SCORE,
};

/** Enterprises (including the one assessed) needed before a peer comparison is made. */
export const MIN_PEERS: FactorRef = {
  id: 'checks.min-peers',
  name: '同行比较最少企业数（含被评企业）',
  value: 5,
  unit: '个',
  source: SRC_CHECK_DEFAULTS,
};

/** Year-on-year factor: a value more than ×2 or less than ÷2 of the previous year is flagged. */
export const JUMP_FACTOR: FactorRef = {
  id: 'checks.jump-factor',
  name: '年际波动倍数阈值',
  value: 2,
  unit: '1',
  source: SRC_CHECK_DEFAULTS,
};

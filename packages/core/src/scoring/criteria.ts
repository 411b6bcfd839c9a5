/**
 * Criteria sets of the 权重总和计分排序法 (shared domain facts §5.2) and of the Jiangsu guideline 7.1.2.
 * Weights are user-editable: these are defaults, each set with the grade of its evidence.
 */
import { SRC_JS_GUIDELINE } from '../reference/source.ts';
import type { Source } from '../trace.ts';

export interface Criterion {
  id: string;
  name: string;
  /** W, any positive number (the manual uses 1–10). */
  weight: number;
}

export interface CriteriaSet {
  id: CriteriaSetId;
  name: string;
  criteria: readonly Criterion[];
  source: Source;
}

export type CriteriaSetId = 'audit-focus' | 'option-screening' | 'candidate-enterprises';

/**
 * The method: each candidate gets R (1–10) per criterion, RW = R × W, total = Σ RW, ranked by total.
 * Its origin in 《企业清洁生产审核手册》 is on a page; the mechanics are code-only (facts §5.2).
 */
export const SRC_WEIGHTED_SUM: Source = {
  document: '《企业清洁生产审核手册》权重总和计分排序法',
  clause: 'RW = R × W；总分 = Σ RW；按总分排序（R 取 1–10）',
  url: 'https://fx361.cc/page/2021/0823/10864158.shtml',
  status: 'code-only',
  note:
    'The page verifies that the manual recommends the method for 方案研选 (and criticises its subjectivity); ' +
    'the R 1–10, RW and Σ RW mechanics were seen only in public code.',
};

/** Score scale R of the method (facts §5.2: R of 1–10). */
export const WEIGHTED_SUM_SCORE_MIN = 1;
export const WEIGHTED_SUM_SCORE_MAX = 10;

export const AUDIT_FOCUS_CRITERIA: CriteriaSet = {
  id: 'audit-focus',
  name: '确定审核重点',
  criteria: [
    { id: 'waste-quantity', name: '废物量', weight: 10 },
    { id: 'consumption', name: '主要消耗（原辅料、水、能源）', weight: 8 },
    { id: 'environmental-cost', name: '环境代价', weight: 9 },
    { id: 'waste-toxicity', name: '废物毒性', weight: 8 },
    { id: 'cp-potential', name: '清洁生产潜力', weight: 5 },
    { id: 'workshop-motivation', name: '车间积极性', weight: 2 },
  ],
  source: {
    document: '《企业清洁生产审核手册》权重总和计分排序法：审核重点的确定',
    clause: '典型权重',
    status: 'unverified',
    note:
      'Recollection without a public source (facts §5.2): 废物量 10; 主要消耗 7–9; 环境代价 8–10; 废物毒性 7–9; ' +
      '清洁生产潜力 4–6; 车间积极性 1–3 (optionally 发展前景). cpaudit uses 10/8/9/8/5/2. Check before relying on them.',
  },
};

export const OPTION_SCREENING_CRITERIA: CriteriaSet = {
  id: 'option-screening',
  name: '方案筛选',
  criteria: [
    { id: 'environmental-effect', name: '环境效果', weight: 9 },
    { id: 'technical-feasibility', name: '技术可行性', weight: 7 },
    { id: 'economic-feasibility', name: '经济可行性', weight: 7 },
    { id: 'implementability', name: '可实施性（对生产和产品质量的影响）', weight: 5 },
  ],
  source: {
    document: '《企业清洁生产审核手册》权重总和计分排序法：方案筛选',
    clause: '典型权重',
    status: 'unverified',
    note:
      'Recollection without a public source (facts §5.2): 环境效果 about 8–10, 技术/经济可行性 about 6–8, ' +
      '可实施性 about 4–6. cpaudit uses 9/7/7/5. Check before relying on them.',
  },
};

export const CANDIDATE_ENTERPRISE_CRITERIA: CriteriaSet = {
  id: 'candidate-enterprises',
  name: '确定审核企业名单',
  criteria: [
    { id: 'impact', name: '环境影响突出', weight: 1 },
    { id: 'governance', name: '关键环境治理需求导向', weight: 1 },
    { id: 'feasibility', name: '可行性', weight: 1 },
    { id: 'representativeness', name: '代表性', weight: 1 },
  ],
  source: {
    ...SRC_JS_GUIDELINE('7.1.2 a)–d) 确定审核企业名单'),
    note: 'The four principles are the seed text; the guideline gives no weights: equal weights are cpaudit’s neutral default.',
  },
};

export const CRITERIA_SETS: Readonly<Record<CriteriaSetId, CriteriaSet>> = {
  'audit-focus': AUDIT_FOCUS_CRITERIA,
  'option-screening': OPTION_SCREENING_CRITERIA,
  'candidate-enterprises': CANDIDATE_ENTERPRISE_CRITERIA,
};

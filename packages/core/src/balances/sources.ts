/**
 * Sources of the balance definitions (guideline 7.2.4.3 names the methods 物料平衡、能量平衡、水平衡 but does not
 * define the ratios). Each says how well it is evidenced.
 */
import { SRC_JS_GUIDELINE } from '../reference/source.ts';
import type { Source } from '../trace.ts';

/** The guideline clause that calls for balances as a diagnosis method. */
export const SRC_BALANCE_METHOD: Source = SRC_JS_GUIDELINE('7.2.4.3 诊断方法（物料平衡、能量平衡、水平衡）');

/** Closure error of a balance: (Σ inputs − Σ outputs) / Σ inputs × 100 %. */
export const SRC_BALANCE_CLOSURE: Source = {
  document: 'cpaudit 平衡闭合误差定义',
  clause: '闭合误差 = (Σ输入 − Σ输出) / Σ输入 × 100%；输出 = 产品 + 副产品 + 有效利用 + 损耗 + 排放 + 废物',
  status: 'unverified',
  note: 'The usual audit-practice definition, adopted by this project; no standard clause checked. The tolerance is set by the auditor per balance.',
};

/** 重复利用率 = V_r / (V_r + V_f) × 100 %: the formula is shown on a page; the standard clause is not verified. */
export const SRC_WATER_REUSE_RATE: Source = {
  document: '工业用水重复利用率（通用定义）',
  clause: 'η = W重 / W × 100%，W 为总用水量 = 重复利用水量 + 取水量（新鲜水量）',
  url: 'https://www.stampinkub.com/zh/industry_463114',
  status: 'verified-page',
  note: 'GB/T 7119-2018《节水型企业评价导则》 and GB/T 21534《工业用水节水 术语》 use the same definition as far as recalled; clause numbers not verified against the standards.',
};

/** 新鲜水占比 = V_f / (V_r + V_f) × 100 % = 100 − 重复利用率 (share of fresh water in the total water use). */
export const SRC_WATER_FRESH_SHARE: Source = {
  document: 'cpaudit 水平衡定义',
  clause: '新鲜水占比 = 取水量 / 总用水量 × 100%（= 100% − 重复利用率）',
  status: 'unverified',
  note: 'Follows from the reuse-rate definition above; the name is this project’s.',
};

/** 排水率 = Σ 外排水量 / 取水量 × 100 %. */
export const SRC_WATER_DISCHARGE_RATE: Source = {
  document: 'cpaudit 水平衡定义',
  clause: '排水率 = 外排水量 / 取水量 × 100%',
  status: 'unverified',
  note: 'GB/T 7119 defines 排水率 the same way as far as recalled (not verified).',
};

/** 损耗率 = Σ 损耗水量 / 取水量 × 100 %. */
export const SRC_WATER_LOSS_RATE: Source = {
  document: 'cpaudit 水平衡定义',
  clause: '损耗率 = 损耗水量（蒸发、漏失、产品带走以外的消耗）/ 取水量 × 100%',
  status: 'unverified',
  note: 'This project’s definition; the loss flows are the ones the auditor classes as category "loss".',
};

/** 能量利用率 = 有效利用能量 / 供给能量 × 100 %. */
export const SRC_ENERGY_EFFICIENCY: Source = {
  document: 'GB/T 3484《企业能量平衡通则》（能量利用率）',
  clause: '能量利用率 = 有效利用能量 / 供给能量 × 100%',
  status: 'unverified',
  note: 'Recollection of the standard’s definition; clause not verified.',
};

/** 产品收率 (material balance) = Σ 产品 / Σ 输入 × 100 %. */
export const SRC_MATERIAL_YIELD: Source = {
  document: 'cpaudit 物料平衡定义',
  clause: '产品收率 = 产品量 / 输入物料量 × 100%',
  status: 'unverified',
  note: 'This project’s definition (mass basis, same unit for all flows).',
};

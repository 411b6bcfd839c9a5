/**
 * A cleaner-production option (清洁生产方案) as the aggregation tables see it: its type, cost, status and benefits.
 * Types follow Appendix B table 6.1 of the Jiangsu guideline; categories follow note 9 of the Guangdong form.
 */
import { z } from 'zod';

/** 附录B 表6.1 注：方案类型包括原辅料替代、工艺设备改造、过程控制、节能、资源综合利用、末端治理、管理及人员. */
export const OPTION_TYPES = [
  'raw-material-substitution',
  'process-equipment',
  'process-control',
  'energy-saving',
  'resource-reuse',
  'end-of-pipe',
  'management-staff',
] as const;
export type OptionType = (typeof OPTION_TYPES)[number];

export const OPTION_TYPE_ZH: Readonly<Record<OptionType, string>> = {
  'raw-material-substitution': '原辅料替代',
  'process-equipment': '工艺设备改造',
  'process-control': '过程控制',
  'energy-saving': '节能',
  'resource-reuse': '资源综合利用',
  'end-of-pipe': '末端治理',
  'management-staff': '管理及人员',
};

/** 广东绩效表 注9：方案类别分为原辅材料和能源、技术工艺、设备、过程控制、产品、废弃物、管理、员工. */
export const GD_CATEGORIES = [
  'raw-materials-energy',
  'technology',
  'equipment',
  'process-control',
  'product',
  'waste',
  'management',
  'staff',
] as const;
export type GdCategory = (typeof GD_CATEGORIES)[number];

export const GD_CATEGORY_ZH: Readonly<Record<GdCategory, string>> = {
  'raw-materials-energy': '原辅材料和能源',
  technology: '技术工艺',
  equipment: '设备',
  'process-control': '过程控制',
  product: '产品',
  waste: '废弃物',
  management: '管理',
  staff: '员工',
};

export const OPTION_STATUSES = [
  'proposed',
  'screened',
  'feasible',
  'rejected',
  'implementing',
  'implemented',
  'verified',
] as const;
export type OptionStatus = (typeof OPTION_STATUSES)[number];

export const OPTION_STATUS_ZH: Readonly<Record<OptionStatus, string>> = {
  proposed: '已提出',
  screened: '已筛选',
  feasible: '可行',
  rejected: '不可行/已否决',
  implementing: '实施中',
  implemented: '已实施',
  verified: '已核实',
};

/** 无/低费 vs 中/高费. */
export const COST_CLASSES = ['no-low', 'mid-high'] as const;
export type CostClass = (typeof COST_CLASSES)[number];

/** Pollutant reductions (环境效益): each a quantity per year. */
export const POLLUTANT_ITEMS = [
  'wastewater',
  'waste-gas',
  'general-solid-waste',
  'hazardous-waste',
  'cod',
  'nh3n',
  'tp',
  'tn',
  'so2',
  'nox',
  'class-i-pollutants',
  'particulates',
  'vocs',
  'co2',
  'other-pollutant',
] as const;
export type PollutantItem = (typeof POLLUTANT_ITEMS)[number];

/** Resource and energy savings (资源能源节约): each a quantity per year. */
export const SAVING_ITEMS = [
  'water',
  'electricity',
  'coal',
  'oil',
  'natural-gas',
  'steam',
  'comprehensive-energy',
  'other-resource',
] as const;
export type SavingItem = (typeof SAVING_ITEMS)[number];

export const BENEFIT_ITEMS = [...POLLUTANT_ITEMS, ...SAVING_ITEMS] as const;
export type BenefitItem = PollutantItem | SavingItem;

export const BENEFIT_ITEM_ZH: Readonly<Record<BenefitItem, string>> = {
  wastewater: '废水',
  'waste-gas': '废气',
  'general-solid-waste': '一般工业固废',
  'hazardous-waste': '危险废物',
  cod: 'COD',
  nh3n: '氨氮',
  tp: '总磷',
  tn: '总氮',
  so2: 'SO2',
  nox: 'NOx',
  'class-i-pollutants': '第一类污染物',
  particulates: '颗粒物',
  vocs: 'VOCs',
  co2: 'CO2',
  'other-pollutant': '其他污染物',
  water: '水',
  electricity: '电',
  coal: '煤',
  oil: '油',
  'natural-gas': '天然气',
  steam: '蒸汽',
  'comprehensive-energy': '综合能耗',
  'other-resource': '其他资源',
};

/**
 * One benefit of an option: a quantity per year (`t/a`, `万kWh/a`, `m3/a`, …). A unit without `/a` is read as
 * per year, since every benefit line is annual. `name` names an `other-pollutant` / `other-resource`.
 */
export interface BenefitLine {
  item: BenefitItem;
  quantity: number;
  unit: string;
  name?: string;
}

export interface CpOption {
  id: string;
  name: string;
  /** 行业层面 / 企业层面 方案 (guideline 7.3.1). */
  scope: 'industry' | 'enterprise';
  enterpriseId?: string;
  type: OptionType;
  gdCategory?: GdCategory;
  /** 重点方案. */
  isKey: boolean;
  status: OptionStatus;
  /** Overrides the classification by investment threshold. */
  costClass?: CostClass;
  /** Planned investment (万元). */
  investment_wanYuan: number;
  actualInvestment_wanYuan?: number;
  economicBenefit_wanYuanPerYear?: number;
  actualEconomicBenefit_wanYuanPerYear?: number;
  /** Expected benefits. */
  benefits: BenefitLine[];
  /** Measured benefits after implementation. */
  actualBenefits?: BenefitLine[];
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const benefitLineSchema = z
  .strictObject({
    item: z.enum(BENEFIT_ITEMS),
    quantity: finite,
    unit: z.string().min(1),
    name: z.string().min(1).optional(),
  })
  .refine((b) => (b.item !== 'other-pollutant' && b.item !== 'other-resource') || b.name !== undefined, {
    message: 'an other-pollutant / other-resource line needs a name',
    path: ['name'],
  });

export const optionInputSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  scope: z.enum(['industry', 'enterprise']),
  enterpriseId: z.string().min(1).optional(),
  type: z.enum(OPTION_TYPES),
  gdCategory: z.enum(GD_CATEGORIES).optional(),
  isKey: z.boolean(),
  status: z.enum(OPTION_STATUSES),
  costClass: z.enum(COST_CLASSES).optional(),
  investment_wanYuan: finite.min(0),
  actualInvestment_wanYuan: finite.min(0).optional(),
  economicBenefit_wanYuanPerYear: finite.optional(),
  actualEconomicBenefit_wanYuanPerYear: finite.optional(),
  benefits: z.array(benefitLineSchema),
  actualBenefits: z.array(benefitLineSchema).optional(),
}) satisfies z.ZodType<CpOption>;

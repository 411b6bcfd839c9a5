/**
 * What the Guangdong performance form (《广东省强制性清洁生产审核绩效表》, 附件1) is filled with, and the fixed text
 * of the official form: its title, labels, check-box choices and notes [1]–[16], copied from
 * `spec/guangdong-performance-form.zh.txt` (the official form, the source of truth).
 *
 * `GuangdongFormData` is already scoped and computed: the server fills it from the mandatory audit, its options
 * and the core's `aggregateGuangdongForm`; the renderers only lay it out and format the numbers.
 */
import type { GridFactor, GuangdongFormTotals } from '@cpaudit/core';

/** 环境监管重点单位 types (note 5); the same values as the contract's `MANDATORY_KEY_MONITORING_TYPES`. */
export type GdKeyMonitoringType = 'water' | 'groundwater' | 'air' | 'noise' | 'soil' | 'environmental_risk';
/** 排污许可管理类别 (note 6). */
export type GdPermitClass = 'key' | 'simplified' | 'registration';
/** 审核方式. */
export type GdAuditMethod = 'regular' | 'simplified';
/** 纳入名单原因. */
export type GdListingReason = 'double_exceed' | 'double_toxic' | 'plans' | 'other';
/** 本轮清洁生产审核轮次. */
export type GdAuditRound = 'first' | 'second' | 'third' | 'beyond_third';
/** 方案类别 (note 9). */
export type GdOptionCategory =
  | 'raw_materials_energy'
  | 'technology'
  | 'equipment'
  | 'process_control'
  | 'product'
  | 'waste'
  | 'management'
  | 'staff';

export interface GdFormProduct {
  name: string;
  /** 年产量 of the data year (note 7: 上年度), in `unit`; null when not reported. */
  output: number | null;
  unit: string | null;
}

/** A row of 本轮清洁生产重点方案简介 (the key options, 重点方案). */
export interface GdFormKeyOption {
  name: string;
  category: GdOptionCategory | null;
  /** 方案要点 (note 10, at most 100 characters). */
  keyPoints: string | null;
  /** 环境效益 and 经济效益 as written for the form (words and figures with their units). */
  environmentalBenefit: string | null;
  economicBenefit: string | null;
  /** 实际投入 (万元). */
  investmentActual_wanYuan: number | null;
}

/** A row of 本轮清洁生产目标完成情况 (note 11). */
export interface GdFormTarget {
  indicator: string;
  unit: string;
  before: number | null;
  after: number | null;
  nearTermTarget: number | null;
}

export interface GdFormCpLevelSide {
  /** 综合评价指数 (0–100). */
  index: number | null;
  /** 清洁生产等级, e.g. `Ⅰ级`. */
  grade: string | null;
}

export interface GuangdongFormData {
  // 企业基本情况
  enterpriseName: string;
  address: string | null;
  /** 行业代码及类别 (note 1): the enterprise's GB/T 4754-2017 code and its 中类 (code and name). */
  industryCode: string;
  industryGroup: { code: string; name: string } | null;
  /** The year of 年工业总产值, 年工业增加值 and 主要产品及年产量 (notes 2, 3, 7: 上年度). */
  dataYear: number;
  grossOutput_wanYuan: number | null;
  valueAdded_wanYuan: number | null;
  inIndustrialPark: boolean;
  industrialParkName: string | null;
  keyMonitoringUnit: boolean;
  keyMonitoringTypes: readonly GdKeyMonitoringType[];
  permitClass: GdPermitClass | null;
  auditMethod: GdAuditMethod;
  listingReasons: readonly GdListingReason[];
  listingReasonOther: string | null;
  round: GdAuditRound;
  lastAcceptanceYear: number | null;
  lastAcceptanceMonth: number | null;
  cpLeadName: string | null;
  cpLeadPhone: string | null;
  consultingFirmName: string | null;
  consultantContactName: string | null;
  consultantContactPhone: string | null;
  /** ISO dates (yyyy-mm-dd). */
  startedOn: string | null;
  finishedOn: string | null;
  trainingEvents: number | null;
  trainingAttendance: number | null;
  products: readonly GdFormProduct[];
  /** 本轮审核重点 (note 8). */
  auditFocus: string | null;
  keyOptions: readonly GdFormKeyOption[];
  targets: readonly GdFormTarget[];
  /** 方案汇总, 环境效益汇总, 资源能源节约与经济效益汇总: the core's `aggregateGuangdongForm` result. */
  totals: GuangdongFormTotals;
  /** The grid factor the core used for 节电的碳减排量 (note 13), with its source. */
  gridFactor: GridFactor;
  /** 清洁生产水平评价: for industries with a published indicator system, before/after; otherwise (note 16) text. */
  cpLevel: {
    before: GdFormCpLevelSide | null;
    after: GdFormCpLevelSide | null;
    remark: string | null;
    description: string | null;
  };
  filledByName: string | null;
  /** ISO date. */
  filledOn: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// The fixed text of the official form (spec/guangdong-performance-form.zh.txt).

export const GD_FORM_ANNEX = '附件1';
export const GD_FORM_TITLE = '广东省强制性清洁生产审核绩效表';

export const GD_KEY_MONITORING_CHOICES: readonly { value: GdKeyMonitoringType; label: string }[] = [
  { value: 'water', label: '水环境重点排污单位' },
  { value: 'groundwater', label: '地下水污染防治重点排污单位' },
  { value: 'air', label: '大气环境重点排污单位' },
  { value: 'noise', label: '噪声重点排污单位' },
  { value: 'soil', label: '土壤污染重点监管单位' },
  { value: 'environmental_risk', label: '环境风险重点管控单位' },
];

export const GD_PERMIT_CLASS_CHOICES: readonly { value: GdPermitClass; label: string }[] = [
  { value: 'key', label: '重点管理' },
  { value: 'simplified', label: '简化管理' },
  { value: 'registration', label: '登记管理' },
];

export const GD_AUDIT_METHOD_CHOICES: readonly { value: GdAuditMethod; label: string }[] = [
  { value: 'regular', label: '常规流程清洁生产审核' },
  { value: 'simplified', label: '简易流程清洁生产审核' },
];

export const GD_LISTING_REASON_CHOICES: readonly { value: GdListingReason; label: string }[] = [
  { value: 'double_exceed', label: '“双超”' },
  { value: 'double_toxic', label: '“双有”' },
  { value: 'plans', label: '纳入国家和地方相关规划及行动计划' },
  { value: 'other', label: '其他' },
];

export const GD_ROUND_CHOICES: readonly { value: GdAuditRound; label: string }[] = [
  { value: 'first', label: '首轮' },
  { value: 'second', label: '第二轮' },
  { value: 'third', label: '第三轮' },
  { value: 'beyond_third', label: '第三轮以上' },
];

/** Note 9: 原辅材料和能源、技术工艺、设备、过程控制、产品、废弃物、管理、员工. */
export const GD_OPTION_CATEGORY_LABELS: Readonly<Record<GdOptionCategory, string>> = {
  raw_materials_energy: '原辅材料和能源',
  technology: '技术工艺',
  equipment: '设备',
  process_control: '过程控制',
  product: '产品',
  waste: '废弃物',
  management: '管理',
  staff: '员工',
};

export const GD_CHECKED = '☑';
export const GD_UNCHECKED = '□';

/** The notes under the table, [1]–[16], as printed (note 13 with its four calculation methods). */
export const GD_FORM_NOTES: readonly string[] = [
  '[1] 按照《国民经济行业分类标准（GB/T 4754－2017）》（按第1号修改单修订）中的行业名称填写，原则上需填中类代码及其类别名称。后续国家对“分类标准”有更新的，从其规定。',
  '[2] 填写申请评估验收上年度工业总产值。',
  '[3] 填写申请评估验收上年度工业增加值。',
  '[4] 工业园区是指各级人民政府设立的工业园区、工业集聚区等。',
  '[5] 根据生态环境主管部门当年度公布的环境监管重点单位名录确定。',
  '[6] 根据《固定污染源排污许可分类管理名录》（2019年版）确定，后续国家对“管理名录”有更新的，从其规定。',
  '[7] 填写上年度主要产品及产量，根据企业生产情况增减表格行数。',
  '[8] 采用常规流程清洁生产审核方式的企业应填写。',
  '[9] 方案类别：分为原辅材料和能源、技术工艺、设备、过程控制、产品、废弃物、管理、员工等方面，根据企业方案情况增减表格行数。',
  '[10] 简要概括重点方案内容，至少包括实施原因、技术要点与实施内容等要点，字数限制100字。',
  '[11] 根据审核实际情况增减表格行数。',
  '[12] 根据企业实际情况填写污染物减排量，包括但不限于废水量、COD、氨氮、总磷、SO2、氮氧化物、烟粉尘、一般固体废物、危险废物、VOCs、二氧化碳等。',
  [
    '[13] 根据企业实际情况填写，包括但不限于节电、节煤、节油、节天然气、蒸汽等，节电、节煤、节油、节天然气还应折算其碳减排量，计算方法如下：',
    '节电的碳减排量计算方法：根据用电量乘以所在区域当年国家电网公布的排放因子系数（OM计算法）；',
    '节煤的碳减排量计算方法：标准煤的CO2排放因子可得29.3076 GJ/t × 94.6 kgCO2/GJ ÷ 1000 = 2.7725 tCO2/tce，我国各省份节约煤炭全部按照标准煤计算；',
    '节油的碳减排量计算方法：根据《综合能耗计算通则》GB/T 2589—2020中表A.1各种能源折标准煤系数（参考值）可以得知原油的平均低位发热值为41868 kJ/kg（10000 kcal/kg），折标准煤系数1.4286 kgce/kg，根据（节煤的碳减排量计算方法）标准煤折合二氧化碳排放量计算公式可得；',
    '节天然气的碳减排量：根据《综合能耗计算通则》GB/T 2589—2020中表A.1各种能源折标准煤系数（参考值）可以得知天然气的低位发热值为32238 kJ/m3～38979 kJ/m3（7700 kcal/m3～9310 kcal/m3），折标准煤系数1.1000 kgce/m3～1.3300 kgce /m3，根据节煤的碳减排量计算方法中标准煤折合二氧化碳排放量计算公式可得。',
  ].join('\n'),
  '[14] 碳减排总量为节电、节煤、节油和节天然气的碳减排量总和。',
  '[15] 经济效益是指节能降耗的经济效益与削减污染物排放的经济效益的加和。其中，节能降耗的经济效益以当年12月底的当地市场价计算；削减污染物排放的经济效益是指因开展清洁生产审核、实施清洁生产方案而减少的排污税、末端治理设施、材料及其运行费等。',
  '[16] 未发布清洁生产评价指标体系的行业，按照《附件4 广东省常规流程清洁生产审核报告编制技术指南（强制性审核）》《附件5 广东省简易流程强制性清洁生产审核技术指引（强制性审核）》中相关要求评价，并在表格中简要说明企业清洁生产水平及改进情况。',
];

export function checkbox(on: boolean, label: string): string {
  return `${on ? GD_CHECKED : GD_UNCHECKED}${label}`;
}

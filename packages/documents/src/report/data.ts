/**
 * What the industry audit report (Appendix B of the Jiangsu 《行业清洁生产审核技术指南》) is written from. The
 * server assembles it from the audit's records, with every figure already computed by the core (tables 7.2 and 7.3
 * are the core's `aggregateIndustryReport` result as `getAuditPerformance` returns it). The renderer only lays it
 * out and formats numbers for display.
 */
import type { Table72, Table73 } from '@cpaudit/core';

/** A titled narrative text (an analysis section of the audit), industry-level or about one enterprise. */
export interface ReportText {
  /** The enterprise a section is about; absent for industry-level text. */
  enterprise?: string;
  content: string;
}

export interface ReportEnterprise {
  name: string;
  uscc: string;
  /** 所在地区 (county or city name). */
  region: string;
  /** 从业人数 (人), when known. */
  employees: number | null;
  /** 主要产品及产能, as text (e.g. `镀锌件 120万m2/a`). */
  products: string;
  /** 入选 / 候选 / 未入选. */
  statusLabel: string;
  /** 数据收集状态, in words. */
  dataStatusLabel: string;
}

export interface ReportPanelMember {
  name: string;
  organization: string;
  position: string;
  /** 组长, 副组长, 成员, 技术专家, 秘书. */
  roleLabel: string;
  duties: string;
}

export interface ReportPhase {
  /** 审核准备阶段, 审核阶段, 方案产生和确定阶段, 方案实施阶段, 绩效评价和持续清洁生产阶段 (Appendix B 2.3). */
  label: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  workContent: string;
  responsible: string;
}

export interface ReportTraining {
  /** 宣传动员 / 专业培训. */
  kindLabel: string;
  title: string;
  heldOn: string;
  location: string;
  /** 参加人次 (the sum of the attendance headcounts, counted by the server). */
  attendance: number;
}

export interface ReportSurvey {
  enterprise: string;
  surveyedOn: string;
  surveyors: string;
  /** 调查内容 in words. */
  checked: string;
  findings: string;
}

export interface ReportFocus {
  orientationLabel: string;
  title: string;
  description: string;
  /** Weighted-sum score as stored (computed by the core at scoring time). */
  score: number | null;
  selected: boolean;
}

export interface ReportTarget {
  typeLabel: string;
  indicator: string;
  unit: string;
  baselineValue: number | null;
  baselineYear: number | null;
  nearTermValue: number;
  nearTermDue: string | null;
  longTermValue: number | null;
  longTermDue: string | null;
}

export interface ReportProblem {
  /** The enterprise of an individual problem (个性问题); null for a common one (共性问题). */
  enterprise: string | null;
  aspectLabel: string;
  title: string;
  description: string;
  /** 技术原因, 管理原因, 政策机制原因 (Appendix B 5.2). */
  causeTypeLabels: string[];
  cause: string;
  priority: number | null;
}

export interface ReportOption {
  /** 序号 (the option's code, or its position). */
  code: string;
  typeLabel: string;
  name: string;
  summary: string;
  /** 环境或资源能源效益, in words (the option's text, or its benefit lines listed by the server). */
  environmentalBenefit: string;
  /** 经济效益 (万元/a) as recorded (actual when implemented, else expected); null when not given. */
  economicBenefit_wanYuanPerYear: number | null;
  /** 投资费用 (万元) as recorded (actual when implemented, else planned); null when not given. */
  investment_wanYuan: number | null;
  responsibleUnit: string;
  enterprise: string | null;
  /** 无/低费 / 中/高费. */
  costClassLabel: string;
  statusLabel: string;
  implemented: boolean;
  implementedOn: string | null;
  /** Economic feasibility (facts §5.1) as computed by the core and stored with the option. */
  feasibility: {
    paybackYears: number | null;
    npv_wanYuan: number | null;
    /** Fractions: 0.0717 = 7.17 %. */
    irr: number | null;
    npvr: number | null;
  } | null;
}

/**
 * Photos embedded per option and kind (实施前, 实施后) in 9.x.1; the others are listed by name with a line saying
 * so (the originals stay on the platform). Appendix B asks for before/after comparison photos: a few of each make
 * the comparison; hundreds of pictures in one report would not be read.
 */
export const EMBEDDED_PHOTOS_PER_KIND = 3;

/** Content types embedded as pictures (others are listed). */
export const PICTURE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg']);

export interface ReportEvidenceFile {
  /** photo_before, photo_after, calculation, contract, invoice, test_report, operation_record, other. */
  kind: string;
  title: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
  /**
   * The bytes of a photo (PNG or JPEG; the server gives a downscaled copy), to embed; absent for documents and for
   * photos beyond `EMBEDDED_PHOTOS_PER_KIND`, which are listed.
   */
  bytes?: Uint8Array;
}

export interface ReportBenefitLine {
  label: string;
  quantity: number;
  unit: string;
  /** 预期 / 实际. */
  basisLabel: string;
}

export interface ReportOptionEvidence {
  code: string;
  name: string;
  enterprise: string | null;
  statusLabel: string;
  /** 9.1.2 方案实施绩效核算过程: the benefit lines recorded for the option. */
  benefits: ReportBenefitLine[];
  files: ReportEvidenceFile[];
}

export interface ReportPlanTask {
  categoryLabel: string;
  task: string;
  responsibleUnit: string;
  deadline: string;
  expectedResult: string;
  statusLabel: string;
}

/** 现状分析 (guideline 7.2.1.3, issue 8): compliance, exceedances, tax and the potential, as the server computed them. */
export interface ReportStatusAnalysis {
  year: number;
  counts: {
    enterprises: number;
    checked: number;
    withExceedances: number;
    doubleExceed: number;
    doubleToxic: number;
    highEnergy: number;
  };
  taxTotal_wanYuan: number;
  /** The document of the tax rates applied (e.g. 江苏省人大常委会公告第67号). */
  rateDocument: string | null;
  enterprises: {
    name: string;
    checks: number;
    exceedances: number;
    doubleExceed: boolean;
    quotaExceeded: boolean;
    doubleToxic: boolean;
    highEnergy: boolean;
    tax_wanYuan: number | null;
  }[];
  exceedances: {
    enterprise: string;
    pointName: string;
    /** 车间或生产设施排放口 / 企业总排放口. */
    pointLabel: string;
    pollutant: string;
    measured: number;
    converted: number;
    unit: string;
    limit: number | null;
    /** Standard, table and clause, e.g. `GB 21900-2008 表2（4.1.2、4.1.3）`. */
    basis: string;
  }[];
  potential: {
    systemName: string;
    levels: {
      /** Ⅱ级 / Ⅰ级. */
      levelLabel: string;
      indicators: { name: string; unit: string; saved: number; enterprisesWorse: number; rank: number }[];
      industry: {
        water_m3: number;
        energy_tce: number;
        co2_t: number;
        materials_t: number;
        total_wanYuan: number;
      };
      targets: {
        item: string;
        unit: string;
        current: number | null;
        reduction: number;
        percent: number | null;
      }[];
    }[];
  } | null;
  /** Why no potential was computed, or what it left out. */
  potentialNote: string | null;
}

export interface ReportData {
  /** 《常州市电镀行业清洁生产审核报告》 without the brackets: `常州市电镀行业清洁生产审核报告`. */
  title: string;
  /** The lead department (编制单位). */
  bureau: string;
  /** Date printed on the cover, `YYYY-MM-DD`. */
  date: string;
  audit: {
    name: string;
    region: string;
    industryName: string;
    industryCodes: string[];
    periodStart: string;
    periodEnd: string;
    statusLabel: string;
    scope: string;
    purpose: string;
  };
  /** 1 行业基本现状. */
  industryOverview: ReportText[];
  enterprises: ReportEnterprise[];
  /** 2.2 审核组织架构与职责分工. */
  panel: ReportPanelMember[];
  /** 2.3 审核阶段及进度安排, in Appendix B's order. */
  phases: ReportPhase[];
  trainings: ReportTraining[];
  /** 3.1 调查方法. */
  surveyMethods: ReportText[];
  surveys: ReportSurvey[];
  /** 3.2 行业基本情况 (industry status and the status analysis sections). */
  industryStatus: { heading: string; texts: ReportText[] }[];
  /** 4 审核重点和目标. */
  focuses: ReportFocus[];
  targets: ReportTarget[];
  /** 5.1 / 5.2. */
  problems: ReportProblem[];
  problemDistribution: ReportText[];
  /** 5.3 清洁生产潜力分析. */
  potential: ReportText[];
  /** 现状分析 of chapters 3–5 (compliance in 3.2, proposed targets in 4, the potential in 5.3); null: not computed. */
  statusAnalysis?: ReportStatusAnalysis | null;
  /** 6.1 (table 6.1) and 6.2. */
  options: ReportOption[];
  feasibility: ReportText[];
  /** 7.1 方案实施情况 narrative. */
  implementation: ReportText[];
  /** 7.2 / 7.3: the core's tables, as getAuditPerformance returns them. */
  performance: {
    noLowCostBelow_wanYuan: number;
    table72: Table72;
    table73: Table73;
    narrative: ReportText[];
    targetsNotAssessed: { indicator: string; reason: string }[];
  };
  /** 8 持续性清洁生产. */
  planTasks: ReportPlanTask[];
  /** 9 佐证材料, per option. */
  evidence: ReportOptionEvidence[];
}

export interface RenderReportOptions {
  /** Called as the report is written: `done` of `total` steps, with what is being written. */
  onProgress?(done: number, total: number, label: string): void;
}

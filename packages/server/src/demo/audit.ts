/**
 * The demo industry audit: 常州市电镀行业清洁生产审核 (Jiangsu guideline, five phases), in its implementation phase:
 * panel, enterprise list scored by the four principles (core `rankCandidateEnterprises`), work plan, trainings,
 * site surveys, status analysis, audit focus (core weighted-sum ranking), targets, common and individual problems,
 * 100+ options at every status with expected and actual benefits (CO2 by the core, 注13), screening scores (core),
 * economics of the 中/高费 options (core `optionEconomics`), expert reviews, evidence files, and the continuous plan.
 */
import {
  AUDIT_FOCUS_CRITERIA,
  type Breakdown,
  CANDIDATE_ENTERPRISE_CRITERIA,
  co2FromSavings,
  comprehensiveEnergy,
  ELECTROPLATING_2015,
  gridFactorRef,
  OPTION_SCREENING_CRITERIA,
  optionEconomics,
  type RankedCandidate,
  rankByWeightedSum,
  rankCandidateEnterprises,
  SRC_JS_GUIDELINE,
} from '@cpaudit/core';
import type {
  auditAnalysisSections,
  auditEnterprises,
  auditFocuses,
  auditPanelMembers,
  auditPhases,
  auditProblems,
  auditReferenceSnapshots,
  auditTargetEnterprises,
  auditTargets,
  auditTrainingAttendance,
  auditTrainings,
  cpOptions,
  cpPlanTasks,
  expertAssignments,
  industryAudits,
  optionBenefits,
  optionEvidence,
  optionProblems,
  optionReviews,
  siteSurveys,
} from '../db/index.ts';
import { type AnnualRows, gridFactorFor, PLANTED_ANOMALIES, type YearFigures } from './annual.ts';
import { linePhoto, reportPdf } from './images.ts';
import { type DemoOrgs, type PlatingEnterprise, type Row, userId } from './orgs.ts';
import type { Rng } from './prng.ts';

/**
 * Prices used to turn the demo's savings into 万元/年 (synthetic assumptions of the demo, not reference data:
 * the Guangdong form, note 15, asks for the local market price of December of the year).
 */
export const DEMO_PRICES = {
  water_yuanPerT: 4.6,
  electricity_yuanPerKWh: 0.72,
  gas_yuanPerM3: 3.9,
  nickel_yuanPerT: 130_000,
  sludge_yuanPerT: 3_500,
} as const;

/** An evidence file to store, with its row (storage fields are filled by the loader). */
export interface DemoEvidence {
  row: Omit<Row<typeof optionEvidence>, 'storageKey' | 'sha256' | 'sizeBytes'>;
  bytes: Buffer;
}

export interface AuditRows {
  audit: Row<typeof industryAudits>;
  phases: Row<typeof auditPhases>[];
  panel: Row<typeof auditPanelMembers>[];
  enterprises: Row<typeof auditEnterprises>[];
  trainings: Row<typeof auditTrainings>[];
  attendance: Row<typeof auditTrainingAttendance>[];
  surveys: Row<typeof siteSurveys>[];
  sections: Row<typeof auditAnalysisSections>[];
  focuses: Row<typeof auditFocuses>[];
  targets: Row<typeof auditTargets>[];
  targetEnterprises: Row<typeof auditTargetEnterprises>[];
  problems: Row<typeof auditProblems>[];
  options: Row<typeof cpOptions>[];
  optionProblems: Row<typeof optionProblems>[];
  benefits: Row<typeof optionBenefits>[];
  reviews: Row<typeof optionReviews>[];
  evidence: DemoEvidence[];
  assignments: Row<typeof expertAssignments>[];
  planTasks: Row<typeof cpPlanTasks>[];
  snapshots: Row<typeof auditReferenceSnapshots>[];
}

type OptionStatus = NonNullable<Row<typeof cpOptions>['status']>;

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function day(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function rankingBreakdown(
  label: string,
  c: { total: number; terms: RankedCandidate['terms'] },
  notes: string[],
): Breakdown {
  return {
    label,
    formula: '总分 = Σ W × R',
    clause: SRC_JS_GUIDELINE('7.1.2 / 7.2.2 / 7.3.2 权重总和计分排序法'),
    inputs: c.terms.map((t) => ({ name: `${t.criterion}（W=${t.weight}）`, value: t.score })),
    factors: [],
    result: c.total,
    notes,
  };
}

/** Benefit items of an option per unit of the enterprise's figures. */
interface Effect {
  water?: number;
  electricity?: number;
  gas?: number;
  cod?: number;
  nickel?: number;
  sludge?: number;
}

interface OptionTemplate {
  key: string;
  name: string;
  summary: string;
  keyPoints: string;
  optionType: NonNullable<Row<typeof cpOptions>['optionType']>;
  gdCategory: NonNullable<Row<typeof cpOptions>['gdCategory']>;
  performanceClass: NonNullable<Row<typeof cpOptions>['performanceClass']>;
  approach?: NonNullable<Row<typeof cpOptions>['industryApproach']>;
  /** Investment range per enterprise (万元). */
  investment: readonly [number, number];
  /** Shares saved of the enterprise's yearly figures. */
  effect: Effect;
  /** Problem keys it answers. */
  problems: readonly string[];
  /** Metals the enterprise must use for the option to apply. */
  needs?: readonly string[];
}

const INDUSTRY_OPTIONS: readonly OptionTemplate[] = [
  {
    key: 'counterflow',
    name: '多级逆流漂洗改造',
    summary: '将单槽清洗改为三级逆流漂洗并加装喷淋，减少漂洗用水和含重金属废水。',
    keyPoints: '单槽清洗耗水大；改三级逆流漂洗+喷淋，配用水计量，漂洗水量降低约25%。',
    optionType: 'process_equipment_retrofit',
    gdCategory: 'technology',
    performanceClass: 'process_innovation',
    approach: 'technology_promotion',
    investment: [12, 28],
    effect: { water: 0.22, cod: 0.12 },
    problems: ['rinse'],
  },
  {
    key: 'nickel-recovery',
    name: '镀镍回收槽及离子交换回收',
    summary: '在镀镍线增设回收槽和离子交换柱，回收带出镍液，降低镍耗和含镍废水。',
    keyPoints: '镀镍带出损失大；增设回收槽+离子交换回收镍，镍利用率提高，含镍废水减少。',
    optionType: 'resource_reuse',
    gdCategory: 'equipment',
    performanceClass: 'process_innovation',
    approach: 'technology_promotion',
    investment: [18, 40],
    effect: { nickel: 0.08, water: 0.05 },
    problems: ['dragout', 'rinse'],
    needs: ['nickel'],
  },
  {
    key: 'trivalent',
    name: '三价铬钝化替代六价铬钝化',
    summary: '民用镀锌件改用三价铬钝化，从源头消除六价铬。',
    keyPoints: '六价铬钝化毒性高；改用三价铬钝化液，调整工艺参数，源头削减六价铬。',
    optionType: 'raw_material_substitution',
    gdCategory: 'raw_materials_energy',
    performanceClass: 'source_substitution',
    approach: 'technology_promotion',
    investment: [3, 8],
    effect: { sludge: 0.05 },
    problems: ['toxic'],
    needs: ['zinc'],
  },
  {
    key: 'rectifier',
    name: '高频开关电源替代可控硅整流器',
    summary: '以高频开关电源替代老旧可控硅整流器，提高整流效率。',
    keyPoints: '可控硅整流效率低；更换高频开关电源，整流效率由约75%提高到90%以上，节电约12%。',
    optionType: 'energy_saving',
    gdCategory: 'equipment',
    performanceClass: 'process_innovation',
    approach: 'technology_promotion',
    investment: [15, 35],
    effect: { electricity: 0.12 },
    problems: ['energy'],
  },
  {
    key: 'tank-insulation',
    name: '镀槽保温及余热回收',
    summary: '加热镀槽加装保温层和浮球覆盖，回收烘干余热预热镀液。',
    keyPoints: '镀槽散热损失大；加保温层、浮球覆盖并回收烘干余热，天然气用量降低约18%。',
    optionType: 'energy_saving',
    gdCategory: 'equipment',
    performanceClass: 'process_innovation',
    approach: 'deep_treatment',
    investment: [6, 14],
    effect: { gas: 0.18 },
    problems: ['energy'],
  },
  {
    key: 'membrane',
    name: '含镍废水膜分离回用',
    summary: '含镍废水经超滤+反渗透处理后回用于漂洗，浓水回收镍。',
    keyPoints: '含镍废水排放量大；建超滤+反渗透回用系统，回用率60%，浓水回收镍。',
    optionType: 'end_of_pipe',
    gdCategory: 'waste',
    performanceClass: 'end_of_pipe',
    approach: 'deep_treatment',
    investment: [60, 120],
    effect: { water: 0.15, cod: 0.1, nickel: 0.03 },
    problems: ['rinse'],
    needs: ['nickel'],
  },
  {
    key: 'metering',
    name: '用水用电分级计量与在线监控',
    summary: '按车间、生产线配置水表电表，接入能耗在线监控平台，建立台账。',
    keyPoints: '计量器具配备不全；按三级计量配置水电表并联网，建立月度台账和考核。',
    optionType: 'management_staff',
    gdCategory: 'management',
    performanceClass: 'environmental_management',
    approach: 'management_uplift',
    investment: [2, 4.5],
    effect: { water: 0.04, electricity: 0.03 },
    problems: ['metering'],
  },
  {
    key: 'sludge',
    name: '电镀污泥压滤脱水及规范贮存',
    summary: '增设板框压滤和污泥干化，降低污泥含水率，规范危废贮存。',
    keyPoints: '污泥含水率高、危废量大；增设压滤干化设备，含水率由80%降至60%，危废减量。',
    optionType: 'end_of_pipe',
    gdCategory: 'waste',
    performanceClass: 'end_of_pipe',
    approach: 'deep_treatment',
    investment: [20, 45],
    effect: { sludge: 0.3 },
    problems: ['sludge'],
  },
];

const INDIVIDUAL_OPTIONS: readonly OptionTemplate[] = [
  {
    key: 'temp-control',
    name: '镀液温度自动控制改造',
    summary: '手动温控改为PID自动温控，减少过热和镀液分解。',
    keyPoints: '镀液温度波动大；加装PID自动温控和温度记录，降低能耗和废品率。',
    optionType: 'process_control',
    gdCategory: 'process_control',
    performanceClass: 'process_innovation',
    investment: [1.5, 4],
    effect: { gas: 0.05 },
    problems: ['i-process'],
  },
  {
    key: 'dosing',
    name: '废水站自动加药改造',
    summary: '废水站按pH/ORP自动加药，稳定出水。',
    keyPoints: '人工加药不稳定；改pH/ORP联动自动加药，药剂用量降低，出水稳定达标。',
    optionType: 'process_control',
    gdCategory: 'process_control',
    performanceClass: 'end_of_pipe',
    investment: [3, 9],
    effect: { cod: 0.06 },
    problems: ['i-waste'],
  },
  {
    key: 'training',
    name: '岗位操作规程修订与全员培训',
    summary: '修订各岗位操作规程，开展清洁生产全员培训并考核。',
    keyPoints: '员工操作不规范；修订规程并全员培训考核，减少跑冒滴漏。',
    optionType: 'management_staff',
    gdCategory: 'staff',
    performanceClass: 'environmental_management',
    investment: [0.3, 1],
    effect: { water: 0.02 },
    problems: ['i-staff'],
  },
  {
    key: 'hw-store',
    name: '危险废物贮存间规范化改造',
    summary: '按规范改造危废贮存间：防渗、导流、分区、标识。',
    keyPoints: '危废贮存不规范；改造防渗导流、分区标识，建立出入库台账。',
    optionType: 'management_staff',
    gdCategory: 'management',
    performanceClass: 'environmental_management',
    investment: [2, 5],
    effect: {},
    problems: ['i-management'],
  },
  {
    key: 'leak',
    name: '跑冒滴漏治理与接液盘',
    summary: '挂具转运加装接液盘，管道阀门检修，减少滴漏损失。',
    keyPoints: '挂具转运滴漏严重；加装接液盘并回流，检修阀门，减少镀液损失和地面污染。',
    optionType: 'process_control',
    gdCategory: 'process_control',
    performanceClass: 'environmental_management',
    investment: [0.5, 2],
    effect: { water: 0.02, cod: 0.03 },
    problems: ['i-process'],
  },
  {
    key: 'chromic',
    name: '低铬镀液工艺调整',
    summary: '装饰铬改用低浓度铬酐镀液，降低铬带出和铬酐消耗。',
    keyPoints: '铬酐浓度偏高、带出量大；改用低铬工艺，降低铬酐消耗和含铬废水浓度。',
    optionType: 'raw_material_substitution',
    gdCategory: 'raw_materials_energy',
    performanceClass: 'source_substitution',
    investment: [2, 6],
    effect: { sludge: 0.05 },
    problems: ['i-raw'],
    needs: ['decorative-chromium', 'hard-chromium'],
  },
];

function template(list: readonly OptionTemplate[], key: string): OptionTemplate {
  const t = list.find((x) => x.key === key);
  if (!t) throw new Error(`no option template ${key}`);
  return t;
}

const STATUS_CYCLE: readonly OptionStatus[] = [
  'verified',
  'implemented',
  'implementing',
  'feasible',
  'implemented',
  'screened',
  'verified',
  'implementing',
  'proposed',
  'implemented',
  'rejected',
  'feasible',
];

export interface AuditContext {
  rng: Rng;
  orgs: DemoOrgs;
  annual: AnnualRows;
}

export function buildAudit({ rng, orgs, annual }: AuditContext): AuditRows {
  const auditId = rng.uuid();
  const czBureauUser = userId(orgs, 'cz-bureau');
  const expertUser = userId(orgs, 'expert');
  const panelUser = userId(orgs, 'panel');
  const consultantUser = userId(orgs, 'cz-consultant');
  const systemId = annual.system.id ?? null;
  const audit: Row<typeof industryAudits> = {
    id: auditId,
    title: '常州市电镀行业清洁生产审核（2025年度）',
    bureauId: orgs.ids.changzhouBureau,
    regionCode: '320400',
    industryCodes: ['3360'],
    industryName: '电镀（金属表面处理及热处理加工）',
    periodStart: '2025-03-01',
    periodEnd: '2026-02-28',
    status: 'implementation',
    scope: '常州市辖区内从事电镀生产的企业（含电镀集中区内企业），数据年度2022–2024年',
    purpose: '摸清行业清洁生产水平，针对共性问题推广先进技术，削减重金属和COD排放，降低单位产品水耗能耗',
    indicatorSystemId: systemId,
    lowCostThreshold_wanYuan: 5,
    createdBy: czBureauUser,
  };
  const phases: AuditRows['phases'] = [
    {
      auditId,
      phase: 'preparation',
      plannedStart: '2025-03-01',
      plannedEnd: '2025-04-15',
      actualStart: '2025-03-01',
      actualEnd: '2025-04-20',
      workContent: '组建审核小组；按四项原则确定审核企业名单；制定工作计划；宣传动员和培训',
      responsible: '常州市生态环境局',
      outputs: '审核小组名单、审核企业名单、工作计划、培训记录',
    },
    {
      auditId,
      phase: 'audit',
      plannedStart: '2025-04-16',
      plannedEnd: '2025-06-30',
      actualStart: '2025-04-21',
      actualEnd: '2025-07-05',
      workContent:
        '收集企业三年数据（附录A）；现场核查；现状分析与评价指标体系对标；确定审核重点和目标；问题诊断',
      responsible: '审核小组、咨询服务机构',
      outputs: '数据核查报告、现状分析、审核重点、清洁生产目标、问题清单',
    },
    {
      auditId,
      phase: 'options',
      plannedStart: '2025-07-01',
      plannedEnd: '2025-08-31',
      actualStart: '2025-07-06',
      actualEnd: '2025-09-05',
      workContent: '提出行业层面和企业层面方案；技术、环境、经济可行性筛选',
      responsible: '审核小组、专家',
      outputs: '方案清单、可行性分析、拟实施方案清单',
    },
    {
      auditId,
      phase: 'implementation',
      plannedStart: '2025-09-01',
      plannedEnd: '2025-12-31',
      actualStart: '2025-09-06',
      workContent: '方案实施、跟踪、佐证材料收集',
      responsible: '各企业，审核小组跟踪',
    },
    {
      auditId,
      phase: 'evaluation',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-02-28',
      workContent: '绩效评估、编制行业审核报告、持续清洁生产计划',
      responsible: '常州市生态环境局',
    },
  ];
  const panel: AuditRows['panel'] = [
    {
      auditId,
      name: '刘局长',
      organization: '常州市生态环境局',
      position: '副局长',
      panelRole: 'leader',
      duties: '统筹审核工作',
      sortOrder: 1,
    },
    {
      auditId,
      userId: czBureauUser,
      name: '常州市局 污防科',
      organization: '常州市生态环境局',
      position: '科长',
      panelRole: 'deputy_leader',
      duties: '组织实施、进度管理',
      sortOrder: 2,
    },
    {
      auditId,
      userId: panelUser,
      name: '钱工',
      organization: '常州市环境科学研究院',
      position: '高级工程师',
      panelRole: 'member',
      duties: '数据核查与现状分析',
      sortOrder: 3,
    },
    {
      auditId,
      userId: expertUser,
      name: '孙教授',
      organization: '江苏省清洁生产中心（演示）',
      position: '教授',
      panelRole: 'expert',
      duties: '技术把关、方案评审',
      sortOrder: 4,
    },
    {
      auditId,
      name: '王科长',
      organization: '常州市武进生态环境局',
      position: '科长',
      panelRole: 'secretary',
      duties: '联络与记录',
      sortOrder: 5,
    },
  ];

  // ---- Enterprise list (7.1.2), scored by the four principles.
  const fig = (e: PlatingEnterprise, year: number): YearFigures => {
    const f = annual.figures.get(e.id)?.get(year);
    if (!f) throw new Error(`no figures for ${e.name} ${year}`);
    return f;
  };
  const planted = new Set(PLANTED_ANOMALIES.map((a) => a.enterprise));
  const ranking = rankCandidateEnterprises({
    enterprises: orgs.plating.map((e) => {
      const f = fig(e, 2024);
      return {
        id: e.id,
        name: e.name,
        pollutantLoad_t: round(f.cod_emitted_t, 3),
        energyPerUnit: round(f.electricity_kWh / f.area_m2, 3),
        inKeyRegion: e.inKeyRegion,
        heavyMetals: e.profile.metals.some((m) => m !== 'zinc'),
        characteristicPollutants:
          e.profile.metals.includes('decorative-chromium') || e.profile.metals.includes('hard-chromium'),
        dataCompleteness: planted.has(e.index) ? 0.75 : round(0.85 + 0.15 * e.quality, 2),
        willingness: round(0.5 + 0.5 * rng.next(), 2),
        capacityToChange: round(0.4 + 0.5 * e.quality, 2),
        sizeClass: e.sizeClass,
        county: e.countyName,
        processType: e.profile.process,
      };
    }),
  });
  const rankedById = new Map(ranking.value.ranking.map((r) => [r.id, r]));
  const selected = new Set(ranking.value.ranking.filter((r) => r.rank <= 24).map((r) => r.id));
  // Planted-problem enterprises stay in scope: their data are what the site surveys look at.
  for (const e of orgs.plating) if (planted.has(e.index)) selected.add(e.id);
  const selectedList = orgs.plating.filter((e) => selected.has(e.id));
  const engaged = new Set(
    orgs.engagements.filter((g) => g.consultingFirmId === orgs.ids.czFirm).map((g) => g.enterpriseId),
  );
  const auditEnterpriseRows: AuditRows['enterprises'] = orgs.plating.map((e) => {
    const r = rankedById.get(e.id);
    const status = annual.finalStatuses.filter((s) => s.enterpriseId === e.id && s.year === 2024)[0]?.set
      .status;
    const returned = annual.finalStatuses.some((s) => s.enterpriseId === e.id && s.set.status === 'returned');
    const reasons: NonNullable<Row<typeof auditEnterprises>['selectionReasons']> = [];
    if (r) {
      if (r.scores.impact >= 5) reasons.push('environmental_impact');
      if (r.scores.governance >= 5) reasons.push('key_governance');
      if (r.scores.feasibility >= 5) reasons.push('feasibility');
      if (r.scores.representativeness >= 5) reasons.push('representativeness');
    }
    const isSelected = selected.has(e.id);
    return {
      auditId,
      enterpriseId: e.id,
      status: isSelected ? 'selected' : 'excluded',
      selectionScore: r ? round(r.total, 4) : null,
      selectionBreakdown: r
        ? {
            ...rankingBreakdown('确定审核企业名单（四项原则）', r, r.reasons),
            clause: CANDIDATE_ENTERPRISE_CRITERIA.source,
          }
        : null,
      selectionReasons: isSelected ? reasons : [],
      selectionNote: isSelected ? (r?.reasons.join('；') ?? null) : '得分靠后，纳入下一轮',
      dataStatus: !isSelected
        ? 'not_requested'
        : returned
          ? 'returned'
          : status === 'accepted'
            ? 'accepted'
            : status === 'submitted'
              ? 'submitted'
              : 'in_progress',
      dataYears: isSelected ? [2022, 2023, 2024] : [],
      dataRequestedOn: isSelected ? '2025-04-25' : null,
      dataDueOn: isSelected ? '2025-05-31' : null,
      dataSubmittedOn: isSelected && status !== undefined ? '2025-05-28' : null,
      consultingFirmId: engaged.has(e.id) ? orgs.ids.czFirm : null,
      individualDiagnosisReasons:
        e.profile.id === 'hard-chrome' && e.quality < 0.25
          ? ['non_mainstream_process']
          : e.index === 7
            ? ['complaints']
            : [],
      statusEvaluationId: annual.statusEvaluation.get(e.id)?.id ?? null,
    };
  });

  // ---- Trainings (7.1.4).
  const trainings: AuditRows['trainings'] = [];
  const attendance: AuditRows['attendance'] = [];
  const trainingSpecs = [
    {
      kind: 'publicity',
      title: '常州市电镀行业清洁生产审核动员会',
      heldOn: '2025-03-18',
      topics: '政策法规和激励措施；行业审核工作安排',
      trainer: '刘局长',
    },
    {
      kind: 'training',
      title: '清洁生产审核方法与数据填报培训',
      heldOn: '2025-04-10',
      topics: '审核方法；附录A数据填报；数据核查常见问题',
      trainer: '孙教授',
    },
    {
      kind: 'training',
      title: '电镀行业清洁生产关键技术与案例',
      heldOn: '2025-07-15',
      topics: '逆流漂洗、镀液回收、三价铬钝化、高频电源案例',
      trainer: '孙教授',
    },
  ] as const;
  for (const t of trainingSpecs) {
    const id = rng.uuid();
    trainings.push({
      id,
      auditId,
      kind: t.kind,
      title: t.title,
      heldOn: t.heldOn,
      location: '常州市生态环境局会议中心',
      topics: t.topics,
      trainer: t.trainer,
    });
    for (const e of selectedList)
      attendance.push({ trainingId: id, enterpriseId: e.id, organization: e.name, headcount: rng.int(1, 3) });
    attendance.push({
      trainingId: id,
      organization: '常州市及各辖市区生态环境局',
      headcount: rng.int(6, 12),
    });
  }

  // ---- Site surveys (7.2.1.2): the planted data problems and the weakest enterprises.
  const surveys: AuditRows['surveys'] = [];
  const surveyByEnterprise = new Map<string, string>();
  const weakest = [...selectedList].sort((a, b) => a.quality - b.quality).slice(0, 4);
  const surveyed = [...new Set([...PLANTED_ANOMALIES.map((a) => orgs.plating[a.enterprise]), ...weakest])];
  surveyed.forEach((e, k) => {
    if (!e) return;
    const anomaly = PLANTED_ANOMALIES.find((a) => a.enterprise === e.index);
    const id = rng.uuid();
    surveyByEnterprise.set(e.id, id);
    surveys.push({
      id,
      auditId,
      enterpriseId: e.id,
      surveyedOn: day(2025, 6, 3 + k * 2),
      surveyors: '钱工、孙教授、周工',
      reasons: anomaly
        ? [anomaly.rule === 'missing-required' ? 'incomplete_data' : 'doubtful_data']
        : ['key_problems'],
      checked: [
        'raw_materials',
        'process_equipment',
        'operation',
        'treatment_facilities',
        'staff_interviews',
        'opportunities',
      ],
      checkedDetail: '核对原辅料台账、水电气计量表读数、危废转移联单；查看生产线和废水站运行',
      findings: anomaly
        ? `${anomaly.what}；已要求企业更正`
        : '手工线比例高，单槽清洗，镀槽无保温；废水站人工加药',
      suggestions: '一线员工建议：漂洗槽加喷淋；挂具转运加接液盘',
      opportunities: '逆流漂洗、镀液回收、镀槽保温、计量完善',
    });
  });

  // ---- Status analysis (7.2.1.3) and report narrative.
  const grades = { I: 0, II: 0, III: 0, unrated: 0 };
  for (const e of selectedList) {
    const ev = annual.statusEvaluation.get(e.id);
    const g = ev?.result.value.grade;
    if (g === 'I' || g === 'II' || g === 'III') grades[g]++;
    else grades.unrated++;
  }
  const sections: AuditRows['sections'] = [
    {
      auditId,
      section: 'industry_overview',
      content: `常州市纳入本轮审核的电镀企业${selectedList.length}家，主要分布在武进区、新北区电镀集中区，镀种以镀锌、装饰性铜镍铬、硬铬和电子元件镀金银为主。`,
      sortOrder: 1,
    },
    {
      auditId,
      section: 'survey_methods',
      content: '资料收集（附录A）、问卷、现场核查、访谈、物料与水平衡测试。',
      sortOrder: 2,
    },
    {
      auditId,
      section: 'cp_level',
      content: `对照${ELECTROPLATING_2015.name}，Ⅰ级${grades.I}家、Ⅱ级${grades.II}家、Ⅲ级${grades.III}家、未达Ⅲ级${grades.unrated}家（指标体系部分行未核实，评价结果仅供演示）。`,
      figures: { grades, enterprises: selectedList.length },
      sortOrder: 3,
    },
    {
      auditId,
      section: 'problem_distribution',
      content:
        '共性问题集中在漂洗水耗、镀液带出损失、整流和加热能耗、计量与台账；个性问题集中在少数手工线比例高的企业。',
      sortOrder: 4,
    },
  ];

  // ---- Audit focus (7.2.2), weighted-sum ranking.
  const focusSpecs = [
    {
      key: 'rinse',
      orientation: 'pollutant_reduction',
      title: '漂洗水耗与含重金属废水',
      scores: {
        'waste-quantity': 9,
        consumption: 8,
        'environmental-cost': 9,
        'waste-toxicity': 9,
        'cp-potential': 8,
        'workshop-motivation': 6,
      },
    },
    {
      key: 'toxic',
      orientation: 'pollutant_reduction',
      title: '六价铬钝化与铬酐使用',
      scores: {
        'waste-quantity': 5,
        consumption: 5,
        'environmental-cost': 8,
        'waste-toxicity': 10,
        'cp-potential': 7,
        'workshop-motivation': 5,
      },
    },
    {
      key: 'energy',
      orientation: 'ghg_reduction',
      title: '整流与镀槽加热能耗',
      scores: {
        'waste-quantity': 3,
        consumption: 9,
        'environmental-cost': 5,
        'waste-toxicity': 2,
        'cp-potential': 8,
        'workshop-motivation': 7,
      },
    },
    {
      key: 'sludge',
      orientation: 'resource_efficiency',
      title: '电镀污泥（危险废物）减量',
      scores: {
        'waste-quantity': 7,
        consumption: 4,
        'environmental-cost': 7,
        'waste-toxicity': 8,
        'cp-potential': 5,
        'workshop-motivation': 4,
      },
    },
    {
      key: 'management',
      orientation: 'management_compliance',
      title: '计量、台账与环境管理',
      scores: {
        'waste-quantity': 4,
        consumption: 6,
        'environmental-cost': 4,
        'waste-toxicity': 3,
        'cp-potential': 6,
        'workshop-motivation': 8,
      },
    },
  ] as const;
  const focusRanking = rankByWeightedSum({
    criteriaSet: AUDIT_FOCUS_CRITERIA.id,
    candidates: focusSpecs.map((f) => ({ id: f.key, name: f.title, scores: { ...f.scores } })),
  });
  const focusIds = new Map<string, string>();
  const focuses: AuditRows['focuses'] = focusSpecs.map((f, k) => {
    const r = focusRanking.value.ranking.find((x) => x.id === f.key);
    const id = rng.uuid();
    focusIds.set(f.key, id);
    return {
      id,
      auditId,
      orientation: f.orientation,
      title: f.title,
      description: `权重总和计分第${r?.rank ?? '?'}名`,
      score: r?.total ?? null,
      scoring: r ? { ...rankingBreakdown('确定审核重点', r, []), clause: AUDIT_FOCUS_CRITERIA.source } : null,
      selected: (r?.rank ?? 99) <= 3,
      sortOrder: k + 1,
    };
  });

  // ---- Targets (7.2.3).
  const targets: AuditRows['targets'] = [];
  const targetEnterprises: AuditRows['targetEnterprises'] = [];
  const codTarget = rng.uuid();
  const waterTarget = rng.uuid();
  const levelTarget = rng.uuid();
  const energyTarget = rng.uuid();
  const sum = (f: (y: YearFigures) => number) => selectedList.reduce((s, e) => s + f(fig(e, 2024)), 0);
  const waterIntensity = round((1000 * sum((y) => y.water_m3)) / sum((y) => y.area_m2), 1);
  const kwhIntensity = round(sum((y) => y.electricity_kWh) / sum((y) => y.area_m2), 2);
  const shareII = round((100 * (grades.I + grades.II)) / selectedList.length, 1);
  targets.push(
    {
      id: codTarget,
      auditId,
      focusId: focusIds.get('rinse') ?? null,
      type: 'pollutant_reduction',
      indicator: 'COD排放量削减率',
      itemCode: 'pollutant_emitted.cod',
      measure: 'percent',
      unit: '%',
      baselineValue: round(
        sum((y) => y.cod_emitted_t),
        3,
      ),
      baselineYear: 2024,
      nearTermValue: 10,
      nearTermDue: '2026-02-28',
      longTermValue: 20,
      longTermDue: '2028-12-31',
      scope: 'listed_enterprises',
      sortOrder: 1,
    },
    {
      id: waterTarget,
      auditId,
      focusId: focusIds.get('rinse') ?? null,
      type: 'resource_efficiency',
      indicator: '单位产品取水量',
      itemCode: 'water.intake',
      measure: 'intensity',
      unit: 'L/m2',
      baselineValue: waterIntensity,
      baselineYear: 2024,
      nearTermValue: round(waterIntensity * 0.9, 1),
      nearTermDue: '2026-02-28',
      longTermValue: round(waterIntensity * 0.8, 1),
      longTermDue: '2028-12-31',
      scope: 'selected_enterprises',
      sortOrder: 2,
    },
    {
      id: energyTarget,
      auditId,
      focusId: focusIds.get('energy') ?? null,
      type: 'ghg_reduction',
      indicator: '单位产品耗电量',
      itemCode: 'energy.electricity',
      measure: 'intensity',
      unit: 'kWh/m2',
      baselineValue: kwhIntensity,
      baselineYear: 2024,
      nearTermValue: round(kwhIntensity * 0.94, 2),
      nearTermDue: '2026-02-28',
      scope: 'selected_enterprises',
      sortOrder: 3,
    },
    {
      id: levelTarget,
      auditId,
      type: 'cp_level',
      indicator: '达到清洁生产Ⅱ级及以上的企业占比',
      measure: 'share',
      unit: '%',
      baselineValue: shareII,
      baselineYear: 2024,
      nearTermValue: Math.min(100, round(shareII + 15, 0)),
      nearTermDue: '2026-02-28',
      longTermValue: Math.min(100, round(shareII + 30, 0)),
      longTermDue: '2028-12-31',
      scope: 'selected_enterprises',
      sortOrder: 4,
    },
  );
  for (const e of selectedList.slice(0, 12)) {
    const base = fig(e, 2024).cod_emitted_t;
    targetEnterprises.push({
      targetId: codTarget,
      enterpriseId: e.id,
      baselineValue: round(base, 4),
      targetValue: round(base * 0.9, 4),
    });
  }

  // ---- Problems (7.2.4).
  const problems: AuditRows['problems'] = [];
  const problemIds = new Map<string, string>();
  const common = [
    {
      key: 'rinse',
      aspect: 'pollutant',
      title: '单槽清洗、漂洗水量大，含重金属废水产生量大',
      causeTypes: ['technical', 'management'],
      methods: ['water_balance', 'measurement'],
      focus: 'rinse',
      priority: 1,
    },
    {
      key: 'dragout',
      aspect: 'resource_use',
      title: '镀液带出损失大，金属利用率偏低',
      causeTypes: ['technical'],
      methods: ['material_balance'],
      focus: 'rinse',
      priority: 2,
    },
    {
      key: 'toxic',
      aspect: 'process_equipment',
      title: '部分企业仍用六价铬钝化，铬酐用量大',
      causeTypes: ['technical', 'policy'],
      methods: ['standard_comparison'],
      focus: 'toxic',
      priority: 2,
    },
    {
      key: 'energy',
      aspect: 'ghg',
      title: '可控硅整流器效率低、镀槽无保温，能耗偏高',
      causeTypes: ['technical'],
      methods: ['energy_balance', 'measurement'],
      focus: 'energy',
      priority: 3,
    },
    {
      key: 'metering',
      aspect: 'management',
      title: '用水用电计量器具配备不全，台账不完整',
      causeTypes: ['management'],
      methods: ['questionnaire', 'expert_judgement'],
      focus: 'management',
      priority: 3,
    },
    {
      key: 'sludge',
      aspect: 'pollutant',
      title: '电镀污泥含水率高，危险废物产生量大',
      causeTypes: ['technical', 'management'],
      methods: ['material_balance'],
      focus: 'sludge',
      priority: 4,
    },
  ] as const;
  for (const c of common) {
    const id = rng.uuid();
    problemIds.set(c.key, id);
    const affected = selectedList.filter((e) => e.quality < 0.6).length;
    problems.push({
      id,
      auditId,
      scope: 'common',
      aspect: c.aspect,
      title: c.title,
      description: `${affected}家企业存在该问题`,
      causeTypes: [...c.causeTypes],
      cause: (c.causeTypes satisfies readonly string[]).some((x) => x === 'management')
        ? '管理制度和考核不到位'
        : '工艺装备落后',
      diagnosisMethods: [...c.methods],
      focusId: focusIds.get(c.focus) ?? null,
      priority: c.priority,
      manifestation: `${affected}家企业（以手工线为主的中小企业为主）`,
    });
  }
  const individualSpecs = [
    { key: 'i-process', aspect: 'production_process', title: '镀液温度、浓度控制不稳定' },
    { key: 'i-waste', aspect: 'waste', title: '废水站人工加药，出水波动' },
    { key: 'i-staff', aspect: 'staff', title: '操作工未经清洁生产培训，跑冒滴漏' },
    { key: 'i-management', aspect: 'management', title: '危险废物贮存不规范，台账缺失' },
    { key: 'i-raw', aspect: 'raw_materials_energy', title: '铬酐浓度偏高，原料消耗大' },
  ] as const;
  const individualProblem = new Map<string, Map<string, string>>();
  for (const e of selectedList) {
    if (e.quality > 0.55) continue;
    const byKey = new Map<string, string>();
    individualProblem.set(e.id, byKey);
    for (const spec of rng.sample(individualSpecs, 2)) {
      if (spec.key === 'i-raw' && !e.profile.metals.some((m) => m.endsWith('chromium'))) continue;
      const id = rng.uuid();
      byKey.set(spec.key, id);
      problems.push({
        id,
        auditId,
        scope: 'individual',
        enterpriseId: e.id,
        aspect: spec.aspect,
        title: spec.title,
        causeTypes: ['management'],
        diagnosisMethods: ['expert_judgement'],
        siteSurveyId: surveyByEnterprise.get(e.id) ?? null,
        priority: rng.int(1, 3),
      });
    }
  }

  // ---- Options (7.3) and their implementation (7.4).
  const options: AuditRows['options'] = [];
  const links: AuditRows['optionProblems'] = [];
  const benefits: AuditRows['benefits'] = [];
  const reviews: AuditRows['reviews'] = [];
  const evidence: AuditRows['evidence'] = [];
  const grid = gridFactorFor('江苏', 2024);
  let statusIndex = 0;
  let code = 1;
  const nextStatus = (): OptionStatus => STATUS_CYCLE[statusIndex++ % STATUS_CYCLE.length] ?? 'proposed';

  const addBenefits = (
    optionId: string,
    basis: 'expected' | 'actual',
    f: YearFigures,
    effect: Effect,
    scale: number,
  ) => {
    const rows: Row<typeof optionBenefits>[] = [];
    const add = (
      itemCode: string,
      quantity: number,
      unit: string,
      extra: Partial<Row<typeof optionBenefits>> = {},
    ) => {
      if (quantity <= 0) return;
      rows.push({ optionId, basis, itemCode, quantity, unit, ...extra });
    };
    const water = round(f.water_m3 * (effect.water ?? 0) * scale, 1);
    const electricity = Math.round(f.electricity_kWh * (effect.electricity ?? 0) * scale);
    const gas = Math.round(f.gas_m3 * (effect.gas ?? 0) * scale);
    add('saving.water', water, 't/a');
    add('reduction.wastewater', round(water * 0.86, 1), 't/a');
    add('reduction.cod', round(f.cod_emitted_t * (effect.cod ?? 0) * scale, 4), 't/a');
    add('saving.electricity', electricity, 'kWh/a');
    add('saving.natural_gas', gas, 'm3/a');
    const nickel = round((effect.nickel ?? 0) * f.area_m2 * 3e-5 * scale, 4);
    add('saving.material.nickel', nickel, 't/a', { name: '节约电解镍' });
    add('reduction.class_i', round(nickel * 0.002, 6), 't/a', { note: '总镍' });
    add('reduction.hazardous_waste', round(f.hazardous_t * (effect.sludge ?? 0) * scale, 2), 't/a');
    if (electricity > 0 || gas > 0) {
      // 注13: CO2 of the electricity and gas saved (core); 综合能耗 saved (GB/T 2589, core).
      const co2 = co2FromSavings({
        electricity_kWh: electricity,
        coal_t: 0,
        oil_t: 0,
        naturalGas_m3: gas,
        gridFactor: grid,
      });
      add('co2.electricity', round(co2.value.electricity_tCO2, 3), 'tCO2/a', { breakdown: co2.breakdown });
      add('co2.natural_gas', round(co2.value.naturalGas_tCO2, 3), 'tCO2/a', { breakdown: co2.breakdown });
      const energy = comprehensiveEnergy({
        items: [
          ...(electricity > 0
            ? [{ carrier: 'electricity', quantity: { value: electricity, unit: 'kWh' } }]
            : []),
          ...(gas > 0 ? [{ carrier: 'natural-gas', quantity: { value: gas, unit: 'm3' } }] : []),
        ],
      });
      add('saving.comprehensive_energy', round(energy.value.total_tce, 3), 'tce/a', {
        breakdown: energy.breakdown,
      });
    }
    benefits.push(...rows);
    // Economic benefit (万元/a) of the savings at the demo prices.
    return round(
      (water * DEMO_PRICES.water_yuanPerT +
        electricity * DEMO_PRICES.electricity_yuanPerKWh +
        gas * DEMO_PRICES.gas_yuanPerM3 +
        nickel * DEMO_PRICES.nickel_yuanPerT +
        f.hazardous_t * (effect.sludge ?? 0) * scale * DEMO_PRICES.sludge_yuanPerT) /
        10_000,
      2,
    );
  };

  const screeningCandidates: { id: string; name: string; scores: Record<string, number> }[] = [];

  const addOption = (
    t: OptionTemplate,
    e: PlatingEnterprise | null,
    status: OptionStatus,
    parentId: string | null,
    problemIdsOf: string[],
  ): string => {
    const id = rng.uuid();
    const investment = round(rng.range(t.investment[0], t.investment[1]), 2);
    const costClass = investment < 5 ? 'no_low' : 'mid_high';
    const started = status === 'implementing' || status === 'implemented' || status === 'verified';
    const done = status === 'implemented' || status === 'verified';
    const row: Row<typeof cpOptions> = {
      id,
      auditId,
      level: e ? 'enterprise' : 'industry',
      enterpriseId: e?.id ?? null,
      parentId,
      code: `F-${String(code++).padStart(3, '0')}`,
      name: t.name,
      summary: t.summary,
      keyPoints: t.keyPoints,
      optionType: t.optionType,
      gdCategory: t.gdCategory,
      performanceClass: t.performanceClass,
      costClass: e ? costClass : null,
      isKey: e ? costClass === 'mid_high' : true,
      industryApproach: e ? null : (t.approach ?? null),
      investmentPlanned_wanYuan: e ? investment : null,
      investmentActual_wanYuan: e && done ? round(investment * rng.range(0.9, 1.1), 2) : null,
      responsibleUnit: e ? e.name : '常州市生态环境局牵头，相关企业实施',
      status,
      statusChangedAt: new Date(Date.UTC(2025, done ? 10 : 8, rng.int(1, 28), 2)),
      rejectionReason: status === 'rejected' ? '企业场地受限，近期不具备实施条件；纳入下一轮审核' : null,
      plannedStart: e && status !== 'proposed' && status !== 'rejected' ? '2025-09-15' : null,
      plannedFinish: e && status !== 'proposed' && status !== 'rejected' ? '2025-12-20' : null,
      implementedOn: done ? day(2025, rng.int(10, 11), rng.int(1, 28)) : null,
      verifiedOn: status === 'verified' ? day(2025, 12, rng.int(1, 15)) : null,
      verifiedBy: status === 'verified' ? expertUser : null,
      sortOrder: code,
      createdBy: e && engaged.has(e.id) ? consultantUser : czBureauUser,
    };
    if (e) {
      const f = fig(e, 2024);
      const scale = 0.85 + 0.3 * rng.next();
      if (status !== 'proposed') {
        const expected = addBenefits(id, 'expected', f, t.effect, scale);
        row.economicBenefitExpected_wanYuanPerYear = expected;
        row.economicBenefitText = `预计年节约 ${expected} 万元（按演示价格估算）`;
        if (done) {
          const actual = addBenefits(id, 'actual', f, t.effect, scale * rng.range(0.85, 1.05));
          row.economicBenefitActual_wanYuanPerYear = actual;
        }
        row.environmentalBenefitText = t.summary;
        // 中/高费方案: economic feasibility (facts §5.1) by the core, 10-year depreciation, 8 % discount rate.
        if (costClass === 'mid_high' && expected > 0 && status !== 'screened') {
          const econ = optionEconomics({
            optionName: t.name,
            investment_wanYuan: investment,
            annualNetSavings_wanYuan: expected,
            depreciationYears_a: 10,
            discountRate_fraction: 0.08,
            costClass: investment > 50 ? 'higher' : 'medium',
          });
          row.feasibility = econ.breakdown;
          row.paybackYears =
            econ.value.payback.years_a === null ? null : round(econ.value.payback.years_a, 2);
          row.npv_wanYuan = round(econ.value.npv_wanYuan, 4);
          row.irr = econ.value.irr.value_fraction === null ? null : round(econ.value.irr.value_fraction, 4);
          row.npvr =
            econ.value.npvr.value_fraction === null ? null : round(econ.value.npvr.value_fraction, 4);
        }
      }
      if (status !== 'proposed') {
        screeningCandidates.push({
          id,
          name: `${t.name}（${e.name}）`,
          scores: {
            'environmental-effect': rng.int(5, 10),
            'technical-feasibility': rng.int(6, 10),
            'economic-feasibility': costClass === 'no_low' ? rng.int(7, 10) : rng.int(4, 9),
            implementability: rng.int(5, 10),
          },
        });
      }
      if (started && status !== 'implementing') {
        const r = rng.fork(`evidence:${id}`);
        const title = `${e.name} ${t.name}`;
        evidence.push(
          {
            row: {
              optionId: id,
              kind: 'photo_before',
              title: `${title} 实施前`,
              fileName: `${t.key}-实施前.png`,
              contentType: 'image/png',
              note: '演示图片',
            },
            bytes: linePhoto(r, false),
          },
          {
            row: {
              optionId: id,
              kind: 'photo_after',
              title: `${title} 实施后`,
              fileName: `${t.key}-实施后.png`,
              contentType: 'image/png',
              note: '演示图片',
            },
            bytes: linePhoto(r, true),
          },
        );
        if (status === 'verified') {
          evidence.push({
            row: {
              optionId: id,
              kind: 'test_report',
              title: `${title} 效益测算与监测报告`,
              fileName: `${t.key}-监测报告.pdf`,
              contentType: 'application/pdf',
            },
            bytes: reportPdf(`cpaudit demo: benefit test report, option ${row.code}`),
          });
          reviews.push({
            optionId: id,
            reviewerId: expertUser,
            stage: 'verification',
            verdict: 'approve',
            comment: '佐证材料齐全，效益核实。',
          });
        }
        if (costClass === 'mid_high') {
          evidence.push({
            row: {
              optionId: id,
              kind: 'invoice',
              title: `${title} 设备采购发票`,
              fileName: `${t.key}-发票.pdf`,
              contentType: 'application/pdf',
            },
            bytes: reportPdf(
              `cpaudit demo: invoice, option ${row.code}, ${row.investmentActual_wanYuan ?? investment} wan yuan`,
            ),
          });
        }
      }
      if (status === 'screened' || status === 'feasible') {
        reviews.push({
          optionId: id,
          reviewerId: expertUser,
          stage: 'screening',
          verdict: 'approve',
          comment: '技术可行，建议实施。',
        });
      }
      if (status === 'rejected') {
        reviews.push({
          optionId: id,
          reviewerId: expertUser,
          stage: 'screening',
          verdict: 'reject',
          comment: '实施条件不具备。',
        });
      }
    }
    options.push(row);
    for (const p of problemIdsOf) links.push({ optionId: id, problemId: p });
    return id;
  };

  // Industry-level options rolled out to enterprises (one child per enterprise).
  INDUSTRY_OPTIONS.forEach((t, k) => {
    const parentStatus: OptionStatus = k < 6 ? 'implementing' : 'feasible';
    const parent = addOption(
      t,
      null,
      parentStatus,
      null,
      t.problems.flatMap((p) => problemIds.get(p) ?? []),
    );
    const fits = selectedList.filter(
      (e) => !t.needs || t.needs.some((m) => e.profile.metals.some((x) => x === m)),
    );
    for (const e of rng.sample(fits, Math.min(fits.length, rng.int(7, 10)))) {
      addOption(
        t,
        e,
        nextStatus(),
        parent,
        t.problems.flatMap((p) => problemIds.get(p) ?? []),
      );
    }
  });
  // Industry-level options not (yet) rolled out.
  addOption(
    {
      key: 'central-wwtp',
      name: '电镀集中区废水集中深度处理中心',
      summary: '在武进电镀集中区建设集中深度处理中心，统一处理各企业预处理后的废水。',
      keyPoints: '分散处理水平参差；集中区建集中深度处理中心，分质收集、集中处理、统一监测。',
      optionType: 'end_of_pipe',
      gdCategory: 'waste',
      performanceClass: 'end_of_pipe',
      approach: 'deep_treatment',
      investment: [800, 1200],
      effect: {},
      problems: ['rinse'],
    },
    null,
    'rejected',
    null,
    [problemIds.get('rinse') ?? ''].filter(Boolean),
  );
  addOption(
    {
      key: 'cyanide-free',
      name: '无氰镀锌工艺推广',
      summary: '推广碱性无氰镀锌工艺替代氰化镀锌。',
      keyPoints: '个别企业仍有氰化镀锌；推广碱性无氰镀锌，消除氰化物风险。',
      optionType: 'raw_material_substitution',
      gdCategory: 'technology',
      performanceClass: 'source_substitution',
      approach: 'technology_promotion',
      investment: [5, 10],
      effect: {},
      problems: ['toxic'],
    },
    null,
    'proposed',
    null,
    [problemIds.get('toxic') ?? ''].filter(Boolean),
  );
  // Enterprise-level options for individual problems.
  for (const [enterpriseId, byKey] of individualProblem) {
    const e = orgs.plating.find((x) => x.id === enterpriseId);
    if (!e) continue;
    for (const [key, problemId] of byKey) {
      const t = INDIVIDUAL_OPTIONS.find(
        (o) =>
          o.problems.includes(key) &&
          (!o.needs || o.needs.some((m) => e.profile.metals.some((x) => x === m))),
      );
      if (!t) continue;
      addOption(t, e, nextStatus(), null, [problemId]);
    }
    // Low-cost options every weak enterprise takes.
    addOption(
      template(INDIVIDUAL_OPTIONS, 'training'),
      e,
      nextStatus(),
      null,
      [...byKey.values()].slice(0, 1),
    );
    addOption(template(INDIVIDUAL_OPTIONS, 'leak'), e, nextStatus(), null, [...byKey.values()].slice(0, 1));
  }
  // Top up to 100+ options with more rollouts of the two cheapest options.
  let extra = 0;
  while (options.length < 110) {
    const e = selectedList[extra % selectedList.length];
    const t = INDUSTRY_OPTIONS[6];
    if (!e || !t) break;
    const parent = options.find((o) => o.level === 'industry' && o.name === t.name)?.id ?? null;
    if (!options.some((o) => o.enterpriseId === e.id && o.name === t.name)) {
      addOption(t, e, nextStatus(), parent, [problemIds.get('metering') ?? ''].filter(Boolean));
    }
    extra++;
    if (extra > 200) break;
  }

  // Screening (7.3.2): one weighted-sum ranking of every screened option; each keeps its own terms.
  const screening = rankByWeightedSum({
    criteriaSet: OPTION_SCREENING_CRITERIA.id,
    candidates: screeningCandidates,
  });
  for (const r of screening.value.ranking) {
    const o = options.find((x) => x.id === r.id);
    if (!o) continue;
    o.screeningScore = r.total;
    o.screening = {
      ...rankingBreakdown(`方案筛选：第${r.rank}名`, r, []),
      clause: OPTION_SCREENING_CRITERIA.source,
    };
  }

  const assignments: AuditRows['assignments'] = [{ userId: expertUser, auditId, note: '行业审核评审专家' }];

  // ---- Continuous CP plan (7.5.2).
  const planTasks: AuditRows['planTasks'] = [
    {
      auditId,
      category: 'management_system',
      task: '建立电镀企业清洁生产月度台账制度',
      responsibleUnit: '各电镀企业',
      deadline: '2026-03-31',
      expectedResult: '企业按月填报水、电、气、重金属台账',
      status: 'in_progress',
      sortOrder: 1,
    },
    {
      auditId,
      category: 'management_system',
      task: '将清洁生产绩效纳入排污许可证后管理',
      responsibleUnit: '常州市生态环境局',
      responsibleBureauId: orgs.ids.changzhouBureau,
      deadline: '2026-06-30',
      expectedResult: '许可执行报告中附清洁生产绩效',
      status: 'planned',
      sortOrder: 2,
    },
    {
      auditId,
      category: 'industry_promotion',
      task: '召开逆流漂洗与镀液回收技术现场推广会',
      responsibleUnit: '常州市武进生态环境局',
      responsibleBureauId: orgs.ids.wujinBureau,
      deadline: '2025-11-30',
      expectedResult: '不少于20家企业参加',
      status: 'done',
      completedOn: '2025-11-20',
      sortOrder: 3,
    },
    {
      auditId,
      category: 'industry_promotion',
      task: '编制电镀行业清洁生产技术指引（常州版）',
      responsibleUnit: '审核小组',
      deadline: '2026-04-30',
      expectedResult: '发布技术指引',
      status: 'planned',
      sortOrder: 4,
    },
    {
      auditId,
      category: 'cycle_linkage',
      task: '下一轮审核前完成本轮未实施方案评估',
      responsibleUnit: '常州市生态环境局',
      deadline: '2027-12-31',
      expectedResult: '未实施方案清单及原因',
      status: 'planned',
      sortOrder: 5,
    },
    {
      auditId,
      category: 'other',
      task: '集中区废水集中深度处理中心可行性研究',
      responsibleUnit: '武进经济开发区管委会',
      deadline: '2026-12-31',
      expectedResult: '可研报告',
      status: 'cancelled',
      progressNote: '投资大，纳入园区规划另行研究',
      sortOrder: 6,
    },
  ];

  const snapshots: AuditRows['snapshots'] = [
    {
      auditId,
      kind: 'grid_factor',
      refId: grid.id,
      label: `江苏省电网排放因子（${grid.dataYear}）`,
      data: gridFactorRef(grid),
      source: grid.source,
    },
    {
      auditId,
      kind: 'indicator_system',
      refId: `${ELECTROPLATING_2015.id}@${ELECTROPLATING_2015.version}`,
      label: ELECTROPLATING_2015.name,
      data: { ...ELECTROPLATING_2015 },
      source: ELECTROPLATING_2015.source,
    },
  ];

  return {
    audit,
    phases,
    panel,
    enterprises: auditEnterpriseRows,
    trainings,
    attendance,
    surveys,
    sections,
    focuses,
    targets,
    targetEnterprises,
    problems,
    options,
    optionProblems: links,
    benefits,
    reviews,
    evidence,
    assignments,
    planTasks,
    snapshots,
  };
}

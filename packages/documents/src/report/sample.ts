/**
 * A synthetic, deterministic `ReportData` for the report's tests and benchmark: `enterprises` electroplating
 * enterprises with four options each at different statuses, table 7.2 computed by the core's
 * `aggregateIndustryReport` from those options (as the server does), table 7.3 from given entries, and before/after
 * photos (small PNGs drawn with resvg) for the implemented options of the first `withPhotos` enterprises.
 */

import {
  aggregateIndustryReport,
  type CpOption,
  OPTION_STATUS_ZH,
  OPTION_TYPE_ZH,
  type OptionType,
} from '@cpaudit/core';
import { Resvg } from '@resvg/resvg-js';
import type { ReportData, ReportOption, ReportOptionEvidence } from './data.ts';

const TYPES: readonly OptionType[] = [
  'raw-material-substitution',
  'process-equipment',
  'end-of-pipe',
  'management-staff',
];
const STATUSES = ['implemented', 'verified', 'feasible', 'proposed'] as const;

function photo(label: string, color: string): Uint8Array {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="320" height="200" fill="${color}"/><text x="160" y="110" font-size="28" text-anchor="middle" fill="#fff">${label}</text></svg>`;
  return new Uint8Array(
    new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' } })
      .render()
      .asPng(),
  );
}

export interface SampleOptions {
  enterprises: number;
  /** Enterprises whose implemented options carry photos (default 2). */
  withPhotos?: number;
}

export function sampleReportData(opts: SampleOptions): ReportData {
  const n = opts.enterprises;
  const withPhotos = opts.withPhotos ?? 2;
  const before = photo('实施前', '#7a5c3a');
  const after = photo('实施后', '#3c7a5c');
  const core: CpOption[] = [];
  const options: ReportOption[] = [];
  const evidence: ReportOptionEvidence[] = [];
  for (let e = 0; e < n; e++) {
    const ent = `样例电镀企业${e + 1}号有限公司`;
    for (let k = 0; k < 4; k++) {
      const code = `E${e + 1}-${k + 1}`;
      const type = TYPES[k] ?? 'process-equipment';
      const status = STATUSES[k] ?? 'proposed';
      const investment = k === 0 ? 2 + (e % 3) : 20 + ((e * 7 + k) % 60);
      const benefit = 1 + ((e * 3 + k) % 9);
      const cod = 0.1 * (1 + ((e + k) % 5));
      const kWh = 10_000 * (1 + (e % 4));
      core.push({
        id: code,
        name: `方案${code}`,
        scope: 'enterprise',
        enterpriseId: `E${e + 1}`,
        type,
        isKey: k === 1,
        status,
        investment_wanYuan: investment,
        economicBenefit_wanYuanPerYear: benefit,
        benefits: [
          { item: 'cod', quantity: cod, unit: 't/a' },
          { item: 'electricity', quantity: kWh, unit: 'kWh/a' },
        ],
      });
      const implemented = status === 'implemented' || status === 'verified';
      options.push({
        code,
        typeLabel: OPTION_TYPE_ZH[type],
        name: `方案${code}`,
        summary: `${ent}${OPTION_TYPE_ZH[type]}方案，改造镀槽及配套设施。`,
        environmentalBenefit: `COD ${cod.toFixed(1)} t/a；节电 ${kWh} kWh/a`,
        economicBenefit_wanYuanPerYear: benefit,
        investment_wanYuan: investment,
        responsibleUnit: ent,
        enterprise: ent,
        costClassLabel: investment < 5 ? '无/低费' : '中/高费',
        statusLabel: OPTION_STATUS_ZH[status],
        implemented,
        implementedOn: implemented ? '2025-09-30' : null,
        feasibility:
          investment >= 5
            ? { paybackYears: investment / benefit, npv_wanYuan: benefit * 3, irr: 0.12, npvr: 0.3 }
            : null,
      });
      if (implemented) {
        evidence.push({
          code,
          name: `方案${code}`,
          enterprise: ent,
          statusLabel: OPTION_STATUS_ZH[status],
          benefits: [{ label: 'COD减排', quantity: cod, unit: 't/a', basisLabel: '预期' }],
          files: [
            ...(e < withPhotos
              ? [
                  {
                    kind: 'photo_before',
                    title: '改造前镀槽',
                    fileName: 'before.png',
                    contentType: 'image/png',
                    sizeBytes: before.length,
                    uploadedAt: '2025-10-01T08:00:00Z',
                    bytes: before,
                  },
                  {
                    kind: 'photo_after',
                    title: '改造后镀槽',
                    fileName: 'after.png',
                    contentType: 'image/png',
                    sizeBytes: after.length,
                    uploadedAt: '2025-10-01T08:00:00Z',
                    bytes: after,
                  },
                ]
              : []),
            {
              kind: 'invoice',
              title: '设备采购发票',
              fileName: 'invoice.pdf',
              contentType: 'application/pdf',
              sizeBytes: 52_000,
              uploadedAt: '2025-10-02T08:00:00Z',
            },
          ],
        });
      }
    }
  }
  const report = aggregateIndustryReport({
    options: core,
    targetRows: [
      { type: 'pollutant', target: 'COD排放量较审核前削减10%', completion: '削减12.5%，已完成' },
      { type: 'resource-energy', target: '单位产品电耗下降5%', completion: '下降3.2%，未完成' },
    ],
  });
  return {
    title: '样例市电镀行业清洁生产审核报告',
    bureau: '样例市生态环境局',
    date: '2026-01-15',
    audit: {
      name: '样例市电镀行业清洁生产审核',
      region: '样例市',
      industryName: '电镀',
      industryCodes: ['3360'],
      periodStart: '2025-03-01',
      periodEnd: '2026-02-28',
      statusLabel: '绩效评估',
      scope: '样例市全部电镀企业',
      purpose: '推动行业整体清洁生产水平提升',
    },
    industryOverview: [{ content: `样例市共有电镀企业${n}家，以镀锌、镀铬为主。` }],
    enterprises: Array.from({ length: n }, (_, e) => ({
      name: `样例电镀企业${e + 1}号有限公司`,
      uscc: `91320400MA${String(e).padStart(7, '0')}X`,
      region: '样例区',
      employees: 50 + e,
      products: '镀锌件 120万m2/a',
      statusLabel: '入选',
      dataStatusLabel: '已接收',
    })),
    panel: [
      {
        name: '张三',
        organization: '样例市生态环境局',
        position: '副局长',
        roleLabel: '组长',
        duties: '统筹审核工作',
      },
    ],
    phases: [
      {
        label: '审核准备阶段',
        plannedStart: '2025-03-01',
        plannedEnd: '2025-04-30',
        actualStart: '2025-03-01',
        actualEnd: '2025-05-10',
        workContent: '成立审核小组，制定工作计划',
        responsible: '样例市生态环境局',
      },
    ],
    trainings: [],
    surveyMethods: [{ content: '资料调阅、现场踏勘、问卷调查相结合。' }],
    surveys: [],
    industryStatus: [{ heading: '主要生产工艺及装备', texts: [{ content: '以挂镀、滚镀为主。' }] }],
    focuses: [],
    targets: [],
    problems: [],
    problemDistribution: [],
    potential: [],
    options,
    feasibility: [],
    implementation: [],
    performance: {
      noLowCostBelow_wanYuan: 5,
      table72: report.value.table72,
      table73: report.value.table73,
      narrative: [],
      targetsNotAssessed: [],
    },
    planTasks: [],
    evidence,
  };
}

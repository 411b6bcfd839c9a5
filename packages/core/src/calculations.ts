/**
 * The calculations of the audit, by name, with an example input each: the registry behind `cpaudit calc <name>`
 * and `POST /api/calc/:name`. JSON in (validated by the calculation's zod schema, errors naming the field), result
 * and breakdown out.
 */
import { aggregateFromJson } from './aggregation/index.ts';
import { balanceFromJson } from './balances/index.ts';
import { carbonFromJson } from './carbon/index.ts';
import { checksFromJson } from './checks/index.ts';
import { complianceFromJson } from './compliance/index.ts';
import { economicsFromJson } from './economics/index.ts';
import { energyFromJson, intensityFromJson } from './energy/index.ts';
import { evaluateFromJson } from './evaluation/index.ts';
import { industryLookupFromJson, usccFromJson } from './identifiers/index.ts';
import { potentialFromJson } from './potential/index.ts';
import { candidateEnterprisesFromJson, screenFromJson } from './scoring/index.ts';
import { targetsFromJson } from './targets/index.ts';
import { taxFromJson } from './tax/index.ts';
import type { Traced } from './trace.ts';

export interface Calculation {
  name: string;
  summary: string;
  /** A valid input, runnable as is (tests run every example). */
  example: unknown;
  run(json: unknown): Traced<unknown>;
}

const t = (value: number) => ({ quantity: value, unit: 't' });

export const CALCULATIONS: readonly Calculation[] = [
  {
    name: 'energy',
    summary: '能源折标准煤 (GB/T 2589): per-carrier tce, comprehensive energy consumption, intensities',
    example: {
      items: [
        { carrier: 'raw-coal', quantity: { value: 1000, unit: 't' }, label: '锅炉用煤' },
        { carrier: '电力', quantity: { value: 100, unit: '万kWh' } },
        { carrier: 'natural-gas', quantity: { value: 50, unit: '万m3' } },
      ],
      intensities: [{ name: '单位产值综合能耗', denominator: { value: 2000, unit: '万元' } }],
    },
    run: energyFromJson,
  },
  {
    name: 'intensity',
    summary: '单位产品/产值 intensity of energy, water, materials or pollutants',
    example: {
      numerator: { value: 12000, unit: 'm3' },
      denominator: { value: 1500, unit: 'm2' },
      unit: 'L/m2',
      name: '单位产品取水量',
    },
    run: intensityFromJson,
  },
  {
    name: 'carbon',
    summary:
      '节能的碳减排量 (广东绩效表 注13–14): electricity × grid factor, coal/oil/gas via standard coal × 2.7725',
    example: {
      savings: { electricity_kWh: 10000, coal_t: 10, oil_t: 1, naturalGas_m3: 10000 },
      grid: { region: '广东', dataYear: 2022 },
    },
    run: carbonFromJson,
  },
  {
    name: 'economics',
    summary: '中/高费方案经济可行性: depreciation, cash flow, payback, NPV, NPVR, IRR (exact), verdict',
    example: {
      investment_wanYuan: 10,
      annualNetSavings_wanYuan: 1.58,
      depreciationYears_a: 10,
      discountRate_fraction: 0.06,
    },
    run: economicsFromJson,
  },
  {
    name: 'screen',
    summary: '权重总和计分排序法: rank candidates (audit focus, options) by Σ weight × score',
    example: {
      criteriaSet: 'option-screening',
      candidates: [
        {
          id: 'F1',
          name: '逆流漂洗改造',
          scores: {
            'environmental-effect': 9,
            'technical-feasibility': 8,
            'economic-feasibility': 7,
            implementability: 8,
          },
        },
        {
          id: 'F2',
          name: '镀液在线过滤',
          scores: {
            'environmental-effect': 6,
            'technical-feasibility': 9,
            'economic-feasibility': 8,
            implementability: 9,
          },
        },
      ],
    },
    run: screenFromJson,
  },
  {
    name: 'candidates',
    summary: '确定审核企业名单 (指南 7.1.2): rank candidate enterprises by the four principles, with reasons',
    example: {
      enterprises: [
        {
          id: 'E1',
          name: '甲电镀',
          pollutantLoad_t: 120,
          dataCompleteness: 0.9,
          willingness: 0.8,
          sizeClass: 'large',
          county: '武进区',
          processType: '镀锌',
        },
        {
          id: 'E2',
          name: '乙电镀',
          pollutantLoad_t: 30,
          dataCompleteness: 0.6,
          willingness: 0.9,
          sizeClass: 'small',
          county: '新北区',
          processType: '镀镍',
          heavyMetals: true,
        },
      ],
    },
    run: candidateEnterprisesFromJson,
  },
  {
    name: 'evaluate',
    summary: '清洁生产评价指标体系: indicator levels, Y_I/Y_II/Y_III, grade, gaps to the next level',
    example: {
      systemId: 'electroplating-2015-table1',
      values: {
        'rinse-water-per-area': 30,
        'zinc-utilisation': 81,
        'nickel-utilisation': 96,
        'cleaner-process': { meets: ['II', 'III'] },
      },
    },
    run: evaluateFromJson,
  },
  {
    name: 'balance',
    summary: '物料/水/能量平衡: closure error against a tolerance, reuse rate, Sankey data',
    example: {
      kind: 'water',
      name: '电镀车间水平衡',
      unit: 'm3/d',
      tolerance_pct: 2,
      nodes: [{ id: 'ws', name: '车间' }],
      flows: [
        { id: 'f1', from: '自来水', to: 'ws', label: '新鲜水', quantity: 100, category: 'input' },
        { id: 'f2', from: 'ws', to: '污水站', label: '排水', quantity: 80, category: 'discharge' },
        { id: 'f3', from: 'ws', to: '蒸发', label: '蒸发', quantity: 19, category: 'loss' },
      ],
    },
    run: balanceFromJson,
  },
  {
    name: 'check',
    summary: '数据核查: missing values, year-on-year jumps, robust peer outliers, emitted > generated',
    example: {
      enterprises: [
        {
          enterpriseId: 'E1',
          name: '企业E1',
          years: [
            { year: 2023, output: t(1000), values: { 'cod.generated': t(10.1), 'cod.emitted': t(12.5) } },
          ],
        },
      ],
    },
    run: checksFromJson,
  },
  {
    name: 'targets',
    summary: '清洁生产目标完成情况: completion % and met/not met, absolute, intensity and percent targets',
    example: {
      targets: [
        {
          id: 'cod',
          type: 'pollutant',
          indicator: 'COD排放量',
          unit: 't/a',
          kind: 'absolute',
          direction: 'decrease',
          baseline: 12,
          nearTerm: 10.8,
          actual: 10.5,
        },
      ],
    },
    run: targetsFromJson,
  },
  {
    name: 'aggregate',
    summary:
      '绩效汇总: Appendix B table 7.2/7.3 (report "industry") or the Guangdong form totals (report "guangdong")',
    example: {
      report: 'guangdong',
      gridFactor: { region: '广东', dataYear: 2022 },
      options: [
        {
          id: 'O1',
          name: '空压机变频改造',
          scope: 'enterprise',
          type: 'energy-saving',
          isKey: true,
          status: 'implemented',
          investment_wanYuan: 30,
          economicBenefit_wanYuanPerYear: 12,
          benefits: [{ item: 'electricity', quantity: 300000, unit: 'kWh/a' }],
        },
      ],
    },
    run: (json) => {
      const { value, breakdown } = aggregateFromJson(json);
      return { value, breakdown };
    },
  },
  {
    name: 'compliance',
    summary:
      '达标情况分析: concentrations (converted to the benchmark drainage) against the applicable standard, energy limits, quotas; 双超/高耗能/双有 (《清洁生产审核办法》第八条)',
    example: {
      enterprise: {
        name: '甲电镀',
        industryCode: '3360',
        region: ['江苏省', '常州市'],
        installation: 'existing',
      },
      year: 2024,
      drainage: { actualDrainage_m3: 12000, platedArea_m2: 20000, layers: 'multi' },
      measurements: [
        {
          pointName: '镀铬车间排放口',
          point: 'workshop',
          pollutant: 'class_i.cr',
          concentration: 0.8,
          unit: 'mg/L',
        },
        {
          pointName: '镀铬车间排放口',
          point: 'workshop',
          pollutant: 'class_i.cr6',
          concentration: 0.18,
          unit: 'mg/L',
        },
        { pointName: '废水总排口', point: 'total', pollutant: 'cod', concentration: 60, unit: 'mg/L' },
        { pointName: '废水总排口', point: 'total', pollutant: 'ph', concentration: 7.2, unit: 'pH' },
      ],
      quotas: [{ pollutant: 'cod', quota_tPerA: 1.2, emitted_tPerA: 0.72 }],
      toxic: { usesToxicMaterials: true, materials: ['铬酸酐'] },
    },
    run: complianceFromJson,
  },
  {
    name: 'tax',
    summary:
      '环境保护税: pollution equivalents, top-N per outlet, provincial/city rates, solid waste; with `after` the avoided tax (广东绩效表 注15)',
    example: {
      rates: { province: '广东' },
      outlets: [
        {
          id: 'DW001',
          name: '废水总排口',
          medium: 'water',
          pollutants: [
            { pollutant: 'cod', emitted_kg: 10000 },
            { pollutant: 'bod5', emitted_kg: 3000 },
            { pollutant: 'nh3_n', emitted_kg: 800 },
            { pollutant: 'ss', emitted_kg: 4400 },
            { pollutant: 'tp', emitted_kg: 100 },
            { pollutant: 'class_i.cr', emitted_kg: 2 },
            { pollutant: 'class_i.ni', emitted_kg: 1 },
          ],
        },
      ],
      solidWaste: [{ kind: 'hazardous', taxable_t: 12.5 }],
      after: {
        outlets: [
          {
            id: 'DW001',
            name: '废水总排口',
            medium: 'water',
            pollutants: [
              { pollutant: 'cod', emitted_kg: 7000 },
              { pollutant: 'bod5', emitted_kg: 2100 },
              { pollutant: 'nh3_n', emitted_kg: 600 },
              { pollutant: 'ss', emitted_kg: 4000 },
              { pollutant: 'tp', emitted_kg: 80 },
              { pollutant: 'class_i.cr', emitted_kg: 1.2 },
              { pollutant: 'class_i.ni', emitted_kg: 0.6 },
            ],
          },
        ],
        solidWaste: [{ kind: 'hazardous', taxable_t: 10 }],
      },
    },
    run: taxFromJson,
  },
  {
    name: 'potential',
    summary:
      '清洁生产潜力: savings if every enterprise reached level II and I (m³, tce, tCO2, t, 万元), ranked, with target proposals',
    example: {
      systemId: 'electroplating-2015-table1',
      indicators: [
        { indicatorId: 'rinse-water-per-area', saves: { kind: 'water' } },
        { indicatorId: 'zinc-utilisation', saves: { kind: 'material', name: '锌' } },
      ],
      enterprises: [
        {
          id: 'E1',
          name: '甲电镀',
          production: { value: 100000, unit: 'm2' },
          values: { 'rinse-water-per-area': 30, 'zinc-utilisation': 75 },
          consumption: { 'zinc-utilisation': { value: 20, unit: 't' } },
        },
        {
          id: 'E2',
          name: '乙电镀',
          production: { value: 200000, unit: 'm2' },
          values: { 'rinse-water-per-area': 40, 'zinc-utilisation': 81 },
          consumption: { 'zinc-utilisation': { value: 10, unit: 't' } },
        },
      ],
      prices: { water_yuanPerM3: 5 },
    },
    run: potentialFromJson,
  },
  {
    name: 'uscc',
    summary: '统一社会信用代码 (GB 32100-2015): check character and parts',
    example: { code: '91350100M000100Y43' },
    run: usccFromJson,
  },
  {
    name: 'industry',
    summary: '国民经济行业分类 (GB/T 4754-2017): look up a code (with its 中类) or search by name',
    example: { code: '3360' },
    run: (json) => {
      const value = industryLookupFromJson(json);
      return {
        value,
        breakdown: {
          label: '国民经济行业分类查询',
          clause: { document: 'GB/T 4754-2017 国民经济行业分类', status: 'code-only' },
          inputs: [],
          factors: [],
          result: null,
        },
      };
    },
  },
];

/**
 * A filled form for the tests (not exported by the module): the totals are the core's `aggregateGuangdongForm`
 * over three hand-built options, as the server computes them, so the tests compare the files against the core.
 */
import { aggregateGuangdongForm, type CpOption, findGridFactor } from '@cpaudit/core';
import type { GuangdongFormData } from './data.ts';

export const SAMPLE_FORM_OPTIONS: CpOption[] = [
  {
    id: 'K1',
    name: '电镀铜线逆流漂洗及在线回收',
    scope: 'enterprise',
    enterpriseId: 'E1',
    type: 'process-equipment',
    gdCategory: 'technology',
    isKey: true,
    status: 'implemented',
    investment_wanYuan: 86,
    actualInvestment_wanYuan: 88.5,
    economicBenefit_wanYuanPerYear: 30,
    benefits: [],
    actualBenefits: [
      { item: 'water', quantity: 80_000, unit: 't/a' },
      { item: 'cod', quantity: 0.06, unit: 't/a' },
      { item: 'vocs', quantity: 0.4, unit: 't/a' },
    ],
  },
  {
    id: 'K2',
    name: '空压机变频及余热回收',
    scope: 'enterprise',
    enterpriseId: 'E1',
    type: 'energy-saving',
    gdCategory: 'equipment',
    isKey: true,
    status: 'verified',
    investment_wanYuan: 42,
    economicBenefit_wanYuanPerYear: 21.5,
    benefits: [],
    actualBenefits: [
      { item: 'electricity', quantity: 300_000, unit: 'kWh/a' },
      { item: 'natural-gas', quantity: 12_000, unit: 'm3/a' },
    ],
  },
  {
    id: 'G1',
    name: '车间照明更换LED',
    scope: 'enterprise',
    enterpriseId: 'E1',
    type: 'energy-saving',
    gdCategory: 'management',
    isKey: false,
    status: 'implemented',
    investment_wanYuan: 3,
    actualInvestment_wanYuan: 2.6,
    economicBenefit_wanYuanPerYear: 4,
    benefits: [],
    actualBenefits: [
      { item: 'electricity', quantity: 50_000, unit: 'kWh/a' },
      { item: 'hazardous-waste', quantity: 1.5, unit: 't/a' },
    ],
  },
  {
    id: 'G2',
    name: '危废暂存间规范化管理',
    scope: 'enterprise',
    enterpriseId: 'E1',
    type: 'management-staff',
    gdCategory: 'management',
    isKey: false,
    status: 'proposed',
    investment_wanYuan: 1,
    economicBenefit_wanYuanPerYear: 0,
    benefits: [],
  },
];

export const SAMPLE_GRID = findGridFactor({ region: '广东', dataYear: 2022, fallbackToRegion: true }, 'grid');

export function sampleForm(): GuangdongFormData {
  const totals = aggregateGuangdongForm({ options: SAMPLE_FORM_OPTIONS, gridFactor: SAMPLE_GRID }).value;
  return {
    enterpriseName: '惠州市恒讯电路科技有限公司',
    address: '惠州市仲恺高新区和畅五路88号',
    industryCode: '3982',
    industryGroup: { code: '398', name: '电子元件及电子专用材料制造' },
    dataYear: 2024,
    grossOutput_wanYuan: 75_123.45,
    valueAdded_wanYuan: 20_283.33,
    inIndustrialPark: true,
    industrialParkName: '仲恺高新区',
    keyMonitoringUnit: true,
    keyMonitoringTypes: ['water', 'soil'],
    permitClass: 'key',
    auditMethod: 'regular',
    listingReasons: ['double_toxic', 'other'],
    listingReasonOther: '重点行业',
    round: 'second',
    lastAcceptanceYear: 2020,
    lastAcceptanceMonth: 12,
    cpLeadName: '邓工',
    cpLeadPhone: '0752-3600001',
    consultingFirmName: '惠州市绿源环保咨询有限公司',
    consultantContactName: '黄工',
    consultantContactPhone: '0752-2800001',
    startedOn: '2025-04-01',
    finishedOn: '2025-10-31',
    trainingEvents: 4,
    trainingAttendance: 326,
    products: [
      { name: '双面板', output: 540_000, unit: 'm2' },
      { name: '多层板', output: 351_000, unit: 'm2' },
      { name: '软板', output: null, unit: 'm2' },
    ],
    auditFocus: '电镀铜线及蚀刻线：水耗、含铜废水和能耗',
    keyOptions: [
      {
        name: '电镀铜线逆流漂洗及在线回收',
        category: 'technology',
        keyPoints: '三级逆流漂洗替代单级漂洗，在线回收铜',
        environmentalBenefit: '节水 80,000 t/a；COD 0.06 t/a',
        economicBenefit: '30 万元/年',
        investmentActual_wanYuan: 88.5,
      },
      {
        name: '空压机变频及余热回收',
        category: 'equipment',
        keyPoints: null,
        environmentalBenefit: '节电 300,000 kWh/a',
        economicBenefit: '21.5 万元/年',
        investmentActual_wanYuan: null,
      },
    ],
    targets: [
      { indicator: '单位产品新鲜水用量', unit: 'm3/m2', before: 1.305, after: 1.148, nearTermTarget: 1.175 },
      { indicator: 'COD排放量', unit: 't/a', before: 25.2, after: null, nearTermTarget: 22.68 },
    ],
    totals,
    gridFactor: SAMPLE_GRID,
    cpLevel: {
      before: { index: 78.5, grade: 'Ⅲ级' },
      after: { index: 86.25, grade: 'Ⅱ级' },
      remark: '按《电子行业清洁生产评价指标体系》',
      description: null,
    },
    filledByName: '李四',
    filledOn: '2025-11-03',
  };
}

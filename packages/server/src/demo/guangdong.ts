/**
 * The Guangdong part of the demo: a printed-circuit-board maker in 惠州 (GB/T 4754-2017 3982, 中类 398) with three
 * years of annual data and a mandatory audit (second round, regular method) ready for its performance form: the
 * basic information comes from the profile and the 2024 data; some judgement fields, the target rows and the
 * audit's options (key and general, with actual benefits and their CO2 by the core, 注13) are filled, the rest
 * (completion date, filler, CP level) is left for the user.
 */
import { co2FromSavings, comprehensiveEnergy, fuelCombustionCo2 } from '@cpaudit/core';
import type {
  annualSubmissions,
  annualValues,
  cpOptions,
  expertAssignments,
  mandatoryAudits,
  mandatoryAuditTargets,
  optionBenefits,
} from '../db/index.ts';
import { DATA_YEARS, gridFactorFor } from './annual.ts';
import type { DemoEvidence } from './audit.ts';
import { linePhoto } from './images.ts';
import { type DemoOrgs, type Row, userId } from './orgs.ts';
import type { Rng } from './prng.ts';

/** Prices turning the PCB maker's savings into 万元/年 (synthetic assumptions of the demo, not reference data). */
const GD_DEMO_PRICES = {
  water_yuanPerT: 4.2,
  electricity_yuanPerKWh: 0.68,
  codAvoidedCost_wanYuanPerT: 0.35,
} as const;

export interface GuangdongRows {
  submissions: Row<typeof annualSubmissions>[];
  /** Final statuses, applied after the values are in. */
  finalStatuses: { enterpriseId: string; year: number; set: Partial<Row<typeof annualSubmissions>> }[];
  values: Row<typeof annualValues>[];
  audit: Row<typeof mandatoryAudits>;
  targets: Row<typeof mandatoryAuditTargets>[];
  options: Row<typeof cpOptions>[];
  benefits: Row<typeof optionBenefits>[];
  evidence: DemoEvidence[];
  assignments: Row<typeof expertAssignments>[];
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function buildGuangdong(rng: Rng, orgs: DemoOrgs): GuangdongRows {
  const enterpriseId = orgs.ids.pcb;
  const submissions: GuangdongRows['submissions'] = [];
  const values: GuangdongRows['values'] = [];
  let last = { water: 0, electricity: 0, gas: 0, area: 0, cod: 0 };
  DATA_YEARS.forEach((year, k) => {
    const double = Math.round(480_000 * (1 + 0.05 * k) * rng.range(0.98, 1.02));
    const multi = Math.round(300_000 * (1 + 0.08 * k) * rng.range(0.98, 1.02));
    const area = double + multi;
    const electricity = Math.round(area * 62 * (1 - 0.02 * k));
    const gas = Math.round(area * 1.1 * (1 - 0.02 * k));
    const water = Math.round(area * 1.45 * (1 - 0.03 * k));
    const wastewaterGen = Math.round(water * 0.82);
    const wastewaterOut = Math.round(wastewaterGen * 0.9);
    const gross = round((double * 520 + multi * 980) / 10_000, 2);
    const energy = comprehensiveEnergy({
      items: [
        { carrier: 'electricity', quantity: { value: electricity, unit: 'kWh' } },
        { carrier: 'natural-gas', quantity: { value: gas, unit: 'm3' } },
      ],
    });
    const grid = gridFactorFor('广东', year);
    const co2Power = co2FromSavings({
      electricity_kWh: electricity,
      coal_t: 0,
      oil_t: 0,
      naturalGas_m3: 0,
      gridFactor: grid,
    }).value.electricity_tCO2;
    const co2Fuel = fuelCombustionCo2({ fuel: 'natural-gas', quantity: { value: gas, unit: 'm3' } }).value
      .tCO2;
    const cod = round(wastewaterOut * 45e-6, 3);
    const v = (
      category: Row<typeof annualValues>['category'],
      itemCode: string,
      quantity: number,
      unit: string,
      name: string | null = null,
    ) => values.push({ enterpriseId, year, category, itemCode, quantity, unit, name, source: 'statistics' });
    v('economy', 'economy.gross_output', gross, '万元');
    v('economy', 'economy.value_added', round(gross * 0.27, 2), '万元');
    v('product', 'product.double_sided', double, 'm2', '双面板');
    v('product', 'product.multilayer', multi, 'm2', '多层板');
    v('energy', 'energy.electricity', electricity, 'kWh');
    v('energy', 'energy.natural_gas', gas, 'm3');
    v('energy', 'energy.comprehensive', round(energy.value.total_tce, 2), 'tce');
    v('water', 'water.intake', water, 'm3');
    v('water', 'water.reuse', Math.round(water * 0.35), 'm3');
    v('material', 'material.copper_clad_laminate', round(area * 1.08, 0), 'm2', '覆铜板');
    v('pollutant_generated', 'pollutant_generated.wastewater', wastewaterGen, 't');
    v('pollutant_emitted', 'pollutant_emitted.wastewater', wastewaterOut, 't');
    v('pollutant_generated', 'pollutant_generated.cod', round(wastewaterGen * 420e-6, 3), 't');
    v('pollutant_emitted', 'pollutant_emitted.cod', cod, 't');
    v('pollutant_generated', 'pollutant_generated.nh3_n', round(wastewaterGen * 30e-6, 3), 't');
    v('pollutant_emitted', 'pollutant_emitted.nh3_n', round(wastewaterOut * 5e-6, 3), 't');
    v('pollutant_generated', 'pollutant_generated.vocs', round(area * 0.00012, 2), 't');
    v('pollutant_emitted', 'pollutant_emitted.vocs', round(area * 0.00003, 2), 't');
    v('pollutant_generated', 'pollutant_generated.hazardous_waste', round(area * 0.0021, 1), 't');
    v('ghg', 'ghg.co2_purchased_power', round(co2Power, 2), 'tCO2');
    v('ghg', 'ghg.co2_fuel', round(co2Fuel, 2), 'tCO2');
    v('ghg', 'ghg.co2_total', round(co2Power + co2Fuel, 2), 'tCO2');
    submissions.push({ enterpriseId, year, status: 'draft' });
    last = { water, electricity, gas, area, cod };
  });

  const auditId = rng.uuid();
  const audit: Row<typeof mandatoryAudits> = {
    id: auditId,
    enterpriseId,
    bureauId: orgs.ids.huizhouBureau,
    consultingFirmId: orgs.ids.hzFirm,
    consultantContactName: '黄工',
    consultantContactPhone: '0752-2800001',
    auditMethod: 'regular',
    listingReasons: ['double_toxic'],
    round: 'second',
    lastAcceptanceYear: 2020,
    lastAcceptanceMonth: 12,
    cpLeadName: '邓工',
    cpLeadPhone: '0752-3600001',
    startedOn: '2025-04-01',
    trainingEvents: 4,
    trainingAttendance: 326,
    dataYear: 2024,
    auditFocus: '电镀铜线及蚀刻线：水耗、含铜废水和能耗',
    status: 'in_progress',
  };
  const targets: GuangdongRows['targets'] = [
    {
      mandatoryAuditId: auditId,
      indicator: '单位产品新鲜水用量',
      unit: 'm3/m2',
      beforeValue: round(last.water / last.area, 3),
      afterValue: round((last.water / last.area) * 0.88, 3),
      nearTermTarget: round((last.water / last.area) * 0.9, 3),
      sortOrder: 0,
    },
    {
      mandatoryAuditId: auditId,
      indicator: '单位产品耗电量',
      unit: 'kWh/m2',
      beforeValue: round(last.electricity / last.area, 2),
      afterValue: round((last.electricity / last.area) * 0.93, 2),
      nearTermTarget: round((last.electricity / last.area) * 0.95, 2),
      sortOrder: 1,
    },
    {
      mandatoryAuditId: auditId,
      indicator: 'COD排放量',
      unit: 't/a',
      itemCode: 'pollutant_emitted.cod',
      beforeValue: last.cod,
      nearTermTarget: round(last.cod * 0.9, 3),
      sortOrder: 2,
    },
  ];

  // Options of the mandatory audit (Guangdong form: key/general, category of note 9, key points ≤ 100 characters).
  const grid = gridFactorFor('广东', 2024);
  const options: GuangdongRows['options'] = [];
  const benefits: GuangdongRows['benefits'] = [];
  const evidence: GuangdongRows['evidence'] = [];
  const specs = [
    {
      name: '电镀铜线逆流漂洗及在线回收',
      cat: 'technology',
      key: true,
      inv: 86,
      status: 'implemented',
      water: 0.08,
      elec: 0,
      cod: 0.06,
    },
    {
      name: '空压机变频及余热回收',
      cat: 'equipment',
      key: true,
      inv: 42,
      status: 'implemented',
      water: 0,
      elec: 0.03,
      cod: 0,
    },
    {
      name: '蚀刻液在线再生回用',
      cat: 'waste',
      key: true,
      inv: 120,
      status: 'implementing',
      water: 0,
      elec: 0,
      cod: 0.04,
    },
    {
      name: '车间照明LED改造',
      cat: 'equipment',
      key: false,
      inv: 6.5,
      status: 'implemented',
      water: 0,
      elec: 0.004,
      cod: 0,
    },
    {
      name: '纯水制备浓水回用',
      cat: 'raw_materials_energy',
      key: false,
      inv: 3.2,
      status: 'implemented',
      water: 0.03,
      elec: 0,
      cod: 0,
    },
    {
      name: '化学品领用定额管理',
      cat: 'management',
      key: false,
      inv: 0.5,
      status: 'implemented',
      water: 0,
      elec: 0,
      cod: 0,
    },
    {
      name: '岗位清洁生产培训与考核',
      cat: 'staff',
      key: false,
      inv: 0.8,
      status: 'implemented',
      water: 0.005,
      elec: 0,
      cod: 0,
    },
    {
      name: '沉铜线自动添加系统',
      cat: 'process_control',
      key: false,
      inv: 4.6,
      status: 'proposed',
      water: 0,
      elec: 0,
      cod: 0,
    },
  ] as const;
  specs.forEach((s, k) => {
    const id = rng.uuid();
    const done = s.status === 'implemented';
    const water = Math.round(last.water * s.water);
    const electricity = Math.round(last.electricity * s.elec);
    const cod = round(last.cod * s.cod, 3);
    const econ = round(
      (water * GD_DEMO_PRICES.water_yuanPerT + electricity * GD_DEMO_PRICES.electricity_yuanPerKWh) / 10_000 +
        cod * GD_DEMO_PRICES.codAvoidedCost_wanYuanPerT,
      2,
    );
    options.push({
      id,
      mandatoryAuditId: auditId,
      level: 'enterprise',
      enterpriseId,
      code: `GD-${k + 1}`,
      name: s.name,
      keyPoints: `${s.name}：针对审核重点的水耗、能耗和含铜废水问题实施，技术成熟，投资${s.inv}万元。`,
      gdCategory: s.cat,
      isKey: s.key,
      costClass: s.inv < 5 ? 'no_low' : 'mid_high',
      investmentPlanned_wanYuan: s.inv,
      investmentActual_wanYuan: done ? s.inv : null,
      economicBenefitActual_wanYuanPerYear: done ? econ : null,
      economicBenefitExpected_wanYuanPerYear: econ,
      status: s.status,
      implementedOn: done ? '2025-09-30' : null,
      responsibleUnit: '设备部/生产部',
      sortOrder: k,
      createdBy: userId(orgs, 'hz-consultant'),
    });
    if (!done) return;
    if (water > 0) {
      benefits.push(
        { optionId: id, basis: 'actual', itemCode: 'saving.water', quantity: water, unit: 't/a' },
        {
          optionId: id,
          basis: 'actual',
          itemCode: 'reduction.wastewater',
          quantity: Math.round(water * 0.82),
          unit: 't/a',
        },
      );
    }
    if (cod > 0)
      benefits.push({ optionId: id, basis: 'actual', itemCode: 'reduction.cod', quantity: cod, unit: 't/a' });
    if (electricity > 0) {
      // 注13: 节电的碳减排量 = 节电量 × 广东电网排放因子 (core).
      const co2 = co2FromSavings({
        electricity_kWh: electricity,
        coal_t: 0,
        oil_t: 0,
        naturalGas_m3: 0,
        gridFactor: grid,
      });
      benefits.push(
        {
          optionId: id,
          basis: 'actual',
          itemCode: 'saving.electricity',
          quantity: electricity,
          unit: 'kWh/a',
        },
        {
          optionId: id,
          basis: 'actual',
          itemCode: 'co2.electricity',
          quantity: round(co2.value.electricity_tCO2, 3),
          unit: 'tCO2/a',
          breakdown: co2.breakdown,
        },
      );
    }
    if (s.key) {
      const r = rng.fork(`gd-evidence:${k}`);
      evidence.push(
        {
          row: {
            optionId: id,
            kind: 'photo_before',
            title: `${s.name} 实施前`,
            fileName: `GD-${k + 1}-实施前.png`,
            contentType: 'image/png',
          },
          bytes: linePhoto(r, false),
        },
        {
          row: {
            optionId: id,
            kind: 'photo_after',
            title: `${s.name} 实施后`,
            fileName: `GD-${k + 1}-实施后.png`,
            contentType: 'image/png',
          },
          bytes: linePhoto(r, true),
        },
      );
    }
  });

  return {
    submissions,
    finalStatuses: submissions.map((x) => ({
      enterpriseId,
      year: x.year,
      set: {
        status: 'accepted' as const,
        submittedAt: new Date(Date.UTC(x.year + 1, 2, 5, 2)),
        acceptedAt: new Date(Date.UTC(x.year + 1, 2, 20, 2)),
        acceptedBy: userId(orgs, 'hz-bureau'),
      },
    })),
    values,
    audit,
    targets,
    options,
    benefits,
    evidence,
    assignments: [{ userId: userId(orgs, 'expert'), mandatoryAuditId: auditId, note: '强制性审核评估专家' }],
  };
}

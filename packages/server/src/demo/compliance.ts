/**
 * Demo monitoring data and compliance facts of the 30 常州 plating enterprises (2022–2024), for the status analysis
 * (issue 8), consistent with their annual data:
 * - quarterly self-monitoring (自行监测, 4 samples a year, the yearly mean stored) at the total outlet (COD, 氨氮, 总磷)
 *   and at the workshop outlets (总铬, 六价铬, 总镍: GB 21900-2008 monitors heavy metals there), each concentration
 *   the year's emitted load ÷ the year's wastewater discharged (mg/L = t × 10⁶ ÷ m³, or kg × 10³ ÷ m³;
 *   1 t of wastewater = 1 m³), so that samples and annual loads agree; 总锌/总铜 at the total outlet (not in annual
 *   data) within 表2;
 * - planted exceedances (supervisory samples, `PLANTED_EXCEEDANCES`): 总镍 and 六价铬 above 表2 at a workshop
 *   outlet, COD above 表2 at a total outlet. No exceedance arises only from the benchmark-drainage conversion: the
 *   demo enterprises drain 60–83 L/m² (annual.ts), far below the 表2 benchmarks (200 L/m² single-layer, 500
 *   multi-layer), and an enterprise draining more would be a peer outlier the data checks flag (the demo keeps
 *   exactly its planted data anomalies); the conversion is exercised by test/api/compliance.test.ts;
 * - compliance facts per year: existing installations commissioned 2004–2015 (表2 applies to them from
 *   2010-07-01), not in a special-limit area (the demo does not claim 表3 for 常州), plating layers by process
 *   (镀锌 and 硬铬 single-layer, 装饰铬 and 电子电镀 multi-layer), total-load quotas of COD and 氨氮 above the emitted loads
 *   except one enterprise over its COD quota in 2024 (双超 by quota), toxic raw materials for the chromium and
 *   nickel users (铬酐, 镍盐: 双有).
 */
import { BUILTIN_STANDARDS } from '@cpaudit/core';
import type { complianceFacts, monitoringSamples, standards } from '../db/index.ts';
import type { AnnualRows } from './annual.ts';
import { DATA_YEARS, PLANTED_ANOMALIES } from './annual.ts';
import type { DemoOrgs, Row } from './orgs.ts';
import type { Rng } from './prng.ts';

export interface PlantedExceedance {
  /** Index of the electroplating enterprise (orgs.plating). */
  enterprise: number;
  year: number;
  pollutant: string;
  point: 'workshop' | 'total';
  pointName: string;
  concentration_mgL: number;
  what: string;
}

export const PLANTED_EXCEEDANCES: readonly PlantedExceedance[] = [
  {
    enterprise: 9,
    year: 2024,
    pollutant: 'class_i.ni',
    point: 'workshop',
    pointName: '镀镍车间排放口',
    concentration_mgL: 0.68,
    what: '2024年监督性监测：镀镍车间排放口总镍 0.68 mg/L，超过表2限值 0.5 mg/L',
  },
  {
    enterprise: 14,
    year: 2024,
    pollutant: 'class_i.cr6',
    point: 'workshop',
    pointName: '镀铬车间排放口',
    concentration_mgL: 0.26,
    what: '2024年监督性监测：镀铬车间排放口六价铬 0.26 mg/L，超过表2限值 0.2 mg/L',
  },
  {
    enterprise: 17,
    year: 2023,
    pollutant: 'cod',
    point: 'total',
    pointName: '废水总排放口',
    concentration_mgL: 92,
    what: '2023年监督性监测：总排放口COD 92 mg/L，超过表2限值 80 mg/L',
  },
];

/** The enterprise over its COD quota in 2024 (quota 90 % of the emitted load): 双超 by total load. */
export const QUOTA_EXCEEDED_ENTERPRISE = 5;

export interface ComplianceRows {
  standards: Row<typeof standards>[];
  samples: Row<typeof monitoringSamples>[];
  facts: Row<typeof complianceFacts>[];
}

const WORKSHOP_NAME: Readonly<Record<string, string>> = {
  'class_i.cr': '镀铬车间排放口',
  'class_i.cr6': '镀铬车间排放口',
  'class_i.ni': '镀镍车间排放口',
};

function planted(enterprise: number, year: number, item: string): boolean {
  return PLANTED_ANOMALIES.some((a) => a.enterprise === enterprise && a.year === year && a.item === item);
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function buildCompliance(rng: Rng, orgs: DemoOrgs, annual: AnnualRows): ComplianceRows {
  const byKey = new Map<string, number>();
  for (const v of annual.values) {
    if (typeof v.quantity === 'number') byKey.set(`${v.enterpriseId}|${v.year}|${v.itemCode}`, v.quantity);
  }
  const value = (id: string, year: number, item: string) => byKey.get(`${id}|${year}|${item}`);

  const samples: ComplianceRows['samples'] = [];
  const facts: ComplianceRows['facts'] = [];
  for (const e of orgs.plating) {
    const r = rng.fork(`compliance:${e.index}`);
    const metals = new Set(e.profile.metals);
    const commissioned = `${r.int(2004, 2015)}-${String(r.int(1, 12)).padStart(2, '0')}-15`;
    const layers = e.profile.id === 'zinc' || e.profile.id === 'hard-chrome' ? 'single' : 'multi';
    const zn = round(r.range(0.4, 1.1), 2);
    const cu = round(r.range(0.12, 0.35), 2);
    for (const year of DATA_YEARS) {
      const ww = value(e.id, year, 'pollutant_emitted.wastewater');
      if (ww === undefined || ww <= 0) continue;
      const add = (
        pollutant: string,
        point: 'workshop' | 'total',
        pointName: string,
        concentration: number,
        extra: { sampleCount?: number; sampledOn?: string; source?: string } = {},
      ) => {
        samples.push({
          id: r.uuid(),
          enterpriseId: e.id,
          year,
          pointName,
          pointKind: point,
          pollutant,
          concentration,
          unit: 'mg/L',
          sampledOn: extra.sampledOn ?? `${year}-12-20`,
          sampleCount: extra.sampleCount ?? 4,
          source: extra.source ?? '自行监测（季度，年均值）',
        });
      };
      // Total outlet: mg/L = t × 10⁶ ÷ m³ (class II pollutants of the annual data). Where the annual figure is a
      // planted data error (PLANTED_ANOMALIES: the emitted COD computed with the influent concentration), the
      // monitoring is right and the annual figure wrong: the concentration of the enterprise's other years.
      for (const item of ['cod', 'nh3_n', 'tp']) {
        const conc = (y: number) => {
          const t = value(e.id, y, `pollutant_emitted.${item}`);
          const w = value(e.id, y, 'pollutant_emitted.wastewater');
          return t === undefined || w === undefined || w <= 0 ? undefined : (t * 1e6) / w;
        };
        let c = conc(year);
        if (c === undefined) continue;
        if (planted(e.index, year, `pollutant_emitted.${item}`)) {
          const others = DATA_YEARS.filter((y) => y !== year)
            .map(conc)
            .filter((v): v is number => v !== undefined);
          if (others.length > 0) c = others.reduce((a, b) => a + b, 0) / others.length;
        }
        add(item, 'total', '废水总排放口', round(c, item === 'cod' ? 1 : 2));
      }
      // Workshop outlets: mg/L = kg × 10³ ÷ m³ (class I metals of the annual data).
      for (const item of ['class_i.cr', 'class_i.cr6', 'class_i.ni']) {
        const kg = value(e.id, year, `pollutant_emitted.${item}`);
        if (kg === undefined) continue;
        add(item, 'workshop', WORKSHOP_NAME[item] ?? '车间排放口', round((kg * 1e3) / ww, 3));
      }
      if (metals.has('zinc')) add('zn', 'total', '废水总排放口', zn);
      if (metals.has('copper')) add('cu', 'total', '废水总排放口', cu);
      for (const p of PLANTED_EXCEEDANCES) {
        if (p.enterprise !== e.index || p.year !== year) continue;
        add(p.pollutant, p.point, p.pointName, p.concentration_mgL, {
          sampleCount: 1,
          sampledOn: `${year}-08-20`,
          source: '监督性监测（生态环境局）',
        });
      }

      const quota = (item: string, factor: number) => {
        const t = value(e.id, year, `pollutant_emitted.${item}`);
        return t === undefined ? [] : [{ pollutant: item, quota: round(t * factor, 3), unit: 't/a' }];
      };
      const codFactor = e.index === QUOTA_EXCEEDED_ENTERPRISE && year === 2024 ? 0.9 : 1.6;
      const toxic = metals.has('decorative-chromium') || metals.has('hard-chromium') || metals.has('nickel');
      facts.push({
        id: r.uuid(),
        enterpriseId: e.id,
        year,
        keyRegion: false,
        installation: 'existing',
        commissionedOn: commissioned,
        platingLayers: layers,
        loadQuotas: [...quota('cod', codFactor), ...quota('nh3_n', 1.6)],
        usesToxicMaterials: toxic,
        toxicMaterialsNote: toxic
          ? [
              metals.has('decorative-chromium') || metals.has('hard-chromium') ? '铬酐（三氧化铬）' : null,
              metals.has('nickel') ? '硫酸镍、氯化镍' : null,
            ]
              .filter((x) => x !== null)
              .join('、')
          : null,
      });
    }
  }

  const standardRows: ComplianceRows['standards'] = BUILTIN_STANDARDS.map((s) => ({
    id: rng.uuid(),
    kind: s.kind,
    code: s.code,
    revision: 1,
    title: s.title,
    body: s as unknown as Record<string, unknown>,
    validFrom: s.validFrom,
    validTo: s.validTo,
    status: 'active' as const,
    builtIn: true,
  }));
  return { standards: standardRows, samples, facts };
}

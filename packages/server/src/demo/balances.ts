/**
 * Demo water balances (水平衡, guideline 7.2.4.3): one per plating enterprise for 2024, the 电镀车间 drawn from its
 * own annual data so that the balance agrees with what the enterprise reported. Daily figures over the
 * demo's 300 working days:
 *   自来水 → 电镀生产线 (input)            = water.intake ÷ 300
 *   电镀生产线 → 废水处理站 (internal)     = pollutant_generated.wastewater ÷ 300
 *   废水处理站 → 排放口 (discharge)        = pollutant_emitted.wastewater ÷ 300
 *   废水处理站 → 电镀生产线 (recycle)      = generated − emitted (treated water returned to rinsing)
 *   电镀生产线 → 蒸发及工件带出 (loss)     = what remains, less an unmetered share of 0.5–2.5 % of the intake,
 * so each balance closes within a realistic metering error and a few exceed the 2 % tolerance (for the
 * auditors to find).
 */
import type { processBalances } from '../db/index.ts';
import type { AnnualRows } from './annual.ts';
import type { Row } from './orgs.ts';
import type { Rng } from './prng.ts';

const WORKING_DAYS = 300;
const YEAR = 2024;

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export function buildBalances(rng: Rng, annual: AnnualRows): Row<typeof processBalances>[] {
  const byEnterprise = new Map<string, Map<string, number>>();
  for (const v of annual.values) {
    if (v.year !== YEAR || typeof v.quantity !== 'number') continue;
    const items = byEnterprise.get(v.enterpriseId) ?? new Map<string, number>();
    items.set(v.itemCode, v.quantity);
    byEnterprise.set(v.enterpriseId, items);
  }
  const rows: Row<typeof processBalances>[] = [];
  for (const [enterpriseId, items] of byEnterprise) {
    const intake = items.get('water.intake');
    const generated = items.get('pollutant_generated.wastewater');
    const emitted = items.get('pollutant_emitted.wastewater');
    if (intake === undefined || generated === undefined || emitted === undefined) continue;
    const inflow = round2(intake / WORKING_DAYS);
    const toTreatment = round2(generated / WORKING_DAYS);
    const discharge = round2(emitted / WORKING_DAYS);
    const recycle = round2(Math.max(0, toTreatment - discharge));
    const unmetered = inflow * rng.range(0.005, 0.025);
    const loss = round2(inflow + recycle - toTreatment - unmetered);
    if (!(inflow > 0 && discharge > 0 && loss > 0)) continue;
    rows.push({
      id: rng.uuid(),
      enterpriseId,
      year: YEAR,
      kind: 'water',
      processName: '电镀车间',
      input: {
        kind: 'water',
        name: '电镀车间水平衡（2024年，日均）',
        unit: 'm3/d',
        tolerance_pct: 2,
        nodes: [
          { id: 'line', name: '电镀生产线' },
          { id: 'wwtp', name: '废水处理站' },
        ],
        flows: [
          { id: 'f1', from: '自来水', to: 'line', label: '新鲜水', quantity: inflow, category: 'input' },
          {
            id: 'f2',
            from: 'line',
            to: 'wwtp',
            label: '漂洗废水',
            quantity: toTreatment,
            category: 'internal',
          },
          {
            id: 'f3',
            from: 'wwtp',
            to: '排放口',
            label: '达标排放',
            quantity: discharge,
            category: 'discharge',
          },
          { id: 'f4', from: 'wwtp', to: 'line', label: '中水回用', quantity: recycle, category: 'recycle' },
          {
            id: 'f5',
            from: 'line',
            to: '蒸发及工件带出',
            label: '蒸发损失',
            quantity: loss,
            category: 'loss',
          },
        ],
      },
    });
  }
  return rows;
}

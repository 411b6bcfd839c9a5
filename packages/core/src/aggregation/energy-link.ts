/**
 * 节综合能耗 of options that give only their energy savings: each carrier converted to standard coal with the energy
 * module (GB/T 2589 coefficients as data). The conversion is linear, so it runs once on the summed savings.
 */
import { CLAUSE_STANDARD_COAL, toStandardCoal } from '../energy/index.ts';
import type { Breakdown, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import type { EnergyCarriers } from './scan.ts';
import type { AggregationSettings } from './settings.ts';

/** Σ over carriers of Q × k (GB/T 2589 ch. 8), in tce/a; null when there is nothing to convert. */
export function carriersToStandardCoal(c: EnergyCarriers, s: AggregationSettings): Traced<number> | null {
  const parts: { carrier: string; value: number; unit: string; field: string }[] = [
    { carrier: 'electricity', value: c.electricity_kWh, unit: 'kWh', field: 'electricity' },
    { carrier: s.energyCarriers.coal, value: c.coal_t, unit: 't', field: 'coal' },
    { carrier: s.energyCarriers.oil, value: c.oil_t, unit: 't', field: 'oil' },
    { carrier: s.energyCarriers.naturalGas, value: c.naturalGas_m3, unit: 'm3', field: 'natural-gas' },
    { carrier: s.energyCarriers.steam, value: c.steam_t, unit: 't', field: 'steam' },
  ];
  let total = 0;
  const steps: Breakdown[] = [];
  for (const p of parts) {
    if (p.value === 0) continue;
    const r = toStandardCoal({
      carrier: p.carrier,
      quantity: { value: p.value, unit: p.unit },
      allowNegative: true,
      ...(p.carrier === 'electricity' ? { electricityBasis: s.electricityBasis } : {}),
    });
    total += r.value.tce;
    steps.push({ ...r.breakdown, label: `${p.field}: ${r.breakdown.label}` });
  }
  if (steps.length === 0) return null;
  return traced(total, {
    label: '节综合能耗（由节能量折算） / comprehensive energy saving from the energy savings',
    formula: 'E_ce = Σ Q_i × k_i (options without a comprehensive-energy line)',
    clause: CLAUSE_STANDARD_COAL,
    inputs: parts.map((p) => ({ name: `${p.field} (${p.carrier})`, value: p.value, unit: `${p.unit}/a` })),
    factors: [],
    unit: 'tce/a',
    steps,
  });
}

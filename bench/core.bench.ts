/**
 * Core benchmark (issue 2): evaluate 10 000 enterprises against a 60-indicator system, and aggregate 100 000
 * options into table 7.2, each next to a plain loop over the same data computing the same totals without the
 * breakdowns, validation and unit handling.
 */
import {
  aggregateIndustryReport,
  type CpOption,
  evaluateEnterprise,
  type IndicatorSystem,
  type IndicatorValues,
  indicatorSystemSchema,
} from '@cpaudit/core';
import { printTable, rng, time } from './harness.ts';

const GROUPS = 6;
const PER_GROUP = 10;

function syntheticSystem(): IndicatorSystem {
  const groups = Array.from({ length: GROUPS }, (_, g) => ({
    id: `g${g}`,
    name: `一级指标${g + 1}`,
    weight: 1 / GROUPS,
    indicators: Array.from({ length: PER_GROUP }, (_, j) => ({
      id: `g${g}i${j}`,
      name: `二级指标${g + 1}.${j + 1}`,
      kind: 'quantitative' as const,
      unit: 'kg/t',
      direction: j % 2 === 0 ? ('le' as const) : ('ge' as const),
      weight: 1 / PER_GROUP,
      limiting: j === 0,
      status: 'unverified' as const,
      benchmarks: j % 2 === 0 ? { I: 10, II: 20, III: 30 } : { I: 90, II: 80, III: 70 },
    })),
  }));
  return indicatorSystemSchema.parse({
    id: 'bench-60',
    name: '基准测试指标体系（60项）',
    industry: ['3360'],
    year: 2024,
    version: '1',
    issuer: 'cpaudit bench',
    source: { document: 'synthetic', status: 'unverified' },
    method: 'ygk-2013',
    groups,
  });
}

function syntheticValues(n: number, system: IndicatorSystem): IndicatorValues[] {
  const r = rng(42);
  const ids = system.groups.flatMap((g) => g.indicators.map((i) => i.id));
  return Array.from({ length: n }, () => {
    const v: Record<string, number> = {};
    ids.forEach((id, k) => {
      v[id] = k % 2 === 0 ? 5 + r() * 30 : 65 + r() * 30;
    });
    return v;
  });
}

/** Baseline: the Y_gk sums of formula 5-2 written as a bare loop (no renormalisation, gaps, findings, breakdown). */
function plainEvaluate(system: IndicatorSystem, all: IndicatorValues[]): number {
  let acc = 0;
  for (const values of all) {
    let y1 = 0;
    let y2 = 0;
    let y3 = 0;
    for (const g of system.groups) {
      for (const ind of g.indicators) {
        if (ind.kind !== 'quantitative' || typeof ind.weight !== 'number') continue;
        const x = values[ind.id];
        if (typeof x !== 'number') continue;
        const b = ind.benchmarks;
        const w = g.weight * ind.weight * 100;
        const ok = (k: number | undefined) => k !== undefined && (ind.direction === 'le' ? x <= k : x >= k);
        if (ok(b.I)) y1 += w;
        if (ok(b.II)) y2 += w;
        if (ok(b.III)) y3 += w;
      }
    }
    acc += y1 + y2 + y3;
  }
  return acc;
}

const TYPES = [
  'raw-material-substitution',
  'process-equipment',
  'process-control',
  'energy-saving',
  'resource-reuse',
  'end-of-pipe',
  'management-staff',
] as const;
const STATUSES = [
  'proposed',
  'screened',
  'feasible',
  'rejected',
  'implementing',
  'implemented',
  'verified',
] as const;

function syntheticOptions(n: number): CpOption[] {
  const r = rng(7);
  return Array.from({ length: n }, (_, i) => ({
    id: `O${i}`,
    name: `方案${i}`,
    scope: 'enterprise' as const,
    enterpriseId: `E${i % 500}`,
    type: TYPES[i % TYPES.length] ?? 'process-control',
    isKey: i % 5 === 0,
    status: STATUSES[Math.floor(r() * STATUSES.length)] ?? 'proposed',
    investment_wanYuan: r() < 0.6 ? r() * 5 : 5 + r() * 200,
    economicBenefit_wanYuanPerYear: r() * 20,
    benefits: [
      { item: 'cod' as const, quantity: r() * 2, unit: 't/a' },
      { item: 'electricity' as const, quantity: r() * 100_000, unit: 'kWh/a' },
      { item: 'water' as const, quantity: r() * 5000, unit: 't/a' },
    ],
  }));
}

/** Baseline: counts, investment, benefit and COD/electricity/water sums of implemented options, in a bare loop. */
function plainAggregate(options: CpOption[]): number {
  let count = 0;
  let inv = 0;
  let econ = 0;
  let cod = 0;
  let kwh = 0;
  let water = 0;
  for (const o of options) {
    if (o.status !== 'implemented' && o.status !== 'verified') continue;
    count++;
    inv += o.investment_wanYuan;
    econ += o.economicBenefit_wanYuanPerYear ?? 0;
    for (const b of o.benefits) {
      if (b.item === 'cod') cod += b.quantity;
      else if (b.item === 'electricity') kwh += b.quantity / 10_000;
      else if (b.item === 'water') water += b.quantity;
    }
  }
  return count + inv + econ + cod + kwh + water;
}

export default function runCoreBench(): void {
  const system = syntheticSystem();
  const values = syntheticValues(10_000, system);
  const options = syntheticOptions(100_000);
  printTable('core (issue 2): median of 7 runs after 2 warm-ups', [
    {
      scenario: 'evaluate 60',
      items: values.length,
      figure: time('evaluate', () => {
        for (const v of values) evaluateEnterprise(system, v);
      }),
      baseline: time('plain loop', () => plainEvaluate(system, values)),
    },
    {
      scenario: 'aggregate 7.2',
      items: options.length,
      figure: time('aggregate', () => aggregateIndustryReport({ options })),
      baseline: time('plain loop', () => plainAggregate(options)),
    },
  ]);
}

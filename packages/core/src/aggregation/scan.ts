/**
 * The single pass over the options shared by table 7.2 and the Guangdong form: validates each option, classifies
 * it, and adds its counts, money and benefit quantities (converted to the tables' base units) into fixed buckets.
 * No per-option allocation beyond what the input already holds: unit conversions are cached per (item, unit).
 */
import { CpError } from '../errors.ts';
import { type Dimension, unitOf } from '../units/units.ts';
import {
  BENEFIT_ITEMS,
  type BenefitItem,
  type BenefitLine,
  COST_CLASSES,
  type CostClass,
  type CpOption,
  GD_CATEGORIES,
  OPTION_STATUSES,
  OPTION_TYPES,
  type OptionStatus,
  POLLUTANT_ITEMS,
  SAVING_ITEMS,
} from './option.ts';
import type { AggregationSettings, Table72Class } from './settings.ts';

/** Count, investment and economic benefit of a set of options. */
export interface MoneyBucket {
  count: number;
  investment_wanYuan: number;
  economicBenefit_wanYuanPerYear: number;
}

export function emptyBucket(): MoneyBucket {
  return { count: 0, investment_wanYuan: 0, economicBenefit_wanYuanPerYear: 0 };
}

export function addBucket(into: MoneyBucket, inv: number, econ: number): void {
  into.count += 1;
  into.investment_wanYuan += inv;
  into.economicBenefit_wanYuanPerYear += econ;
}

/** A named `other-pollutant` / `other-resource` total, in one unit. */
export interface OtherTotal {
  name: string;
  quantity: number;
  unit: string;
}

/** Energy carriers saved by options that gave no `comprehensive-energy` line (to be converted to tce). */
export interface EnergyCarriers {
  electricity_kWh: number;
  coal_t: number;
  oil_t: number;
  naturalGas_m3: number;
  steam_t: number;
}

/**
 * Benefit totals of one group of options. Base units: pollutants t/a (CO2 tCO2/a), water t/a,
 * electricity kWh/a, coal/oil/steam t/a, natural gas m3/a, comprehensive energy tce/a.
 */
export interface BenefitTotals {
  /** Indexed like POLLUTANT_ITEMS (`other-pollutant` unused). */
  pollutants: Float64Array;
  /** Indexed like SAVING_ITEMS (`other-resource` unused; `comprehensive-energy` = lines given directly). */
  savings: Float64Array;
  /** Carriers of options without a comprehensive-energy line. */
  carriers: EnergyCarriers;
  /** Options whose comprehensive energy is computed from carriers / given directly. */
  ceComputedOptions: number;
  ceGivenOptions: number;
  otherPollutants: Map<string, OtherTotal>;
  otherResources: Map<string, OtherTotal>;
}

function emptyTotals(): BenefitTotals {
  return {
    pollutants: new Float64Array(POLLUTANT_ITEMS.length),
    savings: new Float64Array(SAVING_ITEMS.length),
    carriers: { electricity_kWh: 0, coal_t: 0, oil_t: 0, naturalGas_m3: 0, steam_t: 0 },
    ceComputedOptions: 0,
    ceGivenOptions: 0,
    otherPollutants: new Map(),
    otherResources: new Map(),
  };
}

export const POLLUTANT_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  POLLUTANT_ITEMS.map((k, i) => [k, i]),
);
export const SAVING_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  SAVING_ITEMS.map((k, i) => [k, i]),
);

export interface ScanResult {
  settings: AggregationSettings;
  optionCount: number;
  /** Table 7.2 columns. */
  noLowImplemented: MoneyBucket;
  midHighImplemented: MoneyBucket;
  midHighPending: MoneyBucket;
  byClass: Record<Table72Class, MoneyBucket>;
  /** Options in no column of table 7.2: pending no/low-cost ones, and those neither implemented nor pending. */
  noLowPending: MoneyBucket;
  notCountedByStatus: Record<OptionStatus, number>;
  /** Guangdong 方案汇总: [key, general]. */
  proposed: [MoneyBucket, MoneyBucket];
  implemented: [MoneyBucket, MoneyBucket];
  /** Pending options (any cost class): [key, general]. */
  pending: [MoneyBucket, MoneyBucket];
  /** Benefits of the options selected by `benefitsFrom`: [key, general]. */
  benefits: [BenefitTotals, BenefitTotals];
  /** Implemented options whose actual / expected benefits were used. */
  implementedActual: number;
  implementedExpected: string[];
  implementedExpectedCount: number;
  /** Options classified by their own costClass rather than the threshold. */
  costClassOverrides: number;
  negativeLines: number;
  /** Lines given as a volume of water or wastewater (converted with the density setting). */
  waterVolumeLines: number;
}

/** Where a benefit item goes, and in which base unit. */
type Target =
  | { kind: 'pollutant'; index: number }
  | { kind: 'saving'; index: number }
  | { kind: 'other-pollutant' }
  | { kind: 'other-resource' };

interface Conversion {
  /** value × num / den (× density when a water volume). */
  num: number;
  den: number;
  /** Unit of the result (for others). */
  unit: string;
  waterVolume: boolean;
}

/** Base unit (without /a) and accepted dimensions of each item. */
const ITEM_UNITS: Readonly<Record<BenefitItem, { base: string; dims: readonly Dimension[]; zh: string }>> = {
  wastewater: { base: 't', dims: ['mass', 'volume'], zh: '吨/年 (t/a) or m3/a' },
  'waste-gas': { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  'general-solid-waste': { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  'hazardous-waste': { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  cod: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  nh3n: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  tp: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  tn: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  so2: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  nox: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  'class-i-pollutants': { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  particulates: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  vocs: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  co2: { base: 'tCO2', dims: ['co2', 'mass'], zh: 'tCO2/a (or t/a)' },
  'other-pollutant': { base: '', dims: [], zh: 'any unit per year' },
  water: { base: 't', dims: ['mass', 'volume'], zh: '吨/年 (t/a) or m3/a' },
  electricity: { base: 'kWh', dims: ['energy'], zh: 'kWh/a, 度/a or 万kWh/a' },
  coal: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  oil: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  'natural-gas': { base: 'm3', dims: ['volume'], zh: 'm3/a or 万m3/a' },
  steam: { base: 't', dims: ['mass'], zh: '吨/年 (t/a)' },
  'comprehensive-energy': { base: 'tce', dims: ['coal'], zh: 'tce/a (吨标煤/年)' },
  'other-resource': { base: '', dims: [], zh: 'any unit per year' },
};

/** Preferred units of named other lines, by dimension. */
const OTHER_PREFERRED: ReadonlyMap<string, string> = new Map([
  ['mass', 't'],
  ['volume', 'm3'],
  ['energy', 'kWh'],
  ['coal', 'tce'],
  ['co2', 'tCO2'],
  ['money', '万元'],
]);

function targetOf(item: BenefitItem): Target {
  if (item === 'other-pollutant') return { kind: 'other-pollutant' };
  if (item === 'other-resource') return { kind: 'other-resource' };
  const p = POLLUTANT_INDEX[item];
  if (p !== undefined) return { kind: 'pollutant', index: p };
  return { kind: 'saving', index: SAVING_INDEX[item] ?? 0 };
}
const TARGETS: ReadonlyMap<string, Target> = new Map(BENEFIT_ITEMS.map((k) => [k, targetOf(k)]));

/** Resolves the per-year conversion of `unit` for `item`; throws UNIT naming `field`. */
function conversionOf(item: BenefitItem, unit: string, field: string): Conversion {
  const u = unitOf(unit, field);
  let dim: string = u.dimension;
  let num = u.num;
  let den = u.den;
  let symbol = u.symbol;
  const slash = dim.indexOf('/');
  if (slash >= 0) {
    if (!dim.endsWith('/year')) {
      throw new CpError(
        'UNIT',
        `${field}: unit "${unit}" is ${u.dimension}, expected a quantity per year (${ITEM_UNITS[item].zh})`,
        { field },
      );
    }
    dim = dim.slice(0, slash);
    // `X/a`: the year factor of `a` is 1, so num/den is X's factor.
    symbol = symbol.slice(0, symbol.lastIndexOf('/'));
  }
  const spec = ITEM_UNITS[item];
  if (spec.dims.length === 0) {
    // other-*: keep the dimension, convert to the preferred unit when there is one.
    const preferred = OTHER_PREFERRED.get(dim);
    if (preferred === undefined) return { num: 1, den: 1, unit: `${symbol}/a`, waterVolume: false };
    const t = unitOf(preferred);
    return { num: num * t.den, den: den * t.num, unit: `${t.symbol}/a`, waterVolume: false };
  }
  const okDim = spec.dims.find((d) => d === dim);
  if (okDim === undefined) {
    throw new CpError(
      'UNIT',
      `${field}: unit "${unit}" is ${u.dimension}, expected ${spec.dims.join(' or ')} per year (${spec.zh})`,
      { field },
    );
  }
  const waterVolume = okDim === 'volume' && (item === 'water' || item === 'wastewater');
  // co2 given as a mass (t/a of CO2) and water given as a volume convert through their own base units.
  const baseSymbol = waterVolume ? 'm3' : item === 'co2' && okDim === 'mass' ? 't' : spec.base;
  const t = unitOf(baseSymbol);
  num *= t.den;
  den *= t.num;
  return { num, den, unit: `${spec.base}/a`, waterVolume };
}

const TYPE_SET: ReadonlySet<string> = new Set(OPTION_TYPES);
const STATUS_SET: ReadonlySet<string> = new Set(OPTION_STATUSES);
const COST_SET: ReadonlySet<string> = new Set(COST_CLASSES);
const CATEGORY_SET: ReadonlySet<string> = new Set(GD_CATEGORIES);
const ITEM_SET: ReadonlySet<string> = new Set(BENEFIT_ITEMS);

/** Array check without narrowing a typed array to `any[]`. */
function isList(x: unknown): boolean {
  return Array.isArray(x);
}

function fail(field: string, message: string): never {
  throw new CpError('VALIDATION', `${field}: ${message}`, { field });
}

/** `options.i.name`, built only when an error is thrown. */
function optField(i: number, name: string): string {
  return `options.${i}.${name}`;
}

function finiteAt(v: unknown, i: number, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    fail(optField(i, name), `must be a finite number, got ${String(v)}`);
  return v;
}

function nonNegative(v: unknown, i: number, name: string): void {
  if (v === undefined) return;
  const x = finiteAt(v, i, name);
  if (x < 0) {
    const f = optField(i, name);
    throw new CpError('NEGATIVE_QUANTITY', `${f} must not be negative, got ${x}`, { field: f });
  }
}

/** Checks one option's scalar fields (the TypeScript API is not parsed by zod, JSON input is). */
function checkOption(o: CpOption, i: number, ids: Set<string>): void {
  if (o === null || typeof o !== 'object') fail(`options.${i}`, 'must be an object');
  if (typeof o.id !== 'string' || o.id === '') fail(optField(i, 'id'), 'must be a non-empty string');
  if (ids.has(o.id)) fail(optField(i, 'id'), `duplicate option id "${o.id}"`);
  ids.add(o.id);
  if (typeof o.name !== 'string') fail(optField(i, 'name'), 'must be a string');
  if (o.scope !== 'industry' && o.scope !== 'enterprise')
    fail(optField(i, 'scope'), 'must be industry or enterprise');
  if (!TYPE_SET.has(o.type)) fail(optField(i, 'type'), `unknown option type "${String(o.type)}"`);
  if (!STATUS_SET.has(o.status)) fail(optField(i, 'status'), `unknown status "${String(o.status)}"`);
  if (o.costClass !== undefined && !COST_SET.has(o.costClass)) {
    fail(optField(i, 'costClass'), 'must be no-low or mid-high');
  }
  if (o.gdCategory !== undefined && !CATEGORY_SET.has(o.gdCategory))
    fail(optField(i, 'gdCategory'), 'unknown category');
  if (typeof o.isKey !== 'boolean') fail(optField(i, 'isKey'), 'must be a boolean');
  finiteAt(o.investment_wanYuan, i, 'investment_wanYuan');
  nonNegative(o.investment_wanYuan, i, 'investment_wanYuan');
  nonNegative(o.actualInvestment_wanYuan, i, 'actualInvestment_wanYuan');
  if (o.economicBenefit_wanYuanPerYear !== undefined) {
    finiteAt(o.economicBenefit_wanYuanPerYear, i, 'economicBenefit_wanYuanPerYear');
  }
  if (o.actualEconomicBenefit_wanYuanPerYear !== undefined) {
    finiteAt(o.actualEconomicBenefit_wanYuanPerYear, i, 'actualEconomicBenefit_wanYuanPerYear');
  }
  if (!isList(o.benefits)) fail(optField(i, 'benefits'), 'must be an array');
  if (o.actualBenefits !== undefined && !isList(o.actualBenefits))
    fail(optField(i, 'actualBenefits'), 'must be an array');
}

function addOther(map: Map<string, OtherTotal>, name: string, unit: string, q: number): void {
  const key = `${name}\u0000${unit}`;
  const t = map.get(key);
  if (t) t.quantity += q;
  else map.set(key, { name, quantity: q, unit });
}

/**
 * Runs the pass. `filter` keeps only some options (e.g. one enterprise) without copying the list.
 * @throws CpError VALIDATION / NEGATIVE_QUANTITY / UNIT naming `options.i.…`.
 */
export function scanOptions(
  options: readonly CpOption[],
  settings: AggregationSettings,
  filter?: (o: CpOption) => boolean,
): ScanResult {
  if (!isList(options)) fail('options', 'must be an array');
  const s = settings;
  const implementedSet = new Set<string>(s.implementedStatuses);
  const pendingSet = new Set<string>(s.pendingStatuses);
  const proposedSet = new Set<string>(s.proposedStatuses);
  const byClass: Record<Table72Class, MoneyBucket> = {
    'source-substitution': emptyBucket(),
    'process-innovation': emptyBucket(),
    'end-of-pipe': emptyBucket(),
    'environmental-management': emptyBucket(),
  };
  const notCountedByStatus: Record<OptionStatus, number> = {
    proposed: 0,
    screened: 0,
    feasible: 0,
    rejected: 0,
    implementing: 0,
    implemented: 0,
    verified: 0,
  };
  const r: ScanResult = {
    settings: s,
    optionCount: 0,
    noLowImplemented: emptyBucket(),
    midHighImplemented: emptyBucket(),
    midHighPending: emptyBucket(),
    byClass,
    noLowPending: emptyBucket(),
    notCountedByStatus,
    proposed: [emptyBucket(), emptyBucket()],
    implemented: [emptyBucket(), emptyBucket()],
    pending: [emptyBucket(), emptyBucket()],
    benefits: [emptyTotals(), emptyTotals()],
    implementedActual: 0,
    implementedExpected: [],
    implementedExpectedCount: 0,
    costClassOverrides: 0,
    negativeLines: 0,
    waterVolumeLines: 0,
  };
  const ids = new Set<string>();
  const conversions: ConversionCache = new Map();
  const density = s.waterDensity_tPerM3;

  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (o === undefined) fail(`options.${i}`, 'is missing');
    checkOption(o, i, ids);
    if (filter && !filter(o)) continue;
    r.optionCount++;

    const isImplemented = implementedSet.has(o.status);
    const isPending = pendingSet.has(o.status);
    const useActual = isImplemented && s.useActualWhenImplemented;
    const inv =
      useActual && o.actualInvestment_wanYuan !== undefined
        ? o.actualInvestment_wanYuan
        : o.investment_wanYuan;
    const econ =
      (useActual && o.actualEconomicBenefit_wanYuanPerYear !== undefined
        ? o.actualEconomicBenefit_wanYuanPerYear
        : o.economicBenefit_wanYuanPerYear) ?? 0;
    // Cost class by the planned investment (the classification is made when options are screened).
    let cost: CostClass;
    if (o.costClass !== undefined) {
      cost = o.costClass;
      r.costClassOverrides++;
    } else {
      cost = o.investment_wanYuan < s.noLowCostBelow_wanYuan ? 'no-low' : 'mid-high';
    }
    const g = o.isKey ? 0 : 1;

    // Table 7.2 counts and money.
    if (isImplemented) {
      addBucket(cost === 'no-low' ? r.noLowImplemented : r.midHighImplemented, inv, econ);
      addBucket(r.byClass[s.typeClass[o.type]], inv, econ);
      addBucket(r.implemented[g], inv, econ);
    } else if (isPending) {
      addBucket(cost === 'mid-high' ? r.midHighPending : r.noLowPending, inv, econ);
      addBucket(r.pending[g], inv, econ);
    } else {
      r.notCountedByStatus[o.status]++;
    }
    // Guangdong 方案汇总: proposed options at their planned investment.
    if (proposedSet.has(o.status))
      addBucket(r.proposed[g], o.investment_wanYuan, o.economicBenefit_wanYuanPerYear ?? 0);

    // Benefits.
    const counts = isImplemented || (isPending && s.benefitsFrom === 'implemented-and-pending');
    const lineSource = useActual && o.actualBenefits !== undefined ? 'actualBenefits' : 'benefits';
    const lines: BenefitLine[] | undefined = lineSource === 'actualBenefits' ? o.actualBenefits : o.benefits;
    if (isImplemented) {
      if (lineSource === 'actualBenefits') r.implementedActual++;
      else {
        r.implementedExpectedCount++;
        if (r.implementedExpected.length < 50) r.implementedExpected.push(o.id);
      }
    }
    if (!counts || lines === undefined) {
      // Still validate the lines so a bad unit is reported whatever the status.
      validateLines(o.benefits, i, 'benefits', conversions);
      if (o.actualBenefits) validateLines(o.actualBenefits, i, 'actualBenefits', conversions);
      continue;
    }
    if (lineSource === 'actualBenefits') validateLines(o.benefits, i, 'benefits', conversions);
    else if (o.actualBenefits) validateLines(o.actualBenefits, i, 'actualBenefits', conversions);

    const t = r.benefits[g];
    let hasCe = false;
    let el = 0;
    let coal = 0;
    let oil = 0;
    let gas = 0;
    let steam = 0;
    for (let j = 0; j < lines.length; j++) {
      const line = lines[j];
      if (line === undefined) fail(`options.${i}.${lineSource}.${j}`, 'is missing');
      const conv = lineConversion(line, i, lineSource, j, conversions);
      const q = line.quantity;
      if (q < 0) r.negativeLines++;
      let v = conv.den === 1 ? q * conv.num : (q * conv.num) / conv.den;
      if (conv.waterVolume) {
        v *= density;
        r.waterVolumeLines++;
      }
      const target = TARGETS.get(line.item);
      switch (target?.kind) {
        case undefined:
          break;
        case 'pollutant':
          t.pollutants[target.index] = (t.pollutants[target.index] ?? 0) + v;
          break;
        case 'saving':
          t.savings[target.index] = (t.savings[target.index] ?? 0) + v;
          if (line.item === 'comprehensive-energy') hasCe = true;
          else if (line.item === 'electricity') el += v;
          else if (line.item === 'coal') coal += v;
          else if (line.item === 'oil') oil += v;
          else if (line.item === 'natural-gas') gas += v;
          else if (line.item === 'steam') steam += v;
          break;
        case 'other-pollutant':
          addOther(t.otherPollutants, line.name ?? '', conv.unit, v);
          break;
        case 'other-resource':
          addOther(t.otherResources, line.name ?? '', conv.unit, v);
          break;
      }
    }
    if (hasCe) t.ceGivenOptions++;
    else if (el !== 0 || coal !== 0 || oil !== 0 || gas !== 0 || steam !== 0) {
      t.ceComputedOptions++;
      t.carriers.electricity_kWh += el;
      t.carriers.coal_t += coal;
      t.carriers.oil_t += oil;
      t.carriers.naturalGas_m3 += gas;
      t.carriers.steam_t += steam;
    }
  }
  return r;
}

type ConversionCache = Map<string, Map<string, Conversion>>;

/** `options.i.benefits.j.name`, built only when an error is thrown (no closure per line). */
function lineField(i: number, src: string, j: number, name: string): string {
  return `options.${i}.${src}.${j}${name ? `.${name}` : ''}`;
}

/** Checks a line's shape and returns its cached unit conversion (field paths built only on error). */
function lineConversion(
  line: BenefitLine,
  i: number,
  src: 'benefits' | 'actualBenefits',
  j: number,
  cache: ConversionCache,
): Conversion {
  if (line === null || typeof line !== 'object') fail(lineField(i, src, j, ''), 'must be an object');
  if (!ITEM_SET.has(line.item))
    fail(lineField(i, src, j, 'item'), `unknown benefit item "${String(line.item)}"`);
  if (typeof line.quantity !== 'number' || !Number.isFinite(line.quantity)) {
    fail(lineField(i, src, j, 'quantity'), `must be a finite number, got ${String(line.quantity)}`);
  }
  if (typeof line.unit !== 'string') fail(lineField(i, src, j, 'unit'), 'must be a string');
  if ((line.item === 'other-pollutant' || line.item === 'other-resource') && !line.name) {
    fail(lineField(i, src, j, 'name'), `an ${line.item} line needs a name`);
  }
  let byUnit = cache.get(line.item);
  if (byUnit === undefined) {
    byUnit = new Map();
    cache.set(line.item, byUnit);
  }
  let conv = byUnit.get(line.unit);
  if (conv === undefined) {
    conv = conversionOf(line.item, line.unit, lineField(i, src, j, 'unit'));
    byUnit.set(line.unit, conv);
  }
  return conv;
}

function validateLines(
  lines: readonly BenefitLine[],
  i: number,
  src: 'benefits' | 'actualBenefits',
  cache: ConversionCache,
): void {
  for (let j = 0; j < lines.length; j++) {
    const line = lines[j];
    if (line === undefined) fail(`options.${i}.${src}.${j}`, 'is missing');
    lineConversion(line, i, src, j, cache);
  }
}

/** Sums two groups' totals (key + general) into a new one, for the industry table. */
export function combineTotals(a: BenefitTotals, b: BenefitTotals): BenefitTotals {
  const t = emptyTotals();
  for (let i = 0; i < t.pollutants.length; i++)
    t.pollutants[i] = (a.pollutants[i] ?? 0) + (b.pollutants[i] ?? 0);
  for (let i = 0; i < t.savings.length; i++) t.savings[i] = (a.savings[i] ?? 0) + (b.savings[i] ?? 0);
  for (const k of ['electricity_kWh', 'coal_t', 'oil_t', 'naturalGas_m3', 'steam_t'] as const) {
    t.carriers[k] = a.carriers[k] + b.carriers[k];
  }
  t.ceComputedOptions = a.ceComputedOptions + b.ceComputedOptions;
  t.ceGivenOptions = a.ceGivenOptions + b.ceGivenOptions;
  for (const src of [a, b]) {
    for (const o of src.otherPollutants.values()) addOther(t.otherPollutants, o.name, o.unit, o.quantity);
    for (const o of src.otherResources.values()) addOther(t.otherResources, o.name, o.unit, o.quantity);
  }
  return t;
}

export function pollutant(t: BenefitTotals, item: (typeof POLLUTANT_ITEMS)[number]): number {
  return t.pollutants[POLLUTANT_INDEX[item] ?? -1] ?? 0;
}

export function saving(t: BenefitTotals, item: (typeof SAVING_ITEMS)[number]): number {
  return t.savings[SAVING_INDEX[item] ?? -1] ?? 0;
}

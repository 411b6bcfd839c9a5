/**
 * Units and quantities (计量单位).
 *
 * A unit is a symbol with a dimension and an exact rational factor to the dimension's base unit
 * (1 unit = num/den base units). Conversions multiply by one integer ratio, so conversions between
 * decimal multiples (kg↔t, 元↔万元, kWh↔万kWh) are correctly rounded, never accumulated through 0.001.
 *
 * Compound units are written `A/B` with A and B known units: `t/a`, `万元/a`, `kgce/t`, `L/m2`.
 * The year `a` is its own dimension on purpose: audit figures per year are never converted to hours.
 */
import { CpError } from '../errors.ts';

export type BaseDimension =
  | 'mass'
  | 'volume'
  | 'energy'
  | 'power'
  | 'money'
  /** 标准煤: energy expressed as standard coal equivalent. Kept apart from `energy` on purpose. */
  | 'coal'
  /** Mass of CO2 (or CO2-equivalent). Kept apart from `mass` so a tCO2 is never added to a t of sludge. */
  | 'co2'
  | 'area'
  | 'length'
  | 'time'
  | 'year'
  | 'count'
  | 'ratio';

/** A base dimension, or a ratio `num/den` of two base dimensions. */
export type Dimension = BaseDimension | `${BaseDimension}/${BaseDimension}`;

export interface UnitDef {
  /** Canonical symbol, e.g. `万kWh`. */
  symbol: string;
  dimension: Dimension;
  /** 1 unit = num/den base units (integers). */
  num: number;
  den: number;
  /** Chinese name shown in forms. */
  zh?: string;
}

export interface Quantity {
  value: number;
  unit: string;
}

interface BaseUnit {
  symbol: string;
  dimension: BaseDimension;
  num: number;
  den: number;
  zh?: string;
  aliases?: string[];
}

/** Base units per dimension: kg, m3, kJ, kW, 元, kgce, kgCO2, m2, m, h, a, 个, 1. */
const BASE_UNITS: BaseUnit[] = [
  // mass (base kg)
  { symbol: 'g', dimension: 'mass', num: 1, den: 1000, zh: '克' },
  { symbol: 'kg', dimension: 'mass', num: 1, den: 1, zh: '千克', aliases: ['公斤', '千克'] },
  { symbol: 't', dimension: 'mass', num: 1000, den: 1, zh: '吨', aliases: ['吨'] },
  { symbol: '万t', dimension: 'mass', num: 10_000_000, den: 1, zh: '万吨', aliases: ['万吨'] },
  { symbol: 'mg', dimension: 'mass', num: 1, den: 1_000_000, zh: '毫克' },
  // volume (base m3)
  { symbol: 'L', dimension: 'volume', num: 1, den: 1000, zh: '升', aliases: ['l', '升'] },
  {
    symbol: 'm3',
    dimension: 'volume',
    num: 1,
    den: 1,
    zh: '立方米',
    aliases: ['m³', 'Nm3', 'Nm³', '立方米'],
  },
  {
    symbol: '万m3',
    dimension: 'volume',
    num: 10_000,
    den: 1,
    zh: '万立方米',
    aliases: ['万m³', '万Nm3', '万Nm³', '万立方米'],
  },
  { symbol: '亿m3', dimension: 'volume', num: 100_000_000, den: 1, zh: '亿立方米', aliases: ['亿m³'] },
  // energy (base kJ). 1 kcal (International Table) = 4.1868 kJ exactly; 1 kWh = 3600 kJ exactly.
  { symbol: 'J', dimension: 'energy', num: 1, den: 1000 },
  { symbol: 'kJ', dimension: 'energy', num: 1, den: 1, zh: '千焦' },
  { symbol: 'MJ', dimension: 'energy', num: 1000, den: 1, zh: '兆焦' },
  { symbol: 'GJ', dimension: 'energy', num: 1_000_000, den: 1, zh: '吉焦', aliases: ['百万千焦'] },
  { symbol: 'TJ', dimension: 'energy', num: 1_000_000_000, den: 1 },
  { symbol: 'kcal', dimension: 'energy', num: 41_868, den: 10_000, zh: '千卡', aliases: ['千卡'] },
  { symbol: 'Mcal', dimension: 'energy', num: 41_868, den: 10, zh: '兆卡' },
  { symbol: 'kWh', dimension: 'energy', num: 3600, den: 1, zh: '千瓦时', aliases: ['度', '千瓦时', 'kW·h'] },
  { symbol: 'MWh', dimension: 'energy', num: 3_600_000, den: 1, zh: '兆瓦时' },
  {
    symbol: '万kWh',
    dimension: 'energy',
    num: 36_000_000,
    den: 1,
    zh: '万千瓦时',
    aliases: ['万度', '万千瓦时'],
  },
  // power (base kW)
  { symbol: 'W', dimension: 'power', num: 1, den: 1000 },
  { symbol: 'kW', dimension: 'power', num: 1, den: 1 },
  { symbol: 'MW', dimension: 'power', num: 1000, den: 1 },
  // money (base 元)
  { symbol: '元', dimension: 'money', num: 1, den: 1, aliases: ['CNY', 'yuan'] },
  { symbol: '万元', dimension: 'money', num: 10_000, den: 1, aliases: ['wanYuan'] },
  { symbol: '亿元', dimension: 'money', num: 100_000_000, den: 1 },
  // standard coal (base kgce)
  { symbol: 'kgce', dimension: 'coal', num: 1, den: 1, zh: '千克标准煤', aliases: ['千克标准煤', 'kg标煤'] },
  {
    symbol: 'tce',
    dimension: 'coal',
    num: 1000,
    den: 1,
    zh: '吨标准煤',
    aliases: ['吨标准煤', '吨标煤', 't标煤'],
  },
  { symbol: '万tce', dimension: 'coal', num: 10_000_000, den: 1, zh: '万吨标准煤', aliases: ['万吨标准煤'] },
  // CO2 (base kgCO2)
  { symbol: 'kgCO2', dimension: 'co2', num: 1, den: 1, aliases: ['kgCO2e'] },
  {
    symbol: 'tCO2',
    dimension: 'co2',
    num: 1000,
    den: 1,
    zh: '吨二氧化碳',
    aliases: ['tCO2e', '吨二氧化碳', '吨二氧化碳当量'],
  },
  { symbol: '万tCO2', dimension: 'co2', num: 10_000_000, den: 1, aliases: ['万吨二氧化碳'] },
  // area, length
  { symbol: 'm2', dimension: 'area', num: 1, den: 1, zh: '平方米', aliases: ['m²', '平方米'] },
  { symbol: 'dm2', dimension: 'area', num: 1, den: 100, aliases: ['dm²'] },
  { symbol: 'm', dimension: 'length', num: 1, den: 1 },
  { symbol: 'km', dimension: 'length', num: 1000, den: 1 },
  // time. The year is a separate dimension (see module comment).
  { symbol: 'h', dimension: 'time', num: 1, den: 1, zh: '小时' },
  { symbol: 'd', dimension: 'time', num: 24, den: 1, zh: '天' },
  { symbol: 'a', dimension: 'year', num: 1, den: 1, zh: '年', aliases: ['年', 'yr'] },
  // counts and ratios
  { symbol: '个', dimension: 'count', num: 1, den: 1, aliases: ['pcs', '件', '台', '套', '项'] },
  { symbol: '1', dimension: 'ratio', num: 1, den: 1, aliases: [''] },
  { symbol: '%', dimension: 'ratio', num: 1, den: 100 },
  { symbol: '‰', dimension: 'ratio', num: 1, den: 1000 },
];

const BY_SYMBOL = new Map<string, BaseUnit>();
for (const u of BASE_UNITS) {
  BY_SYMBOL.set(u.symbol, u);
  for (const a of u.aliases ?? []) BY_SYMBOL.set(a, u);
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x;
}

function reduce(num: number, den: number): [number, number] {
  const g = gcd(num, den);
  return [num / g, den / g];
}

/** Every unit symbol cpaudit understands (canonical symbols; aliases are also accepted). */
export const KNOWN_UNITS: readonly string[] = BASE_UNITS.map((u) => u.symbol);

/**
 * Resolves a unit symbol (canonical, alias, or compound `A/B`) to its definition.
 * @throws CpError UNIT naming the symbol when it is not known.
 */
export function unitOf(symbol: string, field?: string): UnitDef {
  const s = symbol.trim();
  const base = BY_SYMBOL.get(s);
  if (base)
    return { symbol: base.symbol, dimension: base.dimension, num: base.num, den: base.den, zh: base.zh };
  const slash = s.indexOf('/');
  if (slash > 0 && slash === s.lastIndexOf('/')) {
    const n = BY_SYMBOL.get(s.slice(0, slash).trim());
    const d = BY_SYMBOL.get(s.slice(slash + 1).trim());
    if (n && d) {
      const [num, den] = reduce(n.num * d.den, n.den * d.num);
      return {
        symbol: `${n.symbol}/${d.symbol}`,
        dimension: `${n.dimension}/${d.dimension}`,
        num,
        den,
        ...(n.zh && d.zh ? { zh: `${n.zh}/${d.zh}` } : {}),
      };
    }
  }
  throw new CpError('UNIT', `unknown unit "${symbol}"`, field === undefined ? {} : { field });
}

/** The canonical spelling of a unit (`吨/年` → `t/a`). */
export function canonicalUnit(symbol: string, field?: string): string {
  return unitOf(symbol, field).symbol;
}

export function dimensionOf(symbol: string, field?: string): Dimension {
  return unitOf(symbol, field).dimension;
}

/**
 * Converts `value` from one unit to another of the same dimension.
 * @throws CpError UNIT when either unit is unknown or the dimensions differ (names both units).
 */
export function convertValue(value: number, from: string, to: string, field?: string): number {
  const f = unitOf(from, field);
  const t = unitOf(to, field);
  if (f.dimension !== t.dimension) {
    throw new CpError(
      'UNIT',
      `cannot convert ${from} (${f.dimension}) to ${to} (${t.dimension})`,
      field === undefined ? {} : { field },
    );
  }
  const [a, b] = reduce(f.num * t.den, f.den * t.num);
  if (a === b) return value;
  return b === 1 ? value * a : (value * a) / b;
}

export function convert(q: Quantity, to: string, field?: string): Quantity {
  return { value: convertValue(q.value, q.unit, to, field), unit: canonicalUnit(to) };
}

/**
 * Checks that `unit` has the expected dimension, e.g. that an electricity saving is an energy.
 * @throws CpError UNIT naming the field and both dimensions.
 */
export function requireDimension(
  unit: string,
  expected: Dimension | readonly Dimension[],
  field?: string,
): UnitDef {
  const u = unitOf(unit, field);
  const list = typeof expected === 'string' ? [expected] : expected;
  if (!list.includes(u.dimension)) {
    throw new CpError(
      'UNIT',
      `${field ? `${field}: ` : ''}unit "${unit}" is ${u.dimension}, expected ${list.join(' or ')}`,
      field === undefined ? {} : { field },
    );
  }
  return u;
}

/** Sum of quantities, in the unit of the first (or `unit` if given). All must share a dimension. */
export function sumQuantities(qs: readonly Quantity[], unit?: string, field?: string): Quantity {
  const target = unit ?? qs[0]?.unit;
  if (target === undefined)
    throw new CpError('VALIDATION', 'cannot sum an empty list without a unit', {
      ...(field ? { field } : {}),
    });
  let total = 0;
  for (const q of qs) total += convertValue(q.value, q.unit, target, field);
  return { value: total, unit: canonicalUnit(target) };
}

/** Rounds half away from zero to `digits` decimals, the way printed forms round (GB/T 8170 uses half-even;
 * forms here print with round-half-up, see formatting in documents). Works on the decimal representation. */
export function roundTo(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(value)}e${digits}`);
  return sign * Number(`${Math.round(shifted)}e${-digits}`);
}

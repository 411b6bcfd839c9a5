/**
 * Benefit items of options (option_benefits, long format): the catalogue of the schema (BENEFIT_ITEMS: Appendix B
 * 7.2 环境效益 / 资源能源节约, the Guangdong form notes 12–14) with the unit dimensions each accepts, the check of
 * a submitted line (unit dimension by core `requireDimension`, conversion to the catalogue unit by core
 * `convertValue`) and the item of the core's aggregation each row feeds.
 */
import {
  type BenefitItem as CoreBenefitItem,
  CpError,
  canonicalUnit,
  convertValue,
  type Dimension,
  dimensionOf,
  requireDimension,
} from '@cpaudit/core';
import { BENEFIT_ITEMS, type BenefitBasis, type NewOptionBenefit } from '../../db/index.ts';

export interface BenefitRule {
  code: string;
  zh: string;
  /** Unit rows are stored in when the given unit converts to it. */
  unit: string;
  dimensions: Dimension[];
  /** The core aggregation item in Appendix B table 7.2 (industry report). */
  industryItem: CoreBenefitItem;
  /**
   * The core item in the Guangdong form, or null when the form's core computes the figure itself: the CO2 of
   * electricity, coal, oil and gas savings (notes 13–14) is derived there from the savings with the grid factor.
   */
  guangdongItem: CoreBenefitItem | null;
}

/** Schema item code → core aggregation item (kebab-case names of the core's option model). */
const CORE_ITEM: Readonly<Record<string, CoreBenefitItem>> = {
  'reduction.wastewater': 'wastewater',
  'reduction.waste_gas': 'waste-gas',
  'reduction.cod': 'cod',
  'reduction.nh3_n': 'nh3n',
  'reduction.tp': 'tp',
  'reduction.tn': 'tn',
  'reduction.so2': 'so2',
  'reduction.nox': 'nox',
  'reduction.particulates': 'particulates',
  'reduction.vocs': 'vocs',
  'reduction.class_i': 'class-i-pollutants',
  'reduction.general_solid_waste': 'general-solid-waste',
  'reduction.hazardous_waste': 'hazardous-waste',
  'saving.water': 'water',
  'saving.electricity': 'electricity',
  'saving.coal': 'coal',
  'saving.oil': 'oil',
  'saving.natural_gas': 'natural-gas',
  'saving.steam': 'steam',
  'saving.comprehensive_energy': 'comprehensive-energy',
  'co2.electricity': 'co2',
  'co2.coal': 'co2',
  'co2.oil': 'co2',
  'co2.natural_gas': 'co2',
  'co2.other': 'co2',
};

/** Items the Guangdong core derives itself (form notes 13–14): their stored lines are not passed to it. */
const DERIVED_IN_GUANGDONG: ReadonlySet<string> = new Set([
  'co2.electricity',
  'co2.coal',
  'co2.oil',
  'co2.natural_gas',
]);

/** Water and wastewater may be given as a volume (the core converts with its water density setting). */
const ALSO_VOLUME: ReadonlySet<string> = new Set(['reduction.wastewater', 'saving.water']);

export const BENEFIT_RULES: ReadonlyMap<string, BenefitRule> = new Map(
  BENEFIT_ITEMS.map((item) => {
    const core = CORE_ITEM[item.code];
    if (core === undefined) throw new Error(`benefit item ${item.code} has no core aggregation item`);
    const dims: Dimension[] = [dimensionOf(item.unit)];
    if (ALSO_VOLUME.has(item.code)) dims.push('volume/year');
    const rule: BenefitRule = {
      code: item.code,
      zh: item.zh,
      unit: item.unit,
      dimensions: dims,
      industryItem: core,
      guangdongItem: DERIVED_IN_GUANGDONG.has(item.code) ? null : core,
    };
    return [item.code, rule];
  }),
);

/** Free items: other pollutants and other materials, named by the user, any quantity per year. */
export const FREE_ITEMS = [
  {
    pattern: /^reduction\.other\.[a-z0-9_]+$/,
    text: 'reduction.other.<slug>',
    zh: '其他污染物减排',
    core: 'other-pollutant',
  },
  {
    pattern: /^saving\.material\.[a-z0-9_]+$/,
    text: 'saving.material.<slug>',
    zh: '其他资源节约',
    core: 'other-resource',
  },
] as const satisfies readonly { pattern: RegExp; text: string; zh: string; core: CoreBenefitItem }[];

function freeItem(code: string): (typeof FREE_ITEMS)[number] | undefined {
  return FREE_ITEMS.find((f) => f.pattern.test(code));
}

export interface BenefitLineInput {
  itemCode: string;
  name?: string | undefined;
  quantity: number;
  unit: string;
  note?: string | undefined;
}

/**
 * Checks submitted lines and turns them into rows: known item (or free item with a name), no item twice, a unit
 * of the item's dimension per year (core requireDimension → UNIT naming `items.i.unit`), converted to the
 * catalogue unit when it has the catalogue unit's dimension (the conversion is kept as the row's breakdown).
 */
export function benefitRows(
  optionId: string,
  basis: BenefitBasis,
  items: readonly BenefitLineInput[],
): NewOptionBenefit[] {
  const seen = new Set<string>();
  return items.map((line, i) => {
    const at = (f: string) => `items.${i}.${f}`;
    if (seen.has(line.itemCode)) {
      throw new CpError('VALIDATION', `${at('itemCode')}: "${line.itemCode}" is listed twice`, {
        field: at('itemCode'),
      });
    }
    seen.add(line.itemCode);
    const rule = BENEFIT_RULES.get(line.itemCode);
    const free = rule ? undefined : freeItem(line.itemCode);
    if (!rule && !free) {
      throw new CpError(
        'VALIDATION',
        `${at('itemCode')}: unknown benefit item "${line.itemCode}" (see GET /api/option-benefit-items; free items: ${FREE_ITEMS.map((f) => f.text).join(', ')})`,
        { field: at('itemCode') },
      );
    }
    if (free && line.name === undefined) {
      throw new CpError('VALIDATION', `${at('name')}: a free item (${free.text}) needs a name`, {
        field: at('name'),
      });
    }
    const base = {
      optionId,
      basis,
      itemCode: line.itemCode,
      name: line.name ?? null,
      note: line.note ?? null,
    };
    if (!rule) {
      // Any unit per year: `t/a`, `kg/a`, `m3/a`, …
      const u = requireDimension(line.unit, perYearDimensions(), at('unit'));
      return { ...base, quantity: line.quantity, unit: u.symbol, breakdown: null };
    }
    const u = requireDimension(line.unit, rule.dimensions, at('unit'));
    if (u.dimension !== dimensionOf(rule.unit) || u.symbol === canonicalUnit(rule.unit)) {
      return { ...base, quantity: line.quantity, unit: u.symbol, breakdown: null };
    }
    const converted = convertValue(line.quantity, u.symbol, rule.unit, at('unit'));
    return {
      ...base,
      quantity: converted,
      unit: rule.unit,
      breakdown: {
        label: `单位换算 / unit conversion: ${rule.zh}`,
        formula: `${line.quantity} ${u.symbol} → ${rule.unit}`,
        inputs: [{ name: 'given', value: line.quantity, unit: u.symbol }],
        factors: [],
        result: converted,
        unit: rule.unit,
      },
    };
  });
}

const BASE_DIMENSIONS = [
  'mass',
  'volume',
  'energy',
  'power',
  'money',
  'coal',
  'co2',
  'area',
  'length',
  'count',
] as const satisfies readonly Dimension[];

function perYearDimensions(): Dimension[] {
  return BASE_DIMENSIONS.map((d): Dimension => `${d}/year`);
}

/** The catalogue as served to clients. */
export function benefitCatalogue() {
  return {
    items: [...BENEFIT_RULES.values()].map((r) => ({
      code: r.code,
      zh: r.zh,
      unit: r.unit,
      dimensions: [...r.dimensions],
    })),
    freeItems: FREE_ITEMS.map((f) => ({ pattern: f.text, zh: f.zh, dimensions: 'any quantity per year' })),
  };
}

/** The core item of a stored row for the given view, or null when the view derives it itself. */
export function coreItemOf(
  itemCode: string,
  view: 'industry' | 'guangdong',
): CoreBenefitItem | null | undefined {
  const rule = BENEFIT_RULES.get(itemCode);
  if (rule) return view === 'industry' ? rule.industryItem : rule.guangdongItem;
  return freeItem(itemCode)?.core;
}

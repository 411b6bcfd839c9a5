/**
 * Rows ↔ API JSON ↔ the core's models. The schema's enumerations are snake_case, the core's aggregation model
 * kebab-case; these tables are the one place that translates them (checked complete by the compiler).
 */
import type {
  EVIDENCE_KIND_VALUES,
  OPTION_COST_CLASS_VALUES,
  OPTION_GD_CATEGORY_VALUES,
  OPTION_LEVEL_VALUES,
  OPTION_STATUS_VALUES,
  OPTION_TYPE_VALUES,
  OptionJson,
} from '@cpaudit/contract';
import type {
  BenefitLine,
  CpOption as CoreOption,
  OptionType as CoreOptionType,
  CostClass,
  GdCategory,
  Target,
  TargetType,
} from '@cpaudit/core';
import type {
  AuditTarget,
  COST_CLASSES,
  CpOption as CpOptionRow,
  EVIDENCE_KINDS,
  GD_OPTION_CATEGORIES,
  OPTION_LEVELS,
  OPTION_STATUSES,
  OPTION_TYPES,
  OptionBenefit,
  TARGET_TYPES,
} from '../../db/index.ts';
import { cpOptions, optionBenefits } from '../../db/index.ts';
import { coreItemOf } from './catalogue.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Values<T extends readonly unknown[]> = T[number];

/** The contract's enumerations are the schema's (a mismatch fails to compile). */
export const ENUMS_MATCH_SCHEMA = {
  levels: true satisfies Same<Values<typeof OPTION_LEVELS>, Values<typeof OPTION_LEVEL_VALUES>>,
  types: true satisfies Same<Values<typeof OPTION_TYPES>, Values<typeof OPTION_TYPE_VALUES>>,
  categories: true satisfies Same<
    Values<typeof GD_OPTION_CATEGORIES>,
    Values<typeof OPTION_GD_CATEGORY_VALUES>
  >,
  costClasses: true satisfies Same<Values<typeof COST_CLASSES>, Values<typeof OPTION_COST_CLASS_VALUES>>,
  statuses: true satisfies Same<Values<typeof OPTION_STATUSES>, Values<typeof OPTION_STATUS_VALUES>>,
  evidenceKinds: true satisfies Same<Values<typeof EVIDENCE_KINDS>, Values<typeof EVIDENCE_KIND_VALUES>>,
} as const;

export type DbOptionType = Values<typeof OPTION_TYPES>;
export type DbCostClass = Values<typeof COST_CLASSES>;

/** Appendix B 6.1 option types: schema → core. */
export const CORE_OPTION_TYPE: Readonly<Record<DbOptionType, CoreOptionType>> = {
  raw_material_substitution: 'raw-material-substitution',
  process_equipment_retrofit: 'process-equipment',
  process_control: 'process-control',
  energy_saving: 'energy-saving',
  resource_reuse: 'resource-reuse',
  end_of_pipe: 'end-of-pipe',
  management_staff: 'management-staff',
};

/** Guangdong form note 9 categories: schema → core. */
export const CORE_GD_CATEGORY: Readonly<Record<Values<typeof GD_OPTION_CATEGORIES>, GdCategory>> = {
  raw_materials_energy: 'raw-materials-energy',
  technology: 'technology',
  equipment: 'equipment',
  process_control: 'process-control',
  product: 'product',
  waste: 'waste',
  management: 'management',
  staff: 'staff',
};

export const CORE_COST_CLASS: Readonly<Record<DbCostClass, CostClass>> = {
  no_low: 'no-low',
  mid_high: 'mid-high',
};

/** Guideline 7.2.3.4 target types: schema → core (Appendix B table 7.3 rows). */
export const CORE_TARGET_TYPE: Readonly<Record<Values<typeof TARGET_TYPES>, TargetType>> = {
  pollutant_reduction: 'pollutant',
  ghg_reduction: 'ghg',
  resource_efficiency: 'resource-energy',
  cp_level: 'cp-level',
  other: 'other',
};

export interface OptionRowWithJoins extends CpOptionRow {
  enterpriseName: string | null;
  costClassEffective: DbCostClass;
}

function iso(d: Date): string {
  return d.toISOString();
}

export function optionJson(r: OptionRowWithJoins): OptionJson {
  return {
    id: r.id,
    auditId: r.auditId,
    mandatoryAuditId: r.mandatoryAuditId,
    level: r.level,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    parentId: r.parentId,
    code: r.code,
    name: r.name,
    summary: r.summary,
    keyPoints: r.keyPoints,
    optionType: r.optionType,
    gdCategory: r.gdCategory,
    performanceClass: r.performanceClass,
    costClass: r.costClass,
    costClassEffective: r.costClassEffective,
    isKey: r.isKey,
    industryApproach: r.industryApproach,
    investmentPlanned_wanYuan: r.investmentPlanned_wanYuan,
    investmentActual_wanYuan: r.investmentActual_wanYuan,
    economicBenefitExpected_wanYuanPerYear: r.economicBenefitExpected_wanYuanPerYear,
    economicBenefitActual_wanYuanPerYear: r.economicBenefitActual_wanYuanPerYear,
    environmentalBenefitText: r.environmentalBenefitText,
    economicBenefitText: r.economicBenefitText,
    responsibleUnit: r.responsibleUnit,
    status: r.status,
    statusChangedAt: iso(r.statusChangedAt),
    rejectionReason: r.rejectionReason,
    screeningScore: r.screeningScore,
    paybackYears: r.paybackYears,
    npv_wanYuan: r.npv_wanYuan,
    irr: r.irr,
    npvr: r.npvr,
    plannedStart: r.plannedStart,
    plannedFinish: r.plannedFinish,
    implementedOn: r.implementedOn,
    verifiedOn: r.verifiedOn,
    verifiedBy: r.verifiedBy,
    sortOrder: r.sortOrder,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** The columns of a stored option that `coreOptions` reads (select only these: rows map column by column). */
export const CORE_OPTION_COLUMNS = {
  id: cpOptions.id,
  name: cpOptions.name,
  code: cpOptions.code,
  level: cpOptions.level,
  enterpriseId: cpOptions.enterpriseId,
  optionType: cpOptions.optionType,
  gdCategory: cpOptions.gdCategory,
  isKey: cpOptions.isKey,
  status: cpOptions.status,
  costClass: cpOptions.costClass,
  investmentPlanned_wanYuan: cpOptions.investmentPlanned_wanYuan,
  investmentActual_wanYuan: cpOptions.investmentActual_wanYuan,
  economicBenefitExpected_wanYuanPerYear: cpOptions.economicBenefitExpected_wanYuanPerYear,
  economicBenefitActual_wanYuanPerYear: cpOptions.economicBenefitActual_wanYuanPerYear,
} as const;
export type CoreOptionSource = Pick<CpOptionRow, keyof typeof CORE_OPTION_COLUMNS>;

/** The columns of a stored benefit line that `coreOptions` reads. */
export const CORE_BENEFIT_COLUMNS = {
  optionId: optionBenefits.optionId,
  basis: optionBenefits.basis,
  itemCode: optionBenefits.itemCode,
  name: optionBenefits.name,
  quantity: optionBenefits.quantity,
  unit: optionBenefits.unit,
} as const;
export type CoreBenefitSource = Pick<OptionBenefit, keyof typeof CORE_BENEFIT_COLUMNS>;

/**
 * The core item of each stored item code for one view, looked up once per code (a 500-enterprise audit has
 * 10 000 lines of a few dozen codes).
 */
function itemLookup(
  view: 'industry' | 'guangdong',
): (code: string) => BenefitLine['item'] | null | undefined {
  const known = new Map<string, BenefitLine['item'] | null | undefined>();
  return (code) => {
    if (known.has(code)) return known.get(code);
    const item = coreItemOf(code, view);
    known.set(code, item);
    return item;
  };
}

function byBasisAndItem(x: CoreBenefitSource, y: CoreBenefitSource): number {
  if (x.basis !== y.basis) return x.basis < y.basis ? -1 : 1;
  return x.itemCode < y.itemCode ? -1 : x.itemCode > y.itemCode ? 1 : 0;
}

/** A stored line as the core's line of `item`; free items keep their name. */
function coreLine(b: CoreBenefitSource, item: BenefitLine['item']): BenefitLine {
  if (item === 'other-pollutant' || item === 'other-resource') {
    return {
      item,
      quantity: b.quantity,
      unit: b.unit,
      name: b.name ?? b.itemCode.split('.').pop() ?? b.itemCode,
    };
  }
  return { item, quantity: b.quantity, unit: b.unit };
}

export interface CoreOptionsRead {
  options: CoreOption[];
  /** How stored rows were read where the core needs a value the row does not hold. */
  notes: string[];
}

/** The entered economic benefit plus the avoided tax when it is to be added (note 15); undefined when neither is. */
function withAvoidedTax(entered: number | null, avoided: number | undefined): number | undefined {
  if (entered === null && (avoided === undefined || avoided === 0)) return undefined;
  return (entered ?? 0) + (avoided ?? 0);
}

/**
 * The core's option model of stored options and their benefit rows. Planned investment missing → the actual
 * investment, else 0 (noted). An option without a type (mandatory audits use the form's categories) is passed as
 * `management-staff` for the Guangdong totals, where the type plays no part (noted).
 */
export function coreOptions(
  rows: readonly CoreOptionSource[],
  benefits: readonly CoreBenefitSource[],
  view: 'industry' | 'guangdong',
  /**
   * Form note 15: the avoided environmental tax (万元/a) of the options whose entered economic benefit leaves it
   * out (`add_avoided_tax`), added to that benefit; options absent here count their figure as entered.
   */
  avoidedTax?: ReadonlyMap<string, { expected: number; actual: number }>,
): CoreOptionsRead {
  const byOption = new Map<string, CoreBenefitSource[]>();
  for (const b of benefits) {
    const list = byOption.get(b.optionId);
    if (list) list.push(b);
    else byOption.set(b.optionId, [b]);
  }
  // Each option's lines by basis and item (unique per option): the core then sums in the same order at every read,
  // whatever order the rows were read in.
  for (const list of byOption.values()) if (list.length > 1) list.sort(byBasisAndItem);
  const noPlanned: string[] = [];
  const noType: string[] = [];
  const skipped: string[] = [];
  const itemOf = itemLookup(view);
  // One pass per option, the object built property by property in the core's order (no spreads: this maps every
  // option of an audit, 5 000 for the largest; with spreads it cost 14–21 ms of a 90 ms table 7.2).
  const options = rows.map((r): CoreOption => {
    if (r.investmentPlanned_wanYuan === null) noPlanned.push(r.code ?? r.name);
    if (r.optionType === null) noType.push(r.code ?? r.name);
    const expected: BenefitLine[] = [];
    let actual: BenefitLine[] | undefined;
    for (const b of byOption.get(r.id) ?? []) {
      const item = itemOf(b.itemCode);
      // Actual lines, even all skipped, mean the option's actual benefits were entered.
      const into = b.basis === 'actual' ? (actual ?? []) : expected;
      if (b.basis === 'actual') actual = into;
      if (item === null || item === undefined) skipped.push(b.itemCode);
      else into.push(coreLine(b, item));
    }
    const o = { id: r.id, name: r.name, scope: r.level } as CoreOption;
    if (r.enterpriseId !== null) o.enterpriseId = r.enterpriseId;
    o.type = r.optionType === null ? 'management-staff' : CORE_OPTION_TYPE[r.optionType];
    if (r.gdCategory !== null) o.gdCategory = CORE_GD_CATEGORY[r.gdCategory];
    o.isKey = r.isKey;
    o.status = r.status;
    if (r.costClass !== null) o.costClass = CORE_COST_CLASS[r.costClass];
    o.investment_wanYuan = r.investmentPlanned_wanYuan ?? r.investmentActual_wanYuan ?? 0;
    if (r.investmentActual_wanYuan !== null) o.actualInvestment_wanYuan = r.investmentActual_wanYuan;
    const avoided = avoidedTax?.get(r.id);
    const econ = withAvoidedTax(r.economicBenefitExpected_wanYuanPerYear, avoided?.expected);
    if (econ !== undefined) o.economicBenefit_wanYuanPerYear = econ;
    const actualEcon = withAvoidedTax(r.economicBenefitActual_wanYuanPerYear, avoided?.actual);
    if (actualEcon !== undefined) o.actualEconomicBenefit_wanYuanPerYear = actualEcon;
    o.benefits = expected;
    if (actual !== undefined) o.actualBenefits = actual;
    return o;
  });
  const notes: string[] = [];
  if (noPlanned.length > 0) {
    notes.push(
      `${noPlanned.length} 个方案未填计划投资：按实际投资（无则为 0）划分无/低费与中/高费 / ${noPlanned.length} option(s) without a planned investment: the actual investment (else 0) stands in for it when classifying 无/低费 vs 中/高费: ${[
        ...noPlanned,
      ]
        .sort()
        .slice(0, 20)
        .join(', ')}${noPlanned.length > 20 ? ' …' : ''}`,
    );
  }
  if (view === 'guangdong' && noType.length > 0) {
    notes.push(
      `${noType.length} 个方案未填附录B方案类型：广东表的汇总不用类型（用表中类别及重点/一般） / ${noType.length} option(s) without an Appendix B option type: the Guangdong totals do not use the type (they use the form's categories and 重点/一般)`,
    );
  }
  if (skipped.length > 0) {
    const kinds = [...new Set(skipped)].join(', ');
    notes.push(
      view === 'guangdong'
        ? `${skipped.length} 条已录入的节能CO2减排量（${kinds}）未采用：表中节电、节煤、节油、节气的CO2由节约量计算（注13–14） / ${skipped.length} stored CO2 line(s) of savings (${kinds}) not passed: the form's CO2 of electricity, coal, oil and gas savings is computed from the savings (notes 13–14)`
        : `${skipped.length} 条效益未计入（${kinds}） / ${skipped.length} benefit line(s) not passed (${kinds})`,
    );
  }
  return { options, notes };
}

export interface TargetRead {
  target?: Target;
  reason?: string;
}

/**
 * A stored audit target as the core's target. The schema has no direction: a percent target is a reduction
 * except for 清洁生产水平提升 (more enterprises at level I/II); an absolute or intensity target decreases when the
 * near-term value is below the baseline and increases when above. Count and share measures are absolute levels.
 */
export function coreTarget(t: AuditTarget): TargetRead {
  if (t.baselineValue === null) {
    return { reason: '未填审核前（基准）值 / no baseline value (审核前/基准值) recorded' };
  }
  const kind = t.measure === 'percent' ? 'percent' : t.measure === 'intensity' ? 'intensity' : 'absolute';
  const direction =
    kind === 'percent'
      ? t.type === 'cp_level'
        ? 'increase'
        : 'decrease'
      : t.nearTermValue < t.baselineValue
        ? 'decrease'
        : 'increase';
  return {
    target: {
      id: t.id,
      type: CORE_TARGET_TYPE[t.type],
      indicator: t.indicator,
      unit: t.unit,
      kind,
      direction,
      baseline: t.baselineValue,
      nearTerm: t.nearTermValue,
      ...(t.longTermValue === null ? {} : { longTerm: t.longTermValue }),
      ...(t.achievedValue === null ? {} : { actual: t.achievedValue }),
    },
  };
}

/**
 * Settings of the aggregation, each with a stated default. Defaults that are conventions rather than clauses
 * (the 无/低费 threshold; water 1 m3 = 1 t, the energy module's FRESH_WATER_DENSITY) carry a Source saying so.
 */
import { z } from 'zod';
import { FRESH_WATER_DENSITY, findEnergyCarrier } from '../energy/index.ts';
import { CpError } from '../errors.ts';
import type { FactorRef, Source } from '../trace.ts';
import {
  OPTION_STATUSES,
  OPTION_TYPES,
  type OptionStatus,
  type OptionType,
  POLLUTANT_ITEMS,
  type PollutantItem,
} from './option.ts';

/** The four implemented-option classes of Appendix B table 7.2 (已实施方案类型数量). */
export const TABLE72_CLASSES = [
  'source-substitution',
  'process-innovation',
  'end-of-pipe',
  'environmental-management',
] as const;
export type Table72Class = (typeof TABLE72_CLASSES)[number];

export const TABLE72_CLASS_ZH: Readonly<Record<Table72Class, string>> = {
  'source-substitution': '源头替代方案',
  'process-innovation': '工艺革新方案',
  'end-of-pipe': '末端治理方案',
  'environmental-management': '环境管理方案',
};

/** Extra columns of the Guangdong 环境效益汇总 behind its `……` (note 12); the rest of the note's list is printed. */
export const GD_NOTE12_ITEMS: readonly PollutantItem[] = ['tp', 'particulates', 'vocs', 'co2'];

export interface AggregationSettings {
  /**
   * 无/低费 when the planned investment is below this (万元); otherwise 中/高费. An option's own `costClass` wins.
   * No clause fixes it (shared facts §5.3: thresholds vary by province); 5 万元 is a stated default.
   */
  noLowCostBelow_wanYuan: number;
  /** Option type (table 6.1) → class of table 7.2. */
  typeClass: Record<OptionType, Table72Class>;
  /** Statuses that count as implemented (已实施). */
  implementedStatuses: OptionStatus[];
  /** Statuses that count as pending (待实施). */
  pendingStatuses: OptionStatus[];
  /** Statuses counted as 提出的清洁生产方案 in the Guangdong option summary. */
  proposedStatuses: OptionStatus[];
  /** For implemented options, use actual investment / benefits when given (else the expected ones). */
  useActualWhenImplemented: boolean;
  /** Whose benefits fill the environmental and savings totals. */
  benefitsFrom: 'implemented' | 'implemented-and-pending';
  /** Guangdong 环境效益汇总: pollutant columns shown behind `……` even when zero (others appear when non-zero). */
  gdExtraPollutantColumns: PollutantItem[];
  /** Water given as a volume is converted to t with this density (t/m3). */
  waterDensity_tPerM3: number;
  /** Comprehensive energy of options without a `comprehensive-energy` line: computed from their energy savings. */
  computeComprehensiveEnergy: boolean;
  /**
   * Which energy carrier (energy module, GB/T 2589 coefficient rows) each saving item stands for when converted to
   * standard coal: 节煤 as 原煤, 节油 as 原油 (the Guangdong form's note 13 uses 原油), 节天然气 as 天然气, 节蒸汽
   * as 低压蒸汽.
   */
  energyCarriers: { coal: string; oil: string; naturalGas: string; steam: string };
  /** Electricity converted at 当量值 (GB/T 2589 综合能耗, default) or 等价值. */
  electricityBasis: 'equivalent' | 'equal-value';
}

/** The stated defaults. */
export const DEFAULT_AGGREGATION_SETTINGS: Readonly<AggregationSettings> = Object.freeze<AggregationSettings>(
  {
    noLowCostBelow_wanYuan: 5,
    typeClass: {
      'raw-material-substitution': 'source-substitution',
      'process-equipment': 'process-innovation',
      'process-control': 'process-innovation',
      'energy-saving': 'process-innovation',
      'resource-reuse': 'process-innovation',
      'end-of-pipe': 'end-of-pipe',
      'management-staff': 'environmental-management',
    },
    implementedStatuses: ['implemented', 'verified'],
    pendingStatuses: ['feasible', 'implementing'],
    proposedStatuses: [...OPTION_STATUSES],
    useActualWhenImplemented: true,
    benefitsFrom: 'implemented',
    gdExtraPollutantColumns: [...GD_NOTE12_ITEMS],
    waterDensity_tPerM3: FRESH_WATER_DENSITY.value,
    computeComprehensiveEnergy: true,
    energyCarriers: {
      coal: 'raw-coal',
      oil: 'crude-oil',
      naturalGas: 'natural-gas',
      steam: 'steam-low-pressure',
    },
    electricityBasis: 'equivalent',
  },
);

export const SRC_NO_LOW_COST_THRESHOLD: Source = {
  document: 'cpaudit 默认设置：无/低费方案投资阈值',
  clause: '无/低费 < 5 万元 ≤ 中/高费',
  status: 'unverified',
  note: 'no clause fixes the threshold (shared domain facts §5.3, thresholds vary by province and size); change it in the settings',
};

export function thresholdFactor(s: AggregationSettings): FactorRef {
  return {
    id: 'aggregation.no-low-cost-below',
    name: '无/低费方案投资上限（不含）',
    value: s.noLowCostBelow_wanYuan,
    unit: '万元',
    source: SRC_NO_LOW_COST_THRESHOLD,
  };
}

/** The density used for water volumes: the energy module's 新鲜水 convention, or the user's value. */
export function waterDensityFactor(s: AggregationSettings): FactorRef {
  if (s.waterDensity_tPerM3 === FRESH_WATER_DENSITY.value) return FRESH_WATER_DENSITY;
  return {
    id: 'user.water-density',
    name: '水密度（用户设定，体积换算为吨）',
    value: s.waterDensity_tPerM3,
    unit: 't/m3',
    source: { document: '用户设定：水密度', status: 'user' },
  };
}

const statusList = z.array(z.enum(OPTION_STATUSES));

/** Partial settings as JSON: anything left out takes its default. */
export const aggregationSettingsSchema = z.strictObject({
  noLowCostBelow_wanYuan: z.number().min(0).optional(),
  typeClass: z.partialRecord(z.enum(OPTION_TYPES), z.enum(TABLE72_CLASSES)).optional(),
  implementedStatuses: statusList.optional(),
  pendingStatuses: statusList.optional(),
  proposedStatuses: statusList.optional(),
  useActualWhenImplemented: z.boolean().optional(),
  benefitsFrom: z.enum(['implemented', 'implemented-and-pending']).optional(),
  gdExtraPollutantColumns: z.array(z.enum(POLLUTANT_ITEMS)).optional(),
  waterDensity_tPerM3: z.number().positive().optional(),
  computeComprehensiveEnergy: z.boolean().optional(),
  energyCarriers: z
    .strictObject({
      coal: z.string().min(1).optional(),
      oil: z.string().min(1).optional(),
      naturalGas: z.string().min(1).optional(),
      steam: z.string().min(1).optional(),
    })
    .optional(),
  electricityBasis: z.enum(['equivalent', 'equal-value']).optional(),
});

export type AggregationSettingsInput = z.input<typeof aggregationSettingsSchema>;

/**
 * Merges partial settings over the defaults and checks them.
 * @throws CpError VALIDATION (field `settings.…`) for a negative threshold or a status both implemented and pending.
 */
export function resolveSettings(partial: AggregationSettingsInput = {}): AggregationSettings {
  const d = DEFAULT_AGGREGATION_SETTINGS;
  const s: AggregationSettings = {
    noLowCostBelow_wanYuan: partial.noLowCostBelow_wanYuan ?? d.noLowCostBelow_wanYuan,
    typeClass: { ...d.typeClass, ...partial.typeClass },
    implementedStatuses: [...(partial.implementedStatuses ?? d.implementedStatuses)],
    pendingStatuses: [...(partial.pendingStatuses ?? d.pendingStatuses)],
    proposedStatuses: [...(partial.proposedStatuses ?? d.proposedStatuses)],
    useActualWhenImplemented: partial.useActualWhenImplemented ?? d.useActualWhenImplemented,
    benefitsFrom: partial.benefitsFrom ?? d.benefitsFrom,
    gdExtraPollutantColumns: [...(partial.gdExtraPollutantColumns ?? d.gdExtraPollutantColumns)],
    waterDensity_tPerM3: partial.waterDensity_tPerM3 ?? d.waterDensity_tPerM3,
    computeComprehensiveEnergy: partial.computeComprehensiveEnergy ?? d.computeComprehensiveEnergy,
    energyCarriers: {
      coal: partial.energyCarriers?.coal ?? d.energyCarriers.coal,
      oil: partial.energyCarriers?.oil ?? d.energyCarriers.oil,
      naturalGas: partial.energyCarriers?.naturalGas ?? d.energyCarriers.naturalGas,
      steam: partial.energyCarriers?.steam ?? d.energyCarriers.steam,
    },
    electricityBasis: partial.electricityBasis ?? d.electricityBasis,
  };
  for (const [k, id] of Object.entries(s.energyCarriers)) {
    if (!findEnergyCarrier(id)) {
      throw new CpError('UNKNOWN_REFERENCE', `settings.energyCarriers.${k}: unknown energy carrier "${id}"`, {
        field: `settings.energyCarriers.${k}`,
      });
    }
  }
  if (!Number.isFinite(s.noLowCostBelow_wanYuan) || s.noLowCostBelow_wanYuan < 0) {
    throw new CpError('VALIDATION', 'settings.noLowCostBelow_wanYuan must be a number ≥ 0', {
      field: 'settings.noLowCostBelow_wanYuan',
    });
  }
  if (!Number.isFinite(s.waterDensity_tPerM3) || s.waterDensity_tPerM3 <= 0) {
    throw new CpError('VALIDATION', 'settings.waterDensity_tPerM3 must be a number > 0', {
      field: 'settings.waterDensity_tPerM3',
    });
  }
  const both = s.implementedStatuses.find((st) => s.pendingStatuses.includes(st));
  if (both !== undefined) {
    throw new CpError('VALIDATION', `status "${both}" cannot be both implemented and pending`, {
      field: 'settings.pendingStatuses',
    });
  }
  return s;
}

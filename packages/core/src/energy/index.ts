/**
 * 综合能耗: GB/T 2589 standard-coal coefficients as data, conversion to standard coal, comprehensive energy
 * consumption and intensities.
 */
export {
  type CoalCoefficientTable,
  coefficientFactorRef,
  coefficientsOfCarrier,
  ENERGY_CARRIER_IDS,
  ENERGY_CARRIERS,
  type EnergyBasis,
  type EnergyCarrier,
  type EnergyCarrierId,
  type EnergyCarrierKind,
  FRESH_WATER_DENSITY,
  findEnergyCarrier,
  findStandardCoalCoefficient,
  KJ_PER_KGCE,
  SRC_FRESH_WATER_CODE,
  SRC_GBT2589_2008_TABLE,
  SRC_GBT2589_2008_UNVERIFIED,
  SRC_GBT2589_2020_GD,
  SRC_GBT2589_DEFINITION,
  SRC_NBS_REFERENCE,
  STANDARD_COAL_COEFFICIENTS,
  type StandardCoalCoefficient,
  type ValueRange,
} from './coefficients.ts';
export {
  type EnergyInput,
  type EnergyIntensityRequest,
  type EnergyIntensityResult,
  type EnergyResult,
  energyCalculation,
  energyFromJson,
  energyInputSchema,
} from './energy-json.ts';
export {
  CLAUSE_INTENSITY,
  type Intensity,
  type IntensityInput,
  intensity,
  intensityFromJson,
  intensityInputSchema,
} from './intensity.ts';
export {
  CLAUSE_COMPREHENSIVE_ENERGY,
  CLAUSE_STANDARD_COAL,
  type CoefficientOverride,
  type ComprehensiveEnergy,
  type ComprehensiveEnergyInput,
  type ComprehensiveEnergyItem,
  type ComprehensiveEnergyLine,
  comprehensiveEnergy,
  comprehensiveEnergyFromJson,
  comprehensiveEnergyInputSchema,
  comprehensiveEnergyItemSchema,
  type StandardCoal,
  type ToStandardCoalInput,
  toStandardCoal,
  toStandardCoalFromJson,
  toStandardCoalInputSchema,
} from './standard-coal.ts';

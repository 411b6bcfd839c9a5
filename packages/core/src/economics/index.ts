export {
  type DecisionCriterion,
  type EconomicsInput,
  economicsFromJson,
  economicsInputSchema,
  type IrrStatus,
  type OptionEconomics,
  optionEconomics,
  type PaybackStatus,
} from './economics.ts';
export {
  DEFAULT_INCOME_TAX_RATE,
  DEFAULT_INTERPOLATION_STEP_FRACTION,
  PAYBACK_COST_CLASS_ZH,
  PAYBACK_LIMITS,
  type PaybackCostClass,
  SRC_ECONOMICS_METHOD,
} from './reference.ts';

/**
 * The annual-data domain: annual values and their submission workflow, data checks, indicator systems and
 * evaluations, reference data and calculations.
 */
import type { ServiceContext } from '../context.ts';
import { catalogueIndex } from './items.ts';

export { checkAnnualData } from './checks.ts';
export { benchmarkIndicator, evaluateEnterpriseYear, getEvaluation, listEvaluations } from './evaluations.ts';
export {
  listCalculations,
  listGridFactors,
  listStandardCoalCoefficients,
  runCalculation,
} from './reference.ts';
export {
  ensureBuiltInIndicatorSystems,
  getIndicatorSystem,
  importIndicatorSystem,
  listIndicatorSystems,
} from './systems.ts';
export {
  acceptAnnualData,
  getAnnualData,
  listAnnualSubmissions,
  listAnnualYears,
  returnAnnualData,
  saveAnnualValues,
  submitAnnualData,
} from './values.ts';

/** The item catalogue with the indicator items of the active systems. */
export async function listAnnualItems(ctx: ServiceContext) {
  const index = await catalogueIndex(ctx.database, ctx.db);
  return { items: index.items };
}

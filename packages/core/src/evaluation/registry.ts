/**
 * The indicator systems shipped with cpaudit. Imported systems (server, documents) are parsed with
 * `indicatorSystemSchema` and passed inline; this registry only holds the built-in ones.
 */
import { ELECTROPLATING_2015 } from './electroplating-2015.data.ts';
import type { IndicatorSystem } from './schema.ts';

export const INDICATOR_SYSTEMS: readonly IndicatorSystem[] = [ELECTROPLATING_2015];

/** The built-in system with this id, or undefined. */
export function findIndicatorSystem(id: string): IndicatorSystem | undefined {
  return INDICATOR_SYSTEMS.find((s) => s.id === id);
}

/**
 * Built-in systems applying to a GB/T 4754-2017 code: a system listed for `336` applies to the class `3360`, and a
 * system listed for `3360` applies when asked for `3360` or its group `336`.
 */
export function indicatorSystemsForIndustry(code: string): IndicatorSystem[] {
  const c = code.trim();
  if (c === '') return [];
  return INDICATOR_SYSTEMS.filter((s) => s.industry.some((i) => c.startsWith(i) || i.startsWith(c)));
}

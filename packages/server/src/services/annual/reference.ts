/**
 * Reference data of the core over HTTP (grid emission factors, standard-coal coefficients, each with its Source as
 * graded in the shared facts) and the calculations of the core's `CALCULATIONS` registry: the server computes
 * nothing itself, it looks up and runs.
 */
import {
  CALCULATIONS,
  CpError,
  DEFAULT_GRID_SERIES,
  ENERGY_CARRIERS,
  findEnergyCarrier,
  GRID_FACTORS,
  GRID_SERIES,
  normalizeGridRegion,
  STANDARD_COAL_COEFFICIENTS,
} from '@cpaudit/core';

export interface GridFactorsQuery {
  series?: string | undefined;
  region?: string | undefined;
  year?: number | undefined;
  scope?: 'national' | 'region' | 'province' | undefined;
}

export function listGridFactors(query: GridFactorsQuery) {
  const region = query.region === undefined ? undefined : normalizeGridRegion(query.region);
  const items = GRID_FACTORS.filter(
    (f) =>
      (query.series === undefined || f.series === query.series) &&
      (region === undefined || f.region === region) &&
      (query.year === undefined || f.dataYear === query.year) &&
      (query.scope === undefined || f.scope === query.scope),
  );
  return {
    series: Object.values(GRID_SERIES).map((s) => ({ id: s.id, name: s.name, regionScheme: s.regionScheme })),
    defaultSeries: DEFAULT_GRID_SERIES,
    items: items.map((f) => ({ ...f, source: { ...f.source } })),
  };
}

export function listStandardCoalCoefficients(query: { carrier?: string | undefined }) {
  let carrierId: string | undefined;
  if (query.carrier !== undefined) {
    const c = findEnergyCarrier(query.carrier);
    if (c === undefined) {
      throw new CpError('UNKNOWN_REFERENCE', `carrier: unknown energy carrier "${query.carrier}"`, {
        field: 'carrier',
      });
    }
    carrierId = c.id;
  }
  return {
    carriers: ENERGY_CARRIERS.filter((c) => carrierId === undefined || c.id === carrierId).map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      defaultCoefficientId: c.defaultCoefficientId,
      defaultNote: c.defaultNote ?? null,
      density: c.density ?? null,
    })),
    coefficients: STANDARD_COAL_COEFFICIENTS.filter(
      (r) => carrierId === undefined || r.carrier === carrierId,
    ).map((r) => ({
      id: r.id,
      carrier: r.carrier,
      table: r.table,
      name: r.name,
      basis: r.basis,
      ncv: r.ncv ?? null,
      ncvKcal: r.ncvKcal ?? null,
      coefficient: { ...r.coefficient, defaultNote: r.coefficient.defaultNote ?? null },
      source: r.source,
    })),
  };
}

export function listCalculations() {
  return { items: CALCULATIONS.map((c) => ({ name: c.name, summary: c.summary, example: c.example })) };
}

/** Runs the calculation `name` on `json`; bad input is the core's CpError (VALIDATION, UNIT, … naming the field). */
export function runCalculation(name: string, json: unknown) {
  const calc = CALCULATIONS.find((c) => c.name === name);
  if (calc === undefined) {
    throw new CpError(
      'NOT_FOUND',
      `no calculation "${name}" (known: ${CALCULATIONS.map((c) => c.name).join(', ')})`,
      { field: 'name' },
    );
  }
  const { value, breakdown } = calc.run(json);
  return { name: calc.name, result: value, breakdown };
}

import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { aggregateFromJson } from './from-json.ts';
import { SAMPLE_OPTIONS } from './test-options.ts';

function errorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

/** The sample options as they arrive from the CLI: plain JSON. */
const json = JSON.parse(JSON.stringify(SAMPLE_OPTIONS));

describe('aggregateFromJson', () => {
  it('industry report', () => {
    const r = aggregateFromJson({
      report: 'industry',
      options: json,
      settings: { noLowCostBelow_wanYuan: 5 },
    });
    expect(r.report).toBe('industry');
    if (r.report !== 'industry') return;
    expect(r.value.table72.optionCount.total).toBe(7); // as in industry-report.test.ts
  });
  it('Guangdong form with a grid factor looked up in the carbon tables', () => {
    const r = aggregateFromJson({
      report: 'guangdong',
      options: json,
      gridFactor: { region: '广东', dataYear: 2022 },
    });
    expect(r.report).toBe('guangdong');
    if (r.report !== 'guangdong') return;
    const key = r.value.savingsSummary.rows.find((x) => x.key === 'key');
    // 广东 2022 = 0.4403 tCO2/MWh (shared facts §2.1): 300 MWh × 0.4403 = 132.09.
    expect(key?.values['electricity-co2']).toBeCloseTo(132.09, 9);
  });
  it('Guangdong form with a user-cited grid factor', () => {
    const r = aggregateFromJson({
      report: 'guangdong',
      options: json,
      gridFactor: { value_tCO2PerMWh: 0.5, name: '南方电网 OM（用户引用）' },
    });
    if (r.report !== 'guangdong') throw new Error('report');
    const total = r.value.savingsSummary.rows.find((x) => x.key === 'total');
    // 320 MWh × 0.5 = 160 tCO2.
    expect(total?.values['electricity-co2']).toBeCloseTo(160, 9);
  });
  it('zod issues become VALIDATION errors with the field path', () => {
    const bad = JSON.parse(JSON.stringify(SAMPLE_OPTIONS));
    bad[2].investment_wanYuan = -3;
    const e = errorOf(() => aggregateFromJson({ report: 'industry', options: bad }));
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe('options.2.investment_wanYuan');
    expect(errorOf(() => aggregateFromJson({ report: 'other', options: [] })).code).toBe('VALIDATION');
    expect(errorOf(() => aggregateFromJson({ report: 'guangdong', options: [] })).field).toBe('gridFactor');
    const noName = JSON.parse(JSON.stringify(SAMPLE_OPTIONS));
    noName[0].actualBenefits[2].name = undefined;
    expect(errorOf(() => aggregateFromJson({ report: 'industry', options: noName })).field).toBe(
      'options.0.actualBenefits.2.name',
    );
  });
  it('a unit of the wrong dimension is a UNIT error naming the line', () => {
    const bad = JSON.parse(JSON.stringify(SAMPLE_OPTIONS));
    bad[3].actualBenefits[4].unit = 'kg/a'; // O4's electricity line
    const e = errorOf(() => aggregateFromJson({ report: 'industry', options: bad }));
    expect(e.code).toBe('UNIT');
    expect(e.field).toBe('options.3.actualBenefits.4.unit');
  });
  it('an unknown grid region is reported under gridFactor', () => {
    const e = errorOf(() =>
      aggregateFromJson({ report: 'guangdong', options: [], gridFactor: { region: '火星' } }),
    );
    expect(e.code).toBe('UNKNOWN_REFERENCE');
    expect(e.field).toBe('gridFactor.region');
  });
});

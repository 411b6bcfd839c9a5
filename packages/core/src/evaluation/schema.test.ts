import { describe, expect, it } from 'vitest';
import { ELECTROPLATING_2015 } from './electroplating-2015.data.ts';
import { findIndicatorSystem, INDICATOR_SYSTEMS, indicatorSystemsForIndustry } from './registry.ts';
import { type IndicatorSystem, indicatorSystemSchema } from './schema.ts';

/** Issues of a failed parse as `path: message` lines. */
function issues(json: unknown): string[] {
  const r = indicatorSystemSchema.safeParse(json);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function withGroup(
  sys: IndicatorSystem,
  gi: number,
  patch: (g: IndicatorSystem['groups'][number]) => unknown,
) {
  return { ...sys, groups: sys.groups.map((g, i) => (i === gi ? patch(g) : g)) };
}

describe('indicatorSystemSchema', () => {
  it('accepts the shipped electroplating system', () => {
    expect(issues(ELECTROPLATING_2015)).toEqual([]);
  });

  it('first-level weights must sum to 1', () => {
    // 0.33 → 0.3: Σ w_i = 0.97.
    const bad = withGroup(ELECTROPLATING_2015, 0, (g) => ({ ...g, weight: 0.3 }));
    expect(issues(bad)).toEqual(['groups: first-level weights sum to 0.97, expected 1']);
  });

  it('shared pools count once: 0.8 shared + 0.2 = 1; a second 0.2 breaks it', () => {
    const bad = withGroup(ELECTROPLATING_2015, 2, (g) => ({
      ...g,
      indicators: g.indicators.map((i) => (i.id === 'water-reuse-rate' ? { ...i, weight: 0.4 } : i)),
    }));
    expect(issues(bad)[0]).toMatch(
      /^groups\.2\.indicators: second-level weights of group "resource-utilisation" sum to 1\.2/,
    );
  });

  it('a pool with two different totals is refused', () => {
    const bad = withGroup(ELECTROPLATING_2015, 2, (g) => ({
      ...g,
      indicators: g.indicators.map((i) =>
        i.id === 'gold-utilisation'
          ? { ...i, weight: { shared: 0.7, splitAmongApplicable: true, pool: 'metal-utilisation' } }
          : i,
      ),
    }));
    expect(issues(bad).some((m) => m.includes('two totals'))).toBe(true);
  });

  it('benchmarks must be ordered with the direction (Ⅰ strictest); equal adjacent values pass', () => {
    // rinse water 'le': Ⅰ 8, Ⅱ 24, Ⅲ 40. Ⅱ = 6 < Ⅰ = 8 is reversed.
    const reversed = withGroup(ELECTROPLATING_2015, 1, (g) => ({
      ...g,
      indicators: g.indicators.map((i) =>
        i.kind === 'quantitative' ? { ...i, benchmarks: { I: 8, II: 6, III: 40 } } : i,
      ),
    }));
    expect(issues(reversed)[0]).toMatch(
      /^groups\.1\.indicators\.0\.benchmarks\.II: .*level I benchmark 8 must be at least as strict as level II benchmark 6/,
    );
    const equal = withGroup(ELECTROPLATING_2015, 1, (g) => ({
      ...g,
      indicators: g.indicators.map((i) =>
        i.kind === 'quantitative' ? { ...i, benchmarks: { I: 8, II: 8, III: 40 } } : i,
      ),
    }));
    expect(issues(equal)).toEqual([]);
    // 'ge' zinc: Ⅰ 82, Ⅲ 85 (Ⅱ absent) is reversed.
    const ge = withGroup(ELECTROPLATING_2015, 2, (g) => ({
      ...g,
      indicators: g.indicators.map((i) =>
        i.id === 'zinc-utilisation' && i.kind === 'quantitative'
          ? { ...i, benchmarks: { I: 82, III: 85 } }
          : i,
      ),
    }));
    expect(issues(ge)[0]).toMatch(/benchmarks\.III/);
  });

  it('an indicator needs at least one benchmark; ids are unique', () => {
    const none = withGroup(ELECTROPLATING_2015, 1, (g) => ({
      ...g,
      indicators: g.indicators.map((i) => ({ ...i, benchmarks: {} })),
    }));
    expect(issues(none)[0]).toMatch(/has no benchmark/);
    const dup = withGroup(ELECTROPLATING_2015, 1, (g) => ({
      ...g,
      indicators: g.indicators.map((i) => ({ ...i, id: 'cleaner-process' })),
    }));
    expect(issues(dup)[0]).toBe('groups.1.indicators.0.id: duplicate indicator id "cleaner-process"');
  });

  it('refuses a bad industry code and an unknown method', () => {
    expect(issues({ ...ELECTROPLATING_2015, industry: ['33600'] })[0]).toMatch(
      /^industry\.0: GB\/T 4754-2017 code expected/,
    );
    expect(issues({ ...ELECTROPLATING_2015, method: 'p-2007' })[0]).toMatch(/^method/);
  });
});

describe('electroplating 2015 data (shared facts §4.3)', () => {
  const rows = ELECTROPLATING_2015.groups.flatMap((g) => g.indicators);

  it('rows 1–12 are verified on the page, the rest unverified; the system as a whole is unverified', () => {
    expect(rows).toHaveLength(25);
    expect(rows.slice(0, 12).every((r) => r.status === 'verified-page')).toBe(true);
    expect(rows.slice(12).every((r) => r.status === 'unverified')).toBe(true);
    expect(ELECTROPLATING_2015.source.status).toBe('unverified');
    expect(ELECTROPLATING_2015.industry).toEqual(['3360']);
  });

  it('first-level weights 0.33 / 0.1 / 0.18 / 0.16 / 0.23 as in the facts table', () => {
    expect(ELECTROPLATING_2015.groups.map((g) => [g.name, g.weight])).toEqual([
      ['生产工艺及装备', 0.33],
      ['资源消耗', 0.1],
      ['资源综合利用', 0.18],
      ['污染物产生', 0.16],
      ['清洁生产管理', 0.23],
    ]);
  });

  it('rinse water is the limiting ≤ indicator 8 / 24 / 40 L/m²', () => {
    const r = rows.find((x) => x.id === 'rinse-water-per-area');
    expect(r).toMatchObject({
      kind: 'quantitative',
      unit: 'L/m2',
      direction: 'le',
      limiting: true,
      benchmarks: { I: 8, II: 24, III: 40 },
    });
  });

  it('Ⅲ texts the excerpt does not show are stated as not shown, not invented', () => {
    const notShown = rows.filter((r) => r.benchmarks.III === '(原文摘录未显示)').map((r) => r.id);
    expect(notShown.slice(0, 3)).toEqual(['cleaner-process', 'process-control', 'water-saving-facilities']);
    expect(rows.find((r) => r.id === 'plating-line')?.benchmarks.III).toBe('电镀生产线采用节能措施');
  });
});

describe('registry', () => {
  it('finds the shipped system by id and by industry code', () => {
    expect(INDICATOR_SYSTEMS.map((s) => s.id)).toEqual(['electroplating-2015-table1']);
    expect(findIndicatorSystem('electroplating-2015-table1')).toBe(ELECTROPLATING_2015);
    expect(findIndicatorSystem('x')).toBeUndefined();
    expect(indicatorSystemsForIndustry('3360')).toEqual([ELECTROPLATING_2015]);
    expect(indicatorSystemsForIndustry('336')).toEqual([ELECTROPLATING_2015]);
    expect(indicatorSystemsForIndustry('3350')).toEqual([]);
    expect(indicatorSystemsForIndustry('')).toEqual([]);
  });
});

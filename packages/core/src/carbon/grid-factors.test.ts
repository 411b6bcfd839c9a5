import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import {
  findGridFactor,
  GRID_FACTORS,
  GRID_REGIONS,
  gridFactorFromUser,
  gridRegionOfProvince,
  normalizeGridRegion,
  PROVINCE_GRID_REGIONS,
} from './grid-factors.ts';

function cpErrorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

describe('grid factor data', () => {
  it('ids are unique, values plausible (0 < v < 2 tCO2/MWh), every row has a source status', () => {
    const ids = GRID_FACTORS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of GRID_FACTORS) {
      expect(f.value_tCO2PerMWh, f.id).toBeGreaterThan(0);
      expect(f.value_tCO2PerMWh, f.id).toBeLessThan(2);
      expect(f.source.status, f.id).toBeTruthy();
    }
  });

  it('MEE/NBS average: national 2021–2023, 7 regions × 3 years, 30 provinces × 2021–2022, 6 provinces in 2023', () => {
    const avg = GRID_FACTORS.filter((f) => f.series === 'mee-nbs-average');
    expect(avg.filter((f) => f.scope === 'national').map((f) => f.value_tCO2PerMWh)).toEqual([
      0.5568, 0.5366, 0.5306,
    ]);
    expect(avg.filter((f) => f.scope === 'region')).toHaveLength(21);
    expect(avg.filter((f) => f.scope === 'province' && f.dataYear === 2021)).toHaveLength(30);
    expect(avg.filter((f) => f.scope === 'province' && f.dataYear === 2022)).toHaveLength(30);
    expect(
      avg
        .filter((f) => f.scope === 'province' && f.dataYear === 2023)
        .map((f) => f.region)
        .sort(),
    ).toEqual(['上海', '北京', '四川', '广东', '江苏', '浙江'].sort());
  });

  it('each regional average lies between its provinces’ values (checks the data and the region map)', () => {
    // A regional average is a generation-weighted mean of its provinces, so min ≤ region ≤ max.
    for (const year of [2021, 2022]) {
      for (const region of GRID_REGIONS) {
        const provinces = PROVINCE_GRID_REGIONS.filter((p) => p.region === region).map((p) => p.name);
        const values = GRID_FACTORS.filter(
          (f) => f.series === 'mee-nbs-average' && f.dataYear === year && provinces.includes(f.region),
        ).map((f) => f.value_tCO2PerMWh);
        const r = findGridFactor({ region, dataYear: year }).value_tCO2PerMWh;
        expect(r, `${region} ${year}`).toBeGreaterThanOrEqual(Math.min(...values));
        expect(r, `${region} ${year}`).toBeLessThanOrEqual(Math.max(...values));
      }
    }
  });

  it('values printed on pages are verified-page; the rest keep their grade', () => {
    expect(findGridFactor({ region: '河北', dataYear: 2022 }).source.status).toBe('verified-page');
    expect(findGridFactor({ region: '广东', dataYear: 2022 }).source.status).toBe('verified-cross-checked');
    expect(findGridFactor({ region: '广东', dataYear: 2023 }).source.status).toBe('code-only');
    expect(findGridFactor({ region: '全国', series: 'mee-ghg-reporting' }).source.status).toBe('unverified');
    expect(findGridFactor({ region: '华北', series: 'cdm-om' }).source.status).toBe('code-only');
    expect(findGridFactor({ region: '华北', series: 'cdm-bm' }).source.status).toBe('unverified');
  });

  it('31 provinces map to the 7 regions; 四川/重庆 are 华中 in the 6-region baseline scheme, 西藏 absent there', () => {
    expect(PROVINCE_GRID_REGIONS).toHaveLength(31);
    expect(gridRegionOfProvince('广东省')).toBe('南方');
    expect(gridRegionOfProvince('四川')).toBe('西南');
    expect(gridRegionOfProvince('四川', 'baseline-6')).toBe('华中');
    expect(gridRegionOfProvince('西藏自治区', 'baseline-6')).toBeUndefined();
    expect(gridRegionOfProvince('Atlantis')).toBeUndefined();
  });

  it('names normalise: 广西壮族自治区 → 广西, 华东区域电网 → 华东, 中国 → 全国, guangdong → 广东', () => {
    expect(normalizeGridRegion('广西壮族自治区')).toBe('广西');
    expect(normalizeGridRegion('华东区域电网')).toBe('华东');
    expect(normalizeGridRegion('中国')).toBe('全国');
    expect(normalizeGridRegion('guangdong')).toBe('广东');
    expect(normalizeGridRegion(' 上海市 ')).toBe('上海');
  });
});

describe('findGridFactor', () => {
  it('a province and year: 广东 2022 → 0.4403', () => {
    const f = findGridFactor({ region: '广东省', dataYear: 2022 });
    expect(f).toMatchObject({
      id: 'grid.mee-nbs-average.province.guangdong.2022',
      scope: 'province',
      region: '广东',
      value_tCO2PerMWh: 0.4403,
    });
  });

  it('no year: the newest the series has for that region (广东 2023 0.4419; 河南 2022 0.6058)', () => {
    expect(findGridFactor({ region: '广东' })).toMatchObject({ dataYear: 2023, value_tCO2PerMWh: 0.4419 });
    expect(findGridFactor({ region: '河南' })).toMatchObject({ dataYear: 2022, value_tCO2PerMWh: 0.6058 });
    expect(findGridFactor({ region: '全国' })).toMatchObject({ dataYear: 2023, value_tCO2PerMWh: 0.5306 });
  });

  it('a province falls back to its region only when asked (河南 2023 → 华中 0.5271)', () => {
    const e = cpErrorOf(() => findGridFactor({ region: '河南', dataYear: 2023 }));
    expect([e.code, e.field]).toEqual(['UNKNOWN_REFERENCE', 'dataYear']);
    expect(e.message).toMatch(/available: 2021, 2022/);
    const f = findGridFactor({ region: '河南', dataYear: 2023, fallbackToRegion: true });
    expect(f).toMatchObject({ region: '华中', dataYear: 2023, value_tCO2PerMWh: 0.5271, scope: 'region' });
    expect(f.note).toMatch(/河南 has no mee-nbs-average factor for 2023/);
  });

  it('a year not yet published takes the newest earlier one only when asked (广东 2024 → 2023)', () => {
    const e = cpErrorOf(() => findGridFactor({ region: '广东', dataYear: 2024 }));
    expect([e.code, e.field]).toEqual(['UNKNOWN_REFERENCE', 'dataYear']);
    const f = findGridFactor({ region: '广东', dataYear: 2024, earlierYearsBack: 5 });
    expect(f).toEqual({
      ...findGridFactor({ region: '广东', dataYear: 2023 }),
      note: expect.stringMatching(/^no factor published for 2024: the newest earlier one \(2023\) is used/),
    });
    // A year with its own factor is not replaced; too few years back still fails; the bound is checked.
    expect(findGridFactor({ region: '广东', dataYear: 2022, earlierYearsBack: 5 }).dataYear).toBe(2022);
    expect(
      cpErrorOf(() => findGridFactor({ region: '广东', dataYear: 2030, earlierYearsBack: 2 })).code,
    ).toBe('UNKNOWN_REFERENCE');
    expect(cpErrorOf(() => findGridFactor({ region: '广东', earlierYearsBack: -1 })).field).toBe(
      'earlierYearsBack',
    );
  });

  it('西藏 has no provincial factor; with fallback it takes 西南', () => {
    const e = cpErrorOf(() => findGridFactor({ region: '西藏' }));
    expect([e.code, e.field]).toEqual(['UNKNOWN_REFERENCE', 'region']);
    expect(e.message).toMatch(/fallbackToRegion/);
    expect(findGridFactor({ region: '西藏', fallbackToRegion: true }).value_tCO2PerMWh).toBe(0.2472);
  });

  it('other series: national GHG-reporting 0.5703, fossil 2021 0.8426, OM by the 6-region map', () => {
    expect(findGridFactor({ series: 'mee-ghg-reporting', region: '全国' }).value_tCO2PerMWh).toBe(0.5703);
    expect(
      findGridFactor({ series: 'mee-nbs-fossil', region: '全国', dataYear: 2021 }).value_tCO2PerMWh,
    ).toBe(0.8426);
    expect(
      findGridFactor({ series: 'cdm-om', region: '重庆', fallbackToRegion: true }).value_tCO2PerMWh,
    ).toBe(0.8587);
    expect(findGridFactor({ series: 'regional-average-2012', region: '华东电网' }).value_tCO2PerMWh).toBe(
      0.7035,
    );
    const e = cpErrorOf(() => findGridFactor({ series: 'cdm-om', region: '西藏', fallbackToRegion: true }));
    expect(e.code).toBe('UNKNOWN_REFERENCE');
  });

  it('bad input names the field', () => {
    const e1 = cpErrorOf(() => findGridFactor({ region: 'Atlantis' }));
    expect([e1.code, e1.field]).toEqual(['UNKNOWN_REFERENCE', 'region']);
    const e2 = cpErrorOf(() => findGridFactor({ series: 'magic', region: '广东' }));
    expect([e2.code, e2.field]).toEqual(['UNKNOWN_REFERENCE', 'series']);
    const e3 = cpErrorOf(() => findGridFactor({ region: '广东', dataYear: 2022.5 }));
    expect([e3.code, e3.field]).toEqual(['VALIDATION', 'dataYear']);
    const e4 = cpErrorOf(() => findGridFactor({ region: 'Atlantis' }, 'grid'));
    expect(e4.field).toBe('grid.region');
  });
});

describe('gridFactorFromUser', () => {
  it('builds a user factor; no year is stated as 0 with a note', () => {
    const f = gridFactorFromUser({
      value_tCO2PerMWh: 0.5703,
      name: '全国电网排放因子（企业报告）',
      region: '全国',
    });
    expect(f).toMatchObject({ series: 'user', scope: 'national', dataYear: 0, value_tCO2PerMWh: 0.5703 });
    expect(f.source.status).toBe('user');
    expect(f.note).toMatch(/no data year/);
    expect(
      gridFactorFromUser({ value_tCO2PerMWh: 0.8, name: 'x', region: '江苏省', dataYear: 2024 }).scope,
    ).toBe('province');
  });

  it('refuses implausible values (a kgCO2/MWh number), NaN, empty names, non-years', () => {
    const e1 = cpErrorOf(() => gridFactorFromUser({ value_tCO2PerMWh: 570.3, name: 'x' }));
    expect([e1.code, e1.field]).toEqual(['VALIDATION', 'value_tCO2PerMWh']);
    const e2 = cpErrorOf(() => gridFactorFromUser({ value_tCO2PerMWh: Number.NaN, name: 'x' }, 'grid'));
    expect(e2.field).toBe('grid.value_tCO2PerMWh');
    expect(cpErrorOf(() => gridFactorFromUser({ value_tCO2PerMWh: 0.5, name: ' ' })).field).toBe('name');
    expect(
      cpErrorOf(() => gridFactorFromUser({ value_tCO2PerMWh: 0.5, name: 'x', dataYear: 23.5 })).field,
    ).toBe('dataYear');
  });
});

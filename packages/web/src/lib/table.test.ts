import { pageQuery } from '@cpaudit/contract';
import { describe, expect, it } from 'vitest';
import {
  applyQuery,
  compareCells,
  distinctValues,
  filterRows,
  initialQuery,
  normalizeText,
  type QueryColumn,
  searchRows,
  sortRows,
  toPageQuery,
} from './table.ts';

interface Row {
  name: string;
  city: string;
  energy_tce: number | null;
}

const ROWS: Row[] = [
  { name: '苏州钢铁有限公司', city: '苏州', energy_tce: 1200 },
  { name: '南京化工股份公司', city: '南京', energy_tce: 300 },
  { name: '无锡纺织厂', city: '无锡', energy_tce: null },
  { name: 'ABC Steel 苏州分厂', city: '苏州', energy_tce: 45 },
];
const NAME: QueryColumn<Row> = { key: 'name', value: (r) => r.name };
const CITY: QueryColumn<Row> = { key: 'city', value: (r) => r.city };
const ENERGY: QueryColumn<Row> = { key: 'energy_tce', value: (r) => r.energy_tce, searchable: false };
const COLS = [NAME, CITY, ENERGY];
const names = (rows: Row[]) => rows.map((r) => r.name);

describe('normalizeText', () => {
  it('folds full-width letters and digits and lowercases', () => {
    // NFKC maps Ｓｔｅｅｌ１ (U+FF33…) to Steel1, then lowercase
    expect(normalizeText(' Ｓｔｅｅｌ１ ')).toBe('steel1');
  });
});

describe('searchRows', () => {
  it('requires every term in some searchable column', () => {
    expect(names(searchRows(ROWS, COLS, '苏州 steel'))).toEqual(['ABC Steel 苏州分厂']);
    expect(names(searchRows(ROWS, COLS, '苏州'))).toEqual(['苏州钢铁有限公司', 'ABC Steel 苏州分厂']);
  });
  it('ignores non-searchable columns and returns everything for blank text', () => {
    expect(searchRows(ROWS, COLS, '1200')).toEqual([]);
    expect(searchRows(ROWS, COLS, '   ')).toHaveLength(4);
  });
});

describe('filterRows', () => {
  it('keeps rows whose value is accepted; an empty list filters nothing', () => {
    expect(names(filterRows(ROWS, COLS, { city: ['南京', '无锡'] }))).toEqual([
      '南京化工股份公司',
      '无锡纺织厂',
    ]);
    expect(filterRows(ROWS, COLS, { city: [] })).toHaveLength(4);
  });
});

describe('sortRows', () => {
  it('sorts numbers numerically with blanks last in both orders', () => {
    // 45 < 300 < 1200 numerically (as text "1200" < "300" < "45" would be wrong); null last
    expect(sortRows(ROWS, ENERGY, 'asc').map((r) => r.energy_tce)).toEqual([45, 300, 1200, null]);
    expect(sortRows(ROWS, ENERGY, 'desc').map((r) => r.energy_tce)).toEqual([1200, 300, 45, null]);
  });
  it('sorts Chinese text by pinyin (南京 nan < 苏州 su < 无锡 wu) and is stable for ties', () => {
    expect(sortRows(ROWS, CITY, 'asc').map((r) => r.name)).toEqual([
      '南京化工股份公司',
      '苏州钢铁有限公司', // the two 苏州 rows keep their input order
      'ABC Steel 苏州分厂',
      '无锡纺织厂',
    ]);
  });
  it('orders numbers before text and compares digit runs numerically', () => {
    expect(compareCells(5, 'a')).toBeLessThan(0);
    expect(compareCells('表2', '表10')).toBeLessThan(0);
  });
});

describe('applyQuery', () => {
  it('searches, filters, sorts, then pages; the export set is every matching row', () => {
    const query = { ...initialQuery(1), q: '公司', sort: 'energy_tce', order: 'desc' as const, page: 2 };
    const r = applyQuery(ROWS, COLS, query);
    // 公司 matches 苏州钢铁有限公司 (1200) and 南京化工股份公司 (300); desc → 1200, 300; page 2 of size 1 → 300
    expect(r.total).toBe(2);
    expect(names(r.page)).toEqual(['南京化工股份公司']);
    expect(names(r.matching)).toEqual(['苏州钢铁有限公司', '南京化工股份公司']);
  });
  it('clamps a page past the end to the last page', () => {
    const r = applyQuery(ROWS, COLS, { ...initialQuery(3), page: 9 });
    // 4 rows, 3 per page → last page is 2, holding the 4th row
    expect(names(r.page)).toEqual(['ABC Steel 苏州分厂']);
  });
});

describe('toPageQuery', () => {
  it('produces what the contract accepts as a page query', () => {
    const p = toPageQuery({ ...initialQuery(25), q: ' 钢 ', sort: 'name', order: 'desc', page: 3 });
    // offset = (3 − 1) × 25 = 50
    expect(p).toEqual({ q: '钢', limit: 25, offset: 50, sort: 'name', order: 'desc' });
    expect(pageQuery.parse(p)).toEqual(p);
  });
  it('leaves out an empty search and an absent sort', () => {
    expect(toPageQuery(initialQuery())).toEqual({ limit: 20, offset: 0, order: 'asc' });
  });
});

describe('distinctValues', () => {
  it('lists each non-blank value once, in pinyin order', () => {
    expect(distinctValues(ROWS, CITY)).toEqual(['南京', '苏州', '无锡']);
    // numeric collation: digit runs compare as numbers, 45 < 300 < 1200 (not "1200" < "300" < "45")
    expect(distinctValues(ROWS, ENERGY)).toEqual(['45', '300', '1200']);
  });
});

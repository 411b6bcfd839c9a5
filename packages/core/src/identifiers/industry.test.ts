import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import {
  allIndustries,
  findIndustry,
  GBT4754_2017_ROWS,
  industryByCode,
  industryGroupOf,
  industryLookupFromJson,
  industryPath,
  normalizeIndustryCode,
  SRC_GBT4754,
  searchIndustries,
} from './industry.ts';

describe('GB/T 4754-2017 data', () => {
  it('has 20 sections, 97 divisions, 473 groups, 1381 classes (the standard’s counts)', () => {
    const count = (level: string) => GBT4754_2017_ROWS.filter((r) => r[2] === level).length;
    expect(count('section')).toBe(20);
    expect(count('division')).toBe(97);
    expect(count('group')).toBe(473);
    expect(count('class')).toBe(1381);
    expect(GBT4754_2017_ROWS).toHaveLength(20 + 97 + 473 + 1381);
  });
  it('is structurally sound: unique codes, lengths by level, parents exist and prefix their children', () => {
    const codes = new Set(GBT4754_2017_ROWS.map((r) => r[0]));
    expect(codes.size).toBe(GBT4754_2017_ROWS.length);
    const len = { section: 1, division: 2, group: 3, class: 4 } as const;
    const parentLevel = { section: '', division: 'section', group: 'division', class: 'group' } as const;
    for (const [code, name, level, parent] of GBT4754_2017_ROWS) {
      expect(code).toHaveLength(len[level]);
      expect(name.length).toBeGreaterThan(0);
      if (level === 'section') {
        expect(code).toMatch(/^[A-T]$/);
        expect(parent).toBe('');
        continue;
      }
      expect(code).toMatch(/^\d+$/);
      expect(findIndustry(parent)?.level).toBe(parentLevel[level]);
      if (level !== 'division') expect(code.startsWith(parent)).toBe(true);
    }
  });
  it('carries its source', () => {
    expect(SRC_GBT4754.document).toContain('GB/T 4754-2017');
    expect(SRC_GBT4754.status).toBe('code-only');
  });
  it('manufacturing (C) has the 31 divisions 13–43', () => {
    const c = allIndustries().filter((r) => r.level === 'division' && r.parent === 'C');
    expect(c.map((r) => r.code)).toEqual(Array.from({ length: 31 }, (_, i) => String(13 + i)));
  });
});

describe('look-ups', () => {
  it('known codes', () => {
    expect(industryByCode('3360').name).toBe('金属表面处理及热处理加工');
    expect(industryByCode('2221').name).toBe('机制纸及纸板制造');
    expect(industryByCode('1713').name).toBe('棉印染精加工');
    expect(industryByCode('3982').name).toBe('电子电路制造');
    expect(industryByCode('C')).toEqual({ code: 'C', name: '制造业', level: 'section', parent: '' });
  });
  it('normalises C3360, spaces, full-width digits and a lower-case section', () => {
    expect(normalizeIndustryCode('C3360')).toBe('3360');
    expect(normalizeIndustryCode(' ３３６０ ')).toBe('3360');
    expect(industryByCode('c').code).toBe('C');
    // D is not the section of division 33: the letter is kept, so the code is unknown.
    expect(findIndustry('D3360')).toBeUndefined();
  });
  it('unknown codes are VALIDATION errors naming the field', () => {
    for (const bad of ['3369', '99', 'U', '', '33600']) {
      try {
        industryByCode(bad);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(CpError);
        if (!(e instanceof CpError)) return;
        expect(e.code).toBe('VALIDATION');
        expect(e.field).toBe('industryCode');
      }
    }
    expect(() => industryByCode('0000', 'enterprise.industryCode')).toThrow(/not a GB\/T 4754-2017/);
    expect(() => industryByCode(JSON.parse('3360'))).toThrow(CpError);
  });
  it('industryPath: section → division → group → class', () => {
    expect(industryPath('3360').map((r) => `${r.code} ${r.name}`)).toEqual([
      'C 制造业',
      '33 金属制品业',
      '336 金属表面处理及热处理加工',
      '3360 金属表面处理及热处理加工',
    ]);
    expect(industryPath('0111').map((r) => r.code)).toEqual(['A', '01', '011', '0111']);
    expect(industryPath('T').map((r) => r.code)).toEqual(['T']);
  });
  it('industryGroupOf: the 中类 of the Guangdong form', () => {
    expect(industryGroupOf('3360').label).toBe('336 金属表面处理及热处理加工');
    expect(industryGroupOf('1713')).toEqual({
      code: '171',
      name: '棉纺织及印染精加工',
      label: '171 棉纺织及印染精加工',
    });
    expect(industryGroupOf('336').code).toBe('336');
    expect(() => industryGroupOf('33')).toThrow(/division/);
    expect(() => industryGroupOf('C')).toThrow(CpError);
  });
});

describe('searchIndustries', () => {
  it('by code prefix, then by name', () => {
    expect(searchIndustries('336').map((r) => r.code)).toEqual(['336', '3360']);
    const dyeing = searchIndustries('印染').map((r) => r.code);
    expect(dyeing).toContain('1713');
    expect(dyeing).toContain('171');
    expect(dyeing.every((c) => findIndustry(c)?.name.includes('印染'))).toBe(true);
  });
  it('every term must match; levels and limit filter', () => {
    expect(searchIndustries('棉 印染').map((r) => r.code)).toEqual(['171', '1713']);
    expect(searchIndustries('印染', { levels: ['class'] }).every((r) => r.level === 'class')).toBe(true);
    expect(searchIndustries('制造', { limit: 3 })).toHaveLength(3);
    expect(searchIndustries('   ')).toEqual([]);
    expect(searchIndustries('不存在的行业名称')).toEqual([]);
  });
});

describe('industryLookupFromJson', () => {
  it('code and search', () => {
    const r = industryLookupFromJson({ code: 'C3360' });
    expect(r.kind === 'code' && r.group?.label).toBe('336 金属表面处理及热处理加工');
    const s = industryLookupFromJson({ search: '涂料', limit: 5 });
    expect(s.kind === 'search' && s.results.map((x) => x.code)).toContain('2641');
  });
  it('bad input', () => {
    expect(() => industryLookupFromJson({})).toThrow(CpError);
    expect(() => industryLookupFromJson({ code: '3369' })).toThrow(CpError);
  });
});

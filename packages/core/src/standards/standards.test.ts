import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { applicableStandards } from './applicable.ts';
import { BUILTIN_STANDARDS, GB_8978_1996, GB_21900_2008 } from './builtin.ts';
import { findPollutant, POLLUTANTS, requirePollutant } from './pollutants.ts';
import { type Standard, standardSchema } from './schema.ts';

function errorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

const plating = { industryCode: '3360', region: ['江苏省', '常州市'], installation: 'existing' as const };

function limitOf(s: Standard, table: string, pollutant: string) {
  if (s.kind !== 'emission') throw new Error('emission standard expected');
  return s.tables.find((t) => t.id === table)?.limits.find((l) => l.pollutant === pollutant);
}

describe('the pollutant catalogue', () => {
  it('keys are unique and every limit of every built-in standard names a catalogue pollutant', () => {
    expect(new Set(POLLUTANTS.map((p) => p.key)).size).toBe(POLLUTANTS.length);
    for (const s of BUILTIN_STANDARDS) {
      if (s.kind !== 'emission') continue;
      for (const t of s.tables) for (const l of t.limits) expect(findPollutant(l.pollutant)).toBeDefined();
    }
  });

  it('an unknown key is UNKNOWN_REFERENCE naming the field', () => {
    const e = errorOf(() => requirePollutant('mercury', 'measurements.0.pollutant'));
    expect(e.code).toBe('UNKNOWN_REFERENCE');
    expect(e.field).toBe('measurements.0.pollutant');
  });
});

describe('GB 21900-2008 as shared facts §10 gives it', () => {
  it('values and statuses: 表1 verified page, 表2 总铬 cross-checked, 表2 总镍 unverified, 表3 总银 verified', () => {
    expect(limitOf(GB_21900_2008, '表1', 'class_i.cr')).toMatchObject({ max: 1.5, point: 'workshop' });
    expect(limitOf(GB_21900_2008, '表1', 'class_i.cr')?.source.status).toBe('verified-page');
    expect(limitOf(GB_21900_2008, '表2', 'class_i.cr')?.max).toBe(1.0);
    expect(limitOf(GB_21900_2008, '表2', 'class_i.cr')?.source.status).toBe('verified-cross-checked');
    expect(limitOf(GB_21900_2008, '表2', 'class_i.ni')).toMatchObject({ max: 0.5 });
    expect(limitOf(GB_21900_2008, '表2', 'class_i.ni')?.source.status).toBe('unverified');
    expect(limitOf(GB_21900_2008, '表3', 'class_i.ag')).toMatchObject({ max: 0.1 });
    expect(limitOf(GB_21900_2008, '表3', 'class_i.ag')?.source.status).toBe('verified-page');
    expect(limitOf(GB_21900_2008, '表3', 'cod')?.source.status).toBe('unverified');
    expect(limitOf(GB_21900_2008, '表2', 'ph')).toMatchObject({ min: 6, max: 9, unit: 'pH', point: 'total' });
    expect(limitOf(GB_21900_2008, '表2', 'cod')).toMatchObject({ max: 80, point: 'total' });
  });

  it('benchmark drainage: multi-layer 750/500/250, single-layer 300/200/100 (single-layer unverified)', () => {
    const tables = GB_21900_2008.kind === 'emission' ? GB_21900_2008.tables : [];
    const multi = tables.map((t) => t.benchmarkDrainage.find((b) => b.layers === 'multi')?.volume_LPerM2);
    const single = tables.map((t) => t.benchmarkDrainage.find((b) => b.layers === 'single')?.volume_LPerM2);
    expect(multi).toEqual([750, 500, 250]);
    expect(single).toEqual([300, 200, 100]);
    expect(tables[0]?.benchmarkDrainage[0]?.source.status).toBe('verified-page');
    expect(tables[0]?.benchmarkDrainage[1]?.source.status).toBe('unverified');
  });

  it('GB 8978-1996: class I at the workshop (总汞 0.05, 烷基汞 不得检出 = 0), 表4 COD 100/150/500 by grade', () => {
    expect(limitOf(GB_8978_1996, '表1', 'class_i.hg')).toMatchObject({ max: 0.05, point: 'workshop' });
    expect(limitOf(GB_8978_1996, '表1', 'class_i.alkyl_hg')).toMatchObject({ max: 0, note: '不得检出' });
    expect(limitOf(GB_8978_1996, '表4（一级）', 'cod')?.max).toBe(100);
    expect(limitOf(GB_8978_1996, '表4（二级）', 'cod')?.max).toBe(150);
    expect(limitOf(GB_8978_1996, '表4（三级）', 'cod')?.max).toBe(500);
    // 氨氮 has no 三级 value in 表4.
    expect(limitOf(GB_8978_1996, '表4（三级）', 'nh3_n')).toBeUndefined();
  });
});

describe('which standard and table apply', () => {
  const tableIds = (r: ReturnType<typeof applicableStandards>) =>
    r.emission.map((e) => `${e.standard.code} ${e.tables.map((t) => t.id).join('+')}`);

  it('an existing plating plant in 2010-03 follows 表1 (4.1.1, 2009-01-01 … 2010-06-30); GB 8978 is not crossed', () => {
    const r = applicableStandards(BUILTIN_STANDARDS, { ...plating, date: '2010-03-31' });
    expect(tableIds(r)).toEqual(['GB 21900-2008 表1']);
    expect(r.skipped.find((s) => s.code === 'GB 8978-1996')?.reason).toContain('不交叉执行');
  });

  it('the same plant from 2010-07-01 follows 表2; a new plant in 2009 follows 表2 too', () => {
    expect(tableIds(applicableStandards(BUILTIN_STANDARDS, { ...plating, date: '2010-07-01' }))).toEqual([
      'GB 21900-2008 表2',
    ]);
    expect(
      tableIds(
        applicableStandards(BUILTIN_STANDARDS, { ...plating, installation: 'new', date: '2009-05-01' }),
      ),
    ).toEqual(['GB 21900-2008 表2']);
  });

  it('in a key region (太湖流域) the special limits of 表3 replace 表2, with the reason', () => {
    const r = applicableStandards(BUILTIN_STANDARDS, { ...plating, date: '2024-12-31', keyRegion: true });
    expect(tableIds(r)).toEqual(['GB 21900-2008 表3']);
    expect(r.emission[0]?.reasons.join('；')).toContain('特别排放限值');
  });

  it('an enterprise coded by its 中类 336 (as the Guangdong form records it) gets GB 21900 (3360), said so; 33 does not', () => {
    const r = applicableStandards(BUILTIN_STANDARDS, { ...plating, industryCode: '336', date: '2024-12-31' });
    expect(tableIds(r)).toEqual(['GB 21900-2008 表2']);
    expect(r.emission[0]?.reasons.join('；')).toContain('行业代码 336（中类）包含 3360');
    const coarse = applicableStandards(BUILTIN_STANDARDS, {
      ...plating,
      industryCode: '33',
      date: '2024-12-31',
    });
    expect(tableIds(coarse)).toEqual(['GB 8978-1996 表1+表4（一级）']);
  });

  it('a machining plant (3411) falls back on GB 8978: 表1 (class I) and 表4 一级 by default, 二级 when asked', () => {
    const q = {
      industryCode: '3411',
      region: ['广东省'],
      installation: 'existing' as const,
      date: '2024-12-31',
    };
    const r = applicableStandards(BUILTIN_STANDARDS, q);
    expect(tableIds(r)).toEqual(['GB 8978-1996 表1+表4（一级）']);
    expect(r.emission[0]?.reasons.join('；')).toContain('未指定排放标准分级');
    expect(tableIds(applicableStandards(BUILTIN_STANDARDS, { ...q, dischargeGrade: '2' }))).toEqual([
      'GB 8978-1996 表1+表4（二级）',
    ]);
  });

  it('an existing plating plant before 2009 has no GB 21900 table (skipped, reason) and uses GB 8978', () => {
    const r = applicableStandards(BUILTIN_STANDARDS, { ...plating, date: '2008-12-31' });
    expect(r.skipped.find((s) => s.code === 'GB 21900-2008')?.reason).toContain('没有适用');
    expect(tableIds(r)).toEqual(['GB 8978-1996 表1+表4（一级）']);
  });

  it('a local standard applies by region (江苏 = 江苏省) and not elsewhere; an energy standard by validity', () => {
    const local = standardSchema.parse({
      kind: 'emission',
      code: 'DB32/TEST',
      title: '测试地方标准',
      medium: 'water',
      industries: ['336'],
      regions: ['江苏'],
      validFrom: '2020-01-01',
      source: { document: 'DB32/TEST', status: 'user' },
      tables: [
        {
          id: '表1',
          title: '限值',
          clause: '4.1',
          appliesTo: [{ installation: 'existing', from: null, to: null }],
          limits: [
            {
              pollutant: 'cod',
              max: 50,
              unit: 'mg/L',
              point: 'total',
              source: { document: 'x', status: 'user' },
            },
          ],
          source: { document: 'DB32/TEST', status: 'user' },
        },
      ],
    });
    const energy = standardSchema.parse({
      kind: 'energy',
      code: 'GB 9999-2030',
      title: '测试能耗限额',
      validFrom: '2030-01-01',
      source: { document: 'GB 9999-2030', status: 'user' },
      product: '镀件',
      productUnit: 'm2',
      limit_kgcePerUnit: 5,
    });
    const all = [...BUILTIN_STANDARDS, local, energy];
    const js = applicableStandards(all, { ...plating, date: '2024-12-31' });
    expect(tableIds(js)).toEqual(['GB 21900-2008 表2', 'DB32/TEST 表1']);
    expect(js.skipped.find((s) => s.code === 'GB 9999-2030')?.reason).toContain('不在有效期内');
    const gd = applicableStandards(all, { ...plating, region: ['广东省'], date: '2024-12-31' });
    expect(tableIds(gd)).toEqual(['GB 21900-2008 表2']);
    expect(gd.skipped.find((s) => s.code === 'DB32/TEST')?.reason).toContain('地区不适用');
  });

  it('bad query: a malformed date is VALIDATION naming the field', () => {
    const e = errorOf(() => applicableStandards(BUILTIN_STANDARDS, { ...plating, date: '2024-02-30' }));
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe('date');
  });

  it('a standard with an unknown pollutant or an entry value above the limit is refused, naming the field', () => {
    const r = standardSchema.safeParse({
      kind: 'energy',
      code: 'X',
      title: 'x',
      validFrom: '2020-01-01',
      source: { document: 'x', status: 'user' },
      product: 'p',
      productUnit: 't',
      limit_kgcePerUnit: 10,
      entry_kgcePerUnit: 12,
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['entry_kgcePerUnit']);
    const bad = standardSchema.safeParse({
      ...GB_8978_1996,
      tables: [
        {
          ...(GB_8978_1996.kind === 'emission' ? GB_8978_1996.tables[0] : {}),
          limits: [
            {
              pollutant: 'unobtainium',
              max: 1,
              unit: 'mg/L',
              point: 'total',
              source: { document: 'x', status: 'user' },
            },
          ],
        },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['tables', 0, 'limits', 0, 'pollutant']);
  });
});

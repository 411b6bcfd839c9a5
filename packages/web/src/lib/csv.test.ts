import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, toCsv } from './csv.ts';

describe('csvField', () => {
  it('quotes fields with comma, quote or line break, doubling quotes (RFC 4180 §2.6–2.7)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"好"')).toBe('"说""好"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('普通')).toBe('普通');
  });
  it('neutralises text that a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-3')).toBe("'-3");
    expect(csvField(-3)).toBe('-3');
  });
  it('writes blanks for null, undefined and non-finite numbers', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});

describe('toCsv', () => {
  it('writes a BOM, a header and CRLF-terminated rows', () => {
    const rows = [
      { n: '甲, 乙', v: 1.5 },
      { n: '丙', v: null },
    ];
    const csv = toCsv(rows, [
      { title: '名称', value: (r) => r.n },
      { title: '能耗 (tce)', value: (r) => r.v },
    ]);
    expect(csv).toBe('\uFEFF名称,能耗 (tce)\r\n"甲, 乙",1.5\r\n丙,\r\n');
  });
  it('can leave out the BOM', () => {
    expect(toCsv([], [{ title: 'a', value: () => 1 }], { bom: false })).toBe('a\r\n');
  });
});

describe('csvFileName', () => {
  it('dates the name and replaces characters not allowed in file names', () => {
    expect(csvFileName('企业/名录', new Date(2025, 2, 7))).toBe('企业_名录-20250307.csv');
    expect(csvFileName('  ', new Date(2025, 11, 31))).toBe('export-20251231.csv');
  });
});

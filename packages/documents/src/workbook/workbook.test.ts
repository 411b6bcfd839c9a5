/**
 * The data-collection workbook: built, filled the way an enterprise fills it (exceljs), parsed back; every refusal
 * kind built here from scratch (truncated zip, zip bomb, encrypted OLE container, formula, external link, macros,
 * another file type behind .xlsx); the indicator-system workbook round trip and its schema errors by cell.
 */
import { ELECTROPLATING_2015 } from '@cpaudit/core';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataWorkbook, type DataWorkbookSpec, parseDataWorkbook } from './data.ts';
import { buildIndicatorSystemWorkbook, parseIndicatorSystemWorkbook } from './indicator-system.ts';
import { inspectXlsx, zipEntries } from './inspect.ts';
import { freeLineCode, type WorkbookItem } from './layout.ts';

const q = (
  code: string,
  zh: string,
  unit: string,
  units: string[],
  dimensions: string[],
  extra: Partial<WorkbookItem> = {},
): WorkbookItem => ({
  code,
  category: code.split('.')[0] ?? '',
  zh,
  kind: 'quantity',
  unit,
  units,
  dimensions,
  signed: false,
  free: false,
  ...extra,
});

/** A slice of the annual catalogue (contract ANNUAL_ITEM_CATALOGUE), with its units, dimensions and signs. */
const ITEMS: WorkbookItem[] = [
  q('economy.gross_output', '工业总产值', '万元', ['万元', '元', '亿元'], ['money']),
  q('energy.electricity', '电力', 'kWh', ['kWh', '万kWh', 'MWh'], ['energy']),
  q('energy.raw_coal', '原煤', 't', ['t', 'kg', '万t'], ['mass']),
  q('water.intake', '取水量', 'm3', ['m3', '万m3'], ['volume']),
  {
    code: 'product.*',
    category: 'product',
    zh: '产品产量（自行命名，至少一项）',
    kind: 'quantity',
    unit: null,
    units: ['t', 'm2', '个'],
    dimensions: ['mass', 'area', 'count'],
    signed: false,
    free: true,
  },
  q('ghg.co2_purchased_power', '净购入电力排放', 'tCO2', ['tCO2'], ['co2'], { signed: true }),
  {
    code: 'indicator.electroplating_2015_table1.cleaner_process',
    category: 'indicator',
    zh: '采用清洁生产工艺（生产工艺及装备）',
    kind: 'level',
    unit: null,
    units: [],
    dimensions: [],
    signed: false,
    free: false,
    indicator: { levels: { I: 'a', II: 'b', III: null } },
  },
];

const USCC_A = '91320102MA1X000016';
const USCC_B = '91320104MA1X000023';
const LIMITS = { maxBytes: 2 * 1024 * 1024, maxUncompressedBytes: 8 * 1024 * 1024 };

const SPEC: DataWorkbookSpec = {
  title: '南京市电镀行业清洁生产审核',
  issuer: '南京市生态环境局',
  scope: 'audit',
  enterprises: [
    { uscc: USCC_A, name: '南京甲电镀有限公司' },
    { uscc: USCC_B, name: '南京丙电镀有限公司' },
  ],
  years: [2022, 2023, 2024],
  items: ITEMS,
  values: [
    {
      uscc: USCC_A,
      year: 2023,
      values: [
        // Stored in 万kWh: shown in the header's kWh on the energy sheet's own unit column.
        { itemCode: 'energy.electricity', quantity: 120, unit: '万kWh' },
        { itemCode: 'economy.gross_output', quantity: 5000, unit: '万元' },
        { itemCode: 'product.plated_area', name: '镀件', quantity: 100000, unit: 'm2' },
      ],
    },
  ],
  locked: [{ uscc: USCC_A, year: 2022, status: 'submitted' }],
  date: '2025-03-01',
};

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The first row (from 3) whose A and B are the key, or the first empty row. */
function rowOf(ws: ExcelJS.Worksheet, uscc: string, year: number): ExcelJS.Row {
  for (let r = 3; r < 500; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === uscc && Number(row.getCell(2).value) === year) return row;
    if (row.getCell(1).value === null) return row;
  }
  throw new Error('no row');
}

function firstEmpty(ws: ExcelJS.Worksheet): ExcelJS.Row {
  for (let r = 3; r < 500; r++) if (ws.getRow(r).getCell(1).value === null) return ws.getRow(r);
  throw new Error('no row');
}

let built: Uint8Array;
beforeAll(async () => {
  built = await buildDataWorkbook(SPEC);
});

describe('buildDataWorkbook', () => {
  it('has the instructions, one sheet per group with items, units in the headers, the keys in hidden row 2', async () => {
    const wb = await open(built);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['填表说明', '基本信息', '产品', '能源', '水', '温室气体', '评价指标', '下拉选项']);
    expect(sheet(wb, '下拉选项').state).toBe('hidden');
    const basic = sheet(wb, '基本信息');
    expect(basic.getRow(1).values).toEqual([
      undefined,
      '统一社会信用代码',
      '年份',
      '企业名称（仅供核对）',
      '工业总产值（万元）',
    ]);
    expect(basic.getRow(2).hidden).toBe(true);
    expect(basic.getCell('D2').value).toBe('economy.gross_output');
    expect(basic.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    // One row per enterprise-year: 2 enterprises × 3 years, pre-filled where the platform holds a value.
    expect(basic.getCell('A3').value).toBe(USCC_A);
    expect(basic.getCell('B4').value).toBe(2023);
    expect(basic.getCell('D4').value).toBe(5000);
    expect(basic.getCell('A8').value).toBe(USCC_B);
    const energy = sheet(wb, '能源');
    expect(energy.getRow(1).values).toEqual([
      undefined,
      '统一社会信用代码',
      '年份',
      '能源品种',
      '消耗量',
      '计量单位（留空 = 默认单位）',
      '企业名称（仅供核对）',
    ]);
    expect([energy.getCell('C3').value, energy.getCell('D3').value, energy.getCell('E3').value]).toEqual([
      '电力',
      120,
      '万kWh',
    ]);
    const text = sheet(wb, '填表说明')
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(text).toContain('南京市生态环境局');
    expect(text).toContain('2022 年、2023 年、2024 年');
    expect(text).toContain('南京甲电镀有限公司 2022 年（已提交）');
  });

  it('has dropdowns for enterprises, years, carriers, units and levels, and locks the header rows only', async () => {
    const wb = await open(built);
    const energy = sheet(wb, '能源');
    expect(energy.getCell('C10').dataValidation).toMatchObject({
      type: 'list',
      formulae: [expect.stringContaining('下拉选项')],
    });
    expect(energy.getCell('A50').dataValidation?.type).toBe('list');
    expect(energy.getCell('E50').dataValidation?.type).toBe('list');
    expect(sheet(wb, '基本信息').getCell('D9').dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'greaterThanOrEqual',
    });
    expect(sheet(wb, '评价指标').getCell('D3').dataValidation?.type).toBe('list');
    // The carriers list is the items' Chinese names; the levels list leaves out Ⅲ (no requirement here).
    const lists = sheet(wb, '下拉选项');
    const columns = [1, 2, 3, 4, 5, 6].map((c) =>
      lists
        .getColumn(c)
        .values.filter((v) => typeof v === 'string')
        .join(','),
    );
    expect(columns).toContain('能源品种,电力,原煤');
    expect(columns).toContain('级别,Ⅰ级,Ⅱ级,未达到Ⅲ级,不适用');
    // Locked is Excel's default for a cell, so it is not written (read back undefined); data cells say unlocked.
    expect(energy.getCell('A1').protection?.locked).toBeUndefined();
    expect(energy.getCell('D3').protection?.locked).toBe(false);
    expect((energy as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({
      sheet: true,
    });
  });
});

describe('parseDataWorkbook: round trip', () => {
  it('reads back what an enterprise fills in, in the units it chose, and leaves empty cells out', async () => {
    const wb = await open(built);
    rowOf(sheet(wb, '基本信息'), USCC_B, 2024).getCell(4).value = 3210.5;
    const e = firstEmpty(sheet(wb, '能源'));
    e.getCell(1).value = USCC_B;
    e.getCell(2).value = 2024;
    e.getCell(3).value = '原煤';
    e.getCell(4).value = 1500;
    const p = firstEmpty(sheet(wb, '产品'));
    p.getCell(1).value = USCC_B;
    p.getCell(2).value = '2024';
    p.getCell(3).value = '镀锌件';
    p.getCell(4).value = '12,000';
    p.getCell(5).value = 't';
    rowOf(sheet(wb, '温室气体'), USCC_B, 2024).getCell(4).value = -35.2;
    rowOf(sheet(wb, '评价指标'), USCC_B, 2024).getCell(4).value = 'Ⅱ级';
    rowOf(sheet(wb, '水'), USCC_B, 2023).getCell(4).value = 8800;
    const parsed = await parseDataWorkbook(await save(wb), SPEC, LIMITS);
    expect(parsed.problems).toEqual([]);
    const b2024 = parsed.entries.find((x) => x.uscc === USCC_B && x.year === 2024);
    expect(b2024?.values).toEqual(
      expect.arrayContaining([
        { itemCode: 'economy.gross_output', quantity: 3210.5, unit: '万元' },
        { itemCode: 'energy.raw_coal', quantity: 1500 },
        { itemCode: freeLineCode('product', '镀锌件'), name: '镀锌件', quantity: 12000, unit: 't' },
        // signed item: a net exporter of power has negative purchased-power emissions
        { itemCode: 'ghg.co2_purchased_power', quantity: -35.2, unit: 'tCO2' },
        { itemCode: 'indicator.electroplating_2015_table1.cleaner_process', level: 'II' },
      ]),
    );
    expect(b2024?.values).toHaveLength(5);
    expect(parsed.entries.find((x) => x.uscc === USCC_B && x.year === 2023)?.values).toEqual([
      { itemCode: 'water.intake', quantity: 8800, unit: 'm3' },
    ]);
    // The pre-filled values come back unchanged (the existing product line keeps its code).
    const a2023 = parsed.entries.find((x) => x.uscc === USCC_A && x.year === 2023);
    expect(a2023?.values).toEqual(
      expect.arrayContaining([
        { itemCode: 'energy.electricity', quantity: 120, unit: '万kWh' },
        { itemCode: 'product.plated_area', name: '镀件', quantity: 100000, unit: 'm2' },
      ]),
    );
    const coal = b2024?.cells[b2024.values.findIndex((v) => v.itemCode === 'energy.raw_coal')];
    expect(coal).toMatchObject({ sheet: '能源', cell: `D${e.number}`, unitCell: `E${e.number}` });
  });

  it('reports every problem with sheet, row, column and a message in Chinese', async () => {
    const wb = await open(built);
    const e = firstEmpty(sheet(wb, '能源'));
    e.getCell(1).value = USCC_A;
    e.getCell(2).value = 2024;
    e.getCell(3).value = '电力';
    e.getCell(4).value = -5;
    const e2 = sheet(wb, '能源').getRow(e.number + 1);
    e2.getCell(1).value = USCC_A;
    e2.getCell(2).value = 2024;
    e2.getCell(3).value = '原煤';
    e2.getCell(4).value = 10;
    e2.getCell(5).value = 'kWh';
    const e3 = sheet(wb, '能源').getRow(e.number + 2);
    e3.getCell(1).value = '91110000000000000X';
    e3.getCell(2).value = 2019;
    e3.getCell(3).value = '核能';
    rowOf(sheet(wb, '水'), USCC_A, 2024).getCell(4).value = '约100';
    rowOf(sheet(wb, '评价指标'), USCC_A, 2024).getCell(4).value = 'Ⅲ级';
    const parsed = await parseDataWorkbook(await save(wb), SPEC, LIMITS);
    expect(parsed.ok).toBe(false);
    const msgs = parsed.problems.map((p) => p.message);
    const r = e.number;
    expect(msgs).toContain(`‘能源’表第 ${r} 行 D 列：电力不能为负数`);
    expect(msgs).toContain(`‘能源’表第 ${r + 1} 行 E 列：单位“kWh”不能用于“原煤”（可用：t、kg、万t 等）`);
    expect(msgs).toContain(
      `‘能源’表第 ${r + 2} 行 A 列：统一社会信用代码“91110000000000000X”不在本次审核的企业名单中`,
    );
    expect(msgs).toContain(`‘能源’表第 ${r + 2} 行 B 列：年份“2019”不在采集年份（2022、2023、2024）之内`);
    expect(msgs).toContain(`‘能源’表第 ${r + 2} 行 C 列：“核能”不是可选的能源品种，请从下拉列表选择`);
    expect(msgs.some((m) => m.startsWith('‘水’表第 5 行 D 列：取水量应填数字'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('‘评价指标’表第 5 行 D 列：') && m.includes('没有Ⅲ级的要求'))).toBe(
      true,
    );
    expect(parsed.problems.find((p) => p.message.includes('负数'))).toMatchObject({
      sheet: '能源',
      row: r,
      cell: `D${r}`,
      field: 'energy.electricity',
    });
  });

  it('refuses a second row for the same enterprise-year and the same item twice', async () => {
    const wb = await open(built);
    const ws = sheet(wb, '基本信息');
    const extra = ws.getRow(9);
    extra.getCell(1).value = USCC_A;
    extra.getCell(2).value = 2023;
    extra.getCell(4).value = 1;
    const energy = sheet(wb, '能源');
    const dup = firstEmpty(energy);
    dup.getCell(1).value = USCC_A;
    dup.getCell(2).value = 2023;
    dup.getCell(3).value = '电力';
    dup.getCell(4).value = 1;
    const parsed = await parseDataWorkbook(await save(wb), SPEC, LIMITS);
    const msgs = parsed.problems.map((p) => p.message);
    expect(msgs).toContain(
      '‘基本信息’表第 9 行 A 列：该企业 2023 年的数据已在第 4 行填写，每个企业每年只能一行',
    );
    expect(msgs).toContain(
      `‘能源’表第 ${dup.number} 行 D 列：2023 年的这一项已在‘能源’表第 3 行填写过，同一企业同一年份每项只能填一次`,
    );
  });
});

/** The built workbook with entries added or replaced (JSZip). */
async function patched(files: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(built);
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('refusals', () => {
  const refuse = async (bytes: Uint8Array) => {
    const parsed = await parseDataWorkbook(bytes, SPEC, LIMITS);
    expect(parsed.ok).toBe(false);
    expect(parsed.entries).toEqual([]);
    return parsed.problems.map((p) => p.message).join('\n');
  };

  it('a truncated file', async () => {
    expect(await refuse(built.slice(0, Math.floor(built.length / 2)))).toContain('文件不完整或已损坏');
    expect(() => zipEntries(built.slice(0, built.length - 10))).toThrow('truncated');
  });

  it('a zip bomb, before inflating anything: 20 MB of zeros declared by a 20 KB entry', async () => {
    const bomb = await patched({ 'xl/media/zeros.bin': new Uint8Array(20 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(LIMITS.maxBytes);
    expect(await refuse(bomb)).toContain('压缩炸弹');
  });

  it('a zip bomb whose directory lies about its sizes: caught while inflating with a cap', async () => {
    const bomb = await patched({ 'xl/media/zeros.bin': new Uint8Array(20 * 1024 * 1024) });
    // Declare 1 KB for the 20 MB entry, in its local header and in the central directory.
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    const entry = zipEntries(bomb).find((e) => e.name === 'xl/media/zeros.bin');
    if (!entry) throw new Error('no entry');
    view.setUint32(entry.localOffset + 22, 1024, true);
    for (let p = 0; p + 46 < bomb.length; p++) {
      if (view.getUint32(p, true) === 0x02014b50 && view.getUint32(p + 42, true) === entry.localOffset) {
        view.setUint32(p + 24, 1024, true);
      }
    }
    expect(zipEntries(bomb).find((e) => e.name === 'xl/media/zeros.bin')?.uncompressedBytes).toBe(1024);
    expect(await refuse(bomb)).toContain('实际大小与其声明不符');
  });

  it('a password-protected workbook (Office encrypts it into an OLE compound file)', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'EncryptionInfo';
    for (let i = 0; i < name.length; i++) ole[1024 + i * 2] = name.charCodeAt(i);
    expect(await refuse(ole)).toContain('设有打开密码');
    ole.fill(0, 1024, 1100);
    expect(await refuse(ole)).toContain('旧版 Excel 97-2003');
  });

  it('a formula, naming the cell', async () => {
    const wb = await open(built);
    sheet(wb, '能源').getCell('D3').value = { formula: 'D4*2', result: 240 };
    const text = await refuse(await save(wb));
    expect(text).toContain('‘能源’表第 3 行 D 列：单元格 D3 含公式（=D4*2）');
  });

  it('an external link', async () => {
    const bytes = await patched({ 'xl/externalLinks/externalLink1.xml': '<externalLink/>' });
    expect(await refuse(bytes)).toContain('外部链接');
  });

  it('macros (.xlsm content with vbaProject.bin)', async () => {
    const bytes = await patched({ 'xl/vbaProject.bin': new Uint8Array([1, 2, 3]) });
    expect(await refuse(bytes)).toContain('包含宏');
  });

  it('another type behind .xlsx: a PDF, a Word document, an empty file; and an oversized file', async () => {
    expect(await refuse(new TextEncoder().encode('%PDF-1.7\n1 0 obj'))).toContain('识别为PDF 文件');
    const docx = new JSZip();
    docx.file('[Content_Types].xml', '<Types/>');
    docx.file('word/document.xml', '<w:document/>');
    expect(await refuse(await docx.generateAsync({ type: 'uint8array' }))).toContain('是Word 文档');
    expect(await refuse(new Uint8Array(0))).toContain('文件是空的');
    const big = new Uint8Array(LIMITS.maxBytes + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await refuse(big)).toContain('文件过大');
  });

  it('accepts the platform’s own workbook', async () => {
    expect(await inspectXlsx(built, LIMITS)).toEqual([]);
  });
});

describe('indicator-system workbook', () => {
  it('round trip: the electroplating 2015 system exported and imported back is the same system', async () => {
    const bytes = await buildIndicatorSystemWorkbook(ELECTROPLATING_2015);
    const parsed = await parseIndicatorSystemWorkbook(bytes, LIMITS);
    expect(parsed.problems).toEqual([]);
    expect(parsed.system).toEqual(ELECTROPLATING_2015);
  });

  it('reports the schema’s rule with the cell: weights not summing to 1', async () => {
    const wb = await open(await buildIndicatorSystemWorkbook(ELECTROPLATING_2015));
    const ind = sheet(wb, '指标');
    // The first group (rows 2–…) weighs 0.33 in the system: 0.5 on every one of its rows keeps it consistent.
    for (let r = 2; r <= ind.rowCount; r++)
      if (ind.getCell(`A${r}`).value === 'process-equipment') ind.getCell(`C${r}`).value = 0.5;
    ind.getCell('C3').value = 0.4; // …except on row 3
    const parsed = await parseIndicatorSystemWorkbook(await save(wb), LIMITS);
    expect(parsed.ok).toBe(false);
    const msgs = parsed.problems.map((p) => p.message);
    expect(msgs).toContain(
      '‘指标’表第 3 行 C 列：一级指标“process-equipment”的权重与本组第一行（0.5）不一致',
    );
    // 0.5 + 0.1 + 0.18 + 0.16 + 0.23 = 1.17: the core schema's rule, reported on the groups' weights
    expect(msgs.some((m) => m.includes('first-level weights sum to 1.17, expected 1'))).toBe(true);
  });

  it('a benchmark order reversed against the direction is reported on that indicator’s cell', async () => {
    const wb = await open(await buildIndicatorSystemWorkbook(ELECTROPLATING_2015));
    const ind = sheet(wb, '指标');
    let row = 0;
    for (let r = 2; r <= ind.rowCount && row === 0; r++) {
      const c = ind.getRow(r);
      const le = String(c.getCell(8).value ?? '').startsWith('≤');
      if (c.getCell(6).value === '定量' && le && typeof c.getCell(13).value === 'number') row = r;
    }
    expect(row).toBeGreaterThan(0);
    // ≤ (smaller is better): Ⅰ must be ≤ Ⅱ; a Ⅰ ten times Ⅱ breaks the core schema's order rule.
    ind.getCell(`L${row}`).value = Number(ind.getCell(`M${row}`).value) * 10;
    const parsed = await parseIndicatorSystemWorkbook(await save(wb), LIMITS);
    const p = parsed.problems.find((x) => x.message.includes('must be at least as strict'));
    expect(p).toMatchObject({ sheet: '指标', row, cell: `M${row}` });
  });

  it('reports a missing required field of the system', async () => {
    const wb = await open(await buildIndicatorSystemWorkbook(ELECTROPLATING_2015));
    sheet(wb, '体系').getCell('B2').value = null; // 体系代码
    const parsed = await parseIndicatorSystemWorkbook(await save(wb), LIMITS);
    expect(parsed.problems.map((p) => p.message)).toContain('‘体系’表第 2 行 B 列：请填写“体系代码”');
    expect(parsed.system).toBeNull();
  });

  it('a blank template has the two sheets and no indicator rows', async () => {
    const wb = await open(await buildIndicatorSystemWorkbook());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填表说明', '体系', '指标']);
    expect(sheet(wb, '指标').rowCount).toBe(1);
    const parsed = await parseIndicatorSystemWorkbook(await save(wb), LIMITS);
    expect(parsed.ok).toBe(false);
  });
});

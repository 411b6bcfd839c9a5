/** List exports: title row, header row with units (frozen, filtered), values with their number formats. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildListWorkbook, LIST_HEADER_ROW, NUM_FMT } from './index.ts';

interface Row {
  uscc: string;
  name: string;
  investment_wanYuan: number | null;
  due: string | null;
}

describe('buildListWorkbook', () => {
  it('writes a title, a frozen and filtered header with units, and typed cells', async () => {
    const rows: Row[] = [
      { uscc: '0123', name: '甲', investment_wanYuan: 12.5, due: '2025-06-30' },
      { uscc: '91320102MA1X000016', name: '乙', investment_wanYuan: null, due: null },
    ];
    const bytes = await buildListWorkbook<Row>({
      sheet: '方案/清单',
      title: '方案清单（共 2 条）',
      rows,
      columns: [
        { header: '信用代码', value: (r) => r.uscc, numFmt: NUM_FMT.text },
        { header: '名称', value: (r) => r.name },
        { header: '投资（万元）', value: (r) => r.investment_wanYuan, numFmt: NUM_FMT.wanYuan },
        { header: '期限', value: (r) => r.due, numFmt: NUM_FMT.date },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.name).toBe('方案 清单'); // "/" is not allowed in sheet names
    expect(ws.getCell('A1').value).toBe('方案清单（共 2 条）');
    expect(ws.getRow(LIST_HEADER_ROW).values).toEqual([
      undefined,
      '信用代码',
      '名称',
      '投资（万元）',
      '期限',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: LIST_HEADER_ROW });
    expect(ws.autoFilter).toBe('A2:D4');
    expect(ws.getCell('A3').value).toBe('0123'); // text: the leading zero stays
    expect(ws.getCell('C3').value).toBe(12.5);
    expect(ws.getCell('C3').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D3').value).toEqual(new Date('2025-06-30'));
    expect(ws.getCell('C4').value).toBeNull();
  });
});

/** List exports: title row, header row with units (frozen, filtered), values with their number formats. */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildListWorkbook, LIST_HEADER_ROW, NUM_FMT, streamListWorkbook } from './index.ts';

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
    // Printed on A4 landscape, all columns on one page width, title and header repeated on every page.
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `1:${LIST_HEADER_ROW}`,
    });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    expect(ws.autoFilter).toBe('A2:D4');
    expect(ws.getCell('A3').value).toBe('0123'); // text: the leading zero stays
    expect(ws.getCell('C3').value).toBe(12.5);
    expect(ws.getCell('C3').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D3').value).toEqual(new Date('2025-06-30'));
    expect(ws.getCell('C4').value).toBeNull();
  });
});

describe('streamListWorkbook', () => {
  it('writes each batch out before it reads the next (never the whole list in memory)', async () => {
    const out = new PassThrough();
    let received = 0;
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => {
      received += c.length;
      chunks.push(c);
    });
    // Bytes already out when each batch is asked for: growing from the second batch on.
    const seen: number[] = [];
    async function* batches() {
      for (let b = 0; b < 6; b++) {
        seen.push(received);
        // A database round trip (the zip stream deflates in the thread pool meanwhile).
        await new Promise((r) => setTimeout(r, 20));
        yield Array.from({ length: 3000 }, (_, i) => ({
          uscc: `U${b}-${i}`,
          name: `企业${b * 3000 + i}`,
          investment_wanYuan: ((b * 3000 + i) % 997) / 7,
          due: null,
        }));
      }
    }
    const n = await streamListWorkbook<Row>(
      {
        sheet: '企业',
        title: '企业名录（共 18000 家）',
        batches: batches(),
        columns: [
          { header: '信用代码', value: (r) => r.uscc, numFmt: NUM_FMT.text },
          { header: '名称', value: (r) => r.name },
          { header: '投资（万元）', value: (r) => r.investment_wanYuan, numFmt: NUM_FMT.wanYuan },
        ],
      },
      out,
    );
    expect(n).toBe(18_000);
    expect(seen[1]).toBeGreaterThan(0);
    expect(seen[5]).toBeGreaterThan(seen[2] ?? 0);
    // Well before the end: the last batch was asked for with most of the file already out.
    expect(seen[5]).toBeGreaterThan(received / 2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getCell('A1').value).toBe('企业名录（共 18000 家）');
    expect(ws?.getCell('B18002').value).toBe('企业17999');
    expect(ws?.getCell('C18002').numFmt).toBe('#,##0.00');
    expect(ws?.autoFilter).toBe('A2:C18002');
  });

  it('a failing batch rejects and destroys the output', async () => {
    const out = new PassThrough();
    out.resume();
    async function* batches() {
      yield [{ uscc: '1', name: 'a', investment_wanYuan: 1, due: null }];
      throw new Error('database gone');
    }
    await expect(
      streamListWorkbook<Row>(
        { sheet: 's', title: 't', batches: batches(), columns: [{ header: 'h', value: (r) => r.name }] },
        out,
      ),
    ).rejects.toThrow('database gone');
    expect(out.destroyed).toBe(true);
  });

  it('a reader that goes away (a cancelled download) stops the reading of further batches', async () => {
    const out = new PassThrough();
    let received = 0;
    out.on('data', (c: Buffer) => {
      received += c.length;
      if (received > 20_000 && !out.destroyed) out.destroy();
    });
    let read = 0;
    async function* batches() {
      for (let b = 0; b < 20; b++) {
        await new Promise((r) => setTimeout(r, 20));
        read++;
        yield Array.from({ length: 2000 }, (_, i) => ({
          uscc: `${b}-${i}`,
          name: 'x',
          investment_wanYuan: i,
          due: null,
        }));
      }
    }
    await expect(
      streamListWorkbook<Row>(
        { sheet: 's', title: 't', batches: batches(), columns: [{ header: 'h', value: (r) => r.uscc }] },
        out,
      ),
    ).rejects.toThrow('closed before the workbook was complete');
    expect(read).toBeLessThan(20);
  });
});

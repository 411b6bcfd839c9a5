/**
 * The Guangdong performance form files, read back: the .xlsx with exceljs (merged ranges, labels in their cells,
 * ☑ on the chosen boxes, numbers equal to the data, print setup), the .docx with jszip (the same table).
 * The data is `sampleForm()`: totals by the core's `aggregateGuangdongForm` over four hand-built options
 * (test-form.ts); the expected counts and sums are worked out by hand below.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GuangdongFormData } from './data.ts';
import { GD_FORM_NOTES, renderGuangdongFormDocx, renderGuangdongFormXlsx } from './index.ts';
import { decimalsFor, formatNumber } from './layout.ts';
import { sampleForm } from './test-form.ts';

let data: GuangdongFormData;
let ws: ExcelJS.Worksheet;

function text(r: number, c: number): string {
  const v = ws.getCell(r, c).value;
  return v === null || v === undefined ? '' : String(v);
}

/** The first row at or after `from` whose column A reads `label`. */
function rowOf(label: string, from = 1): number {
  for (let r = from; r <= ws.rowCount; r++) if (text(r, 1) === label) return r;
  throw new Error(`no row labelled ${label}`);
}

function numberAt(r: number, c: number): number {
  const v = ws.getCell(r, c).value;
  if (typeof v !== 'number')
    throw new Error(`cell ${ws.getCell(r, c).address} holds ${String(v)}, not a number`);
  return v;
}

beforeAll(async () => {
  data = sampleForm();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await renderGuangdongFormXlsx(data)) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('绩效表');
  if (!sheet) throw new Error('sheet 绩效表 missing');
  ws = sheet;
});

describe('the .xlsx form', () => {
  it('has the title, the basic-information labels in order, and the blocks of the official form in order', () => {
    expect(text(1, 1)).toBe('附件1');
    expect(text(2, 1)).toBe('广东省强制性清洁生产审核绩效表');
    const merges = ws.model.merges;
    expect(merges).toContain('A2:J2');
    // 企业基本情况: label A:C, value D:J.
    const name = rowOf('企业名称（盖章）');
    expect(merges).toContain(`A${name}:C${name}`);
    expect(merges).toContain(`D${name}:J${name}`);
    expect(text(name, 4)).toBe('惠州市恒讯电路科技有限公司');
    const address = rowOf('生产经营场所地址');
    expect(text(address, 6)).toBe('行业代码及类别[1]');
    expect(text(address, 8)).toBe('398 电子元件及电子专用材料制造（行业代码 3982）');
    // The sections in the order of the official form.
    const order = [
      '企业基本情况',
      '企业名称（盖章）',
      '生产经营场所地址',
      '年工业总产值[2]（万元）',
      '是否位于工业园区[4]内',
      '环境监管重点单位[5]',
      '排污许可管理类别[6]',
      '纳入名单原因',
      '本轮清洁生产审核轮次',
      '企业清洁生产负责人',
      '咨询服务机构名称',
      '咨询服务机构联系人',
      '启动审核时间',
      '本轮清洁生产审核培训、宣传总次数',
      '主要产品及年产量[7]',
      '本轮审核重点[8]',
      '本轮清洁生产重点方案简介',
      '本轮清洁生产目标完成情况[11]',
      '本轮清洁生产方案汇总',
      '环境效益汇总',
      '资源能源节约与经济效益汇总',
      '清洁生产水平评价（清洁生产等级）',
      '已经发布清洁生产评价指标体系的行业',
      '未发布清洁生产评价指标体系的行业[16]',
    ];
    let at = 1;
    for (const label of order) {
      const r = rowOf(label, at);
      expect(r, label).toBeGreaterThan(at - 1);
      at = r + 1;
    }
    // The label of 环境监管重点单位 spans its yes/no line and the line of the six types.
    const key = rowOf('环境监管重点单位[5]');
    expect(merges).toContain(`A${key}:C${key + 1}`);
  });

  it('checks ☑ the chosen boxes and leaves □ the others', () => {
    expect(text(rowOf('是否位于工业园区[4]内'), 4)).toMatch(/^☑是，园区名称：仲恺高新区\s+□否$/);
    const key = rowOf('环境监管重点单位[5]');
    expect(text(key, 4)).toMatch(/^☑是\s+□否$/);
    const types = text(key + 1, 4);
    // sampleForm: water and soil.
    for (const on of ['水环境重点排污单位', '土壤污染重点监管单位']) expect(types).toContain(`☑${on}`);
    for (const off of [
      '地下水污染防治重点排污单位',
      '大气环境重点排污单位',
      '噪声重点排污单位',
      '环境风险重点管控单位',
    ]) {
      expect(types).toContain(`□${off}`);
    }
    const permit = rowOf('排污许可管理类别[6]');
    expect(text(permit, 4).split('\n')).toEqual(['☑重点管理', '□简化管理', '□登记管理']);
    expect(text(permit, 6)).toBe('审核方式');
    expect(text(permit, 8).split('\n')).toEqual(['☑常规流程清洁生产审核', '□简易流程清洁生产审核']);
    expect(text(rowOf('纳入名单原因'), 4)).toBe(
      '□“双超” ☑“双有”\n□纳入国家和地方相关规划及行动计划  ☑其他重点行业',
    );
    expect(text(rowOf('本轮清洁生产审核轮次'), 4)).toBe(
      '□首轮   ☑第二轮   □第三轮   □第三轮以上\n上一轮审核验收通过时间：2020年12月',
    );
  });

  it('writes the basic figures as numbers, with the units of the form', () => {
    const gross = rowOf('年工业总产值[2]（万元）');
    expect(numberAt(gross, 4)).toBe(75_123.45);
    expect(ws.getCell(gross, 4).numFmt).toBe('#,##0.00');
    expect(text(gross, 6)).toBe('年工业增加值[3]（万元）');
    expect(numberAt(gross, 8)).toBe(20_283.33);
    const products = rowOf('主要产品及年产量[7]');
    expect([text(products, 4), text(products, 6), text(products, 8), text(products, 10)]).toEqual([
      '产品名称',
      '年产量',
      '产品名称',
      '年产量',
    ]);
    // Three products: two per line, the label spans the header and both lines.
    expect(ws.model.merges).toContain(`A${products}:C${products + 2}`);
    expect([
      text(products + 1, 4),
      numberAt(products + 1, 6),
      text(products + 1, 8),
      numberAt(products + 1, 10),
    ]).toEqual(['双面板', 540_000, '多层板', 351_000]);
    expect(ws.getCell(products + 1, 6).numFmt).toBe('#,##0" m2"');
    expect(text(products + 2, 4)).toBe('软板');
    expect(text(products + 2, 6)).toBe(''); // not reported
    const training = rowOf('本轮清洁生产审核培训、宣传总次数');
    expect([numberAt(training, 4), numberAt(training, 8)]).toEqual([4, 326]);
    expect(text(rowOf('启动审核时间'), 4)).toBe('2025年4月1日');
  });

  it('lists the key options and the targets', () => {
    const head = rowOf('方案名称');
    expect([text(head, 3), text(head, 4), text(head, 7), text(head, 9), text(head, 10)]).toEqual([
      '方案类别[9]',
      '方案要点[10]',
      '环境效益',
      '经济效益',
      '实际投入',
    ]);
    expect([text(head + 1, 1), text(head + 1, 3), text(head + 1, 4)]).toEqual([
      '电镀铜线逆流漂洗及在线回收',
      '技术工艺',
      '三级逆流漂洗替代单级漂洗，在线回收铜',
    ]);
    expect(numberAt(head + 1, 10)).toBe(88.5);
    expect(ws.getCell(head + 1, 10).numFmt).toBe('#,##0.0" 万元"');
    expect(text(head + 2, 3)).toBe('设备');
    const t = rowOf('指标名称（单位）');
    expect([text(t, 5), text(t, 7), text(t, 9)]).toEqual(['审核前', '审核后', '近期目标值']);
    expect(text(t + 1, 1)).toBe('单位产品新鲜水用量（m3/m2）');
    expect([numberAt(t + 1, 5), numberAt(t + 1, 7), numberAt(t + 1, 9)]).toEqual([1.305, 1.148, 1.175]);
    expect(text(t + 2, 7)).toBe(''); // COD after: not known yet
  });

  it('fills 方案汇总 with the core totals: 4 proposed, 3 implemented (K1, K2, G1)', () => {
    const s = data.totals.optionSummary;
    const count = rowOf('方案个数（个）');
    const inv = rowOf('投资（万元）');
    const row = (r: number) => [5, 6, 7, 8, 9, 10].map((c) => numberAt(r, c));
    expect(row(count)).toEqual([
      s.proposed.key?.count,
      s.proposed.general?.count,
      s.proposed.total?.count,
      s.implemented.key?.count,
      s.implemented.general?.count,
      s.implemented.total?.count,
    ]);
    // By hand: proposed K1, K2 (key), G1, G2 (general); implemented K1, K2, G1.
    expect(row(count)).toEqual([2, 2, 4, 2, 1, 3]);
    // Implemented at actual investment when given: 88.5 + 42 (K2 has none: planned) = 130.5 key; 2.6 general.
    expect(numberAt(inv, 8)).toBeCloseTo(130.5, 10);
    expect(numberAt(inv, 9)).toBeCloseTo(2.6, 10);
    expect(numberAt(inv, 10)).toBeCloseTo(s.implemented.total?.investment_wanYuan ?? Number.NaN, 10);
  });

  it('fills 环境效益汇总 column by column with the core totals, further pollutants in the …… column', () => {
    const header = rowOf('方案类型\n污染物减排');
    const labels = [2, 3, 4, 5, 6, 7, 8, 9, 10].map((c) => text(header, c));
    expect(labels).toEqual([
      '废水（吨/年）',
      'COD（吨/年）',
      '氨氮（吨/年）',
      'SO2（吨/年）',
      '氮氧化物（吨/年）',
      '……[12]',
      '危险废物（吨/年）',
      '一般工业固体废物（吨/年）',
      '其他减排量（吨/年）',
    ]);
    const env = data.totals.environmentalSummary;
    const keys = [
      'wastewater',
      'cod',
      'nh3n',
      'so2',
      'nox',
      null,
      'hazardous-waste',
      'general-solid-waste',
      'other',
    ];
    env.rows.forEach((row, i) => {
      const r = header + 1 + i;
      expect(text(r, 1)).toBe(['重点方案', '一般方案', '合计'][i]);
      keys.forEach((k, j) => {
        if (k === null) return;
        expect(numberAt(r, 2 + j), `${row.key}.${k}`).toBe(row.values[k]);
      });
    });
    // By hand: COD 0.06 t/a (K1), hazardous waste 1.5 t/a (G1); VOCs 0.4 t/a behind …… (note 12).
    expect(numberAt(header + 3, 3)).toBe(0.06);
    expect(numberAt(header + 3, 8)).toBe(1.5);
    expect(text(header + 3, 7)).toBe('VOCs\n0.4 吨/年');
  });

  it('fills 资源能源节约与经济效益汇总 with the core totals and CO2, gas and its CO2 behind ……', () => {
    const header = rowOf('方案类型\n资源能源节约');
    const cols: [number, string][] = [
      [2, 'water'],
      [3, 'electricity'],
      [4, 'electricity-co2'],
      [5, 'coal'],
      [9, 'co2-total'],
      [10, 'economic-benefit'],
    ];
    expect(cols.map(([c]) => text(header, c))).toEqual([
      '节水（吨/年）',
      '节电（度/年）',
      '节电的碳减排量（吨二氧化碳当量/年）',
      '节煤（吨/年）',
      '碳减排总量（吨二氧化碳当量/年）[14]',
      '经济效益（万元/年）[15]',
    ]);
    expect(text(header, 6)).toBe('……[13]');
    const sv = data.totals.savingsSummary;
    sv.rows.forEach((row, i) => {
      for (const [c, k] of cols) expect(numberAt(header + 1 + i, c), `${row.key}.${k}`).toBe(row.values[k]);
    });
    const total = sv.rows[2]?.values ?? {};
    // By hand: 300,000 + 50,000 kWh; 80,000 t water; 30 + 21.5 + 4 万元/a.
    expect(numberAt(header + 3, 3)).toBe(350_000);
    expect(numberAt(header + 3, 2)).toBe(80_000);
    expect(numberAt(header + 3, 10)).toBeCloseTo(55.5, 10);
    // Note 14: the total is electricity + gas CO2 here (no coal, no oil).
    expect(total['co2-total']).toBeCloseTo(
      (total['electricity-co2'] ?? 0) + (total['natural-gas-co2'] ?? 0),
      9,
    );
    const gasCo2 = total['natural-gas-co2'] ?? 0;
    expect(text(header + 3, 6)).toBe(
      `节天然气（立方米/年）：12,000\n节天然气的碳减排量（吨二氧化碳当量/年）：${formatNumber({ value: gasCo2, decimals: decimalsFor(gasCo2, 2) })}`,
    );
  });

  it('fills the CP level, the filler line, the notes [1]–[16] and the grid factor used', () => {
    const idx = rowOf('综合评价指数');
    expect([numberAt(idx, 5), numberAt(idx, 7)]).toEqual([78.5, 86.25]);
    const grade = rowOf('清洁生产等级');
    expect([text(grade, 5), text(grade, 7)]).toEqual(['Ⅲ级', 'Ⅱ级']);
    expect(ws.model.merges).toContain(`I${idx}:J${grade}`);
    const filler = rowOf('企业填表人：李四');
    expect(text(filler, 6)).toBe('填表时间：2025年11月3日');
    for (const [i, note] of GD_FORM_NOTES.entries()) {
      expect(text(filler + 2 + i, 1)).toBe(note);
      expect(note.startsWith(`[${i + 1}] `)).toBe(true);
    }
    const all = Array.from({ length: ws.rowCount }, (_, r) => text(r + 1, 1)).join('\n');
    expect(all).toContain(`电网排放因子 ${data.gridFactor.value_tCO2PerMWh} tCO2/MWh`);
  });

  it('prints on A4 portrait fitted to the width, title repeated, in 宋体 with borders', () => {
    const p = ws.pageSetup;
    expect(p.paperSize).toBe(9);
    expect(p.orientation).toBe('portrait');
    expect(p.fitToPage).toBe(true);
    expect(p.fitToWidth).toBe(1);
    expect(p.fitToHeight).toBe(0);
    expect(p.printTitlesRow).toBe('2:2');
    expect(p.margins?.left).toBe(0.6);
    expect(ws.getCell('A2').font?.name).toBe('宋体');
    expect(ws.getCell(rowOf('企业名称（盖章）'), 4).font?.name).toBe('宋体');
    expect(ws.getCell(rowOf('企业名称（盖章）'), 10).border?.right?.style).toBe('thin');
  });

  it('still lays out an empty form: two blank rows for options and targets, no product', async () => {
    const empty: GuangdongFormData = { ...sampleForm(), keyOptions: [], targets: [], products: [] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderGuangdongFormXlsx(empty)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('绩效表');
    const rows = (sheet?.getSheetValues() ?? []).map((r) => (Array.isArray(r) ? String(r[1] ?? '') : ''));
    const head = rows.indexOf('方案名称');
    expect(rows[head + 3]).toBe('本轮清洁生产目标完成情况[11]');
  });
});

describe('the other choices of the form', () => {
  it('a first round outside a park, simplified method, no indicator system: the other boxes and note 16 text', async () => {
    const other: GuangdongFormData = {
      ...sampleForm(),
      inIndustrialPark: false,
      industrialParkName: null,
      keyMonitoringUnit: false,
      keyMonitoringTypes: [],
      permitClass: 'registration',
      auditMethod: 'simplified',
      listingReasons: ['double_exceed', 'plans'],
      listingReasonOther: null,
      round: 'first',
      lastAcceptanceYear: null,
      lastAcceptanceMonth: null,
      filledOn: null,
      cpLevel: {
        before: null,
        after: null,
        remark: null,
        description: '行业未发布评价指标体系，单位产品水耗下降12%。',
      },
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderGuangdongFormXlsx(other)) as unknown as ArrayBuffer);
    const saved = ws;
    ws = wb.getWorksheet('绩效表') as ExcelJS.Worksheet;
    try {
      expect(text(rowOf('是否位于工业园区[4]内'), 4)).toMatch(/^□是，园区名称：\s+☑否$/);
      const key = rowOf('环境监管重点单位[5]');
      expect(text(key, 4)).toMatch(/^□是\s+☑否$/);
      expect(text(key + 1, 4)).not.toContain('☑');
      const permit = rowOf('排污许可管理类别[6]');
      expect(text(permit, 4).split('\n')).toEqual(['□重点管理', '□简化管理', '☑登记管理']);
      expect(text(permit, 8).split('\n')).toEqual(['□常规流程清洁生产审核', '☑简易流程清洁生产审核']);
      expect(text(rowOf('纳入名单原因'), 4)).toBe(
        '☑“双超” □“双有”\n☑纳入国家和地方相关规划及行动计划  □其他',
      );
      expect(text(rowOf('本轮清洁生产审核轮次'), 4)).toBe(
        '☑首轮   □第二轮   □第三轮   □第三轮以上\n上一轮审核验收通过时间：      年      月',
      );
      const idx = rowOf('综合评价指数');
      expect([text(idx, 5), text(idx, 7)]).toEqual(['', '']);
      const note16 = rowOf('未发布清洁生产评价指标体系的行业[16]');
      expect(text(note16 + 1, 1)).toBe('行业未发布评价指标体系，单位产品水耗下降12%。');
      expect(text(rowOf('企业填表人：李四'), 6)).toBe('填表时间：      年    月    日');
    } finally {
      ws = saved;
    }
  });
});

describe('the .docx form', () => {
  it('is one table with the same merged cells, check boxes and formatted numbers', async () => {
    const zip = await JSZip.loadAsync(await renderGuangdongFormDocx(data));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const plain = xml.replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, '');
    expect(plain).toContain('广东省强制性清洁生产审核绩效表');
    expect(plain).toContain('☑常规流程清洁生产审核');
    expect(plain).toContain('□简易流程清洁生产审核');
    expect(plain).toContain('☑第二轮');
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(1);
    // Label A:C spans 3 grid columns; the 环境监管重点单位 and 主要产品 labels merge vertically.
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>/);
    // The totals, formatted: 350,000 kWh, 80,000 t, 55.5 万元/a.
    expect(plain).toContain('350,000');
    expect(plain).toContain('80,000');
    const total = data.totals.savingsSummary.rows[2]?.values ?? {};
    const co2 = total['co2-total'] ?? 0;
    expect(plain).toContain(formatNumber({ value: co2, decimals: decimalsFor(co2, 2) }));
    expect(plain).toContain('[16] 未发布清洁生产评价指标体系的行业');
    // A4 portrait.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });
});

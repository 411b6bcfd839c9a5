/**
 * The industry audit report: generated, opened again with jszip, and checked against Appendix B of the Jiangsu
 * guideline (chapter headings in order; the header rows of tables 6.1, 7.2 and 7.3 as printed there) and against
 * the data it was given (every figure of tables 6.1, 7.2 and 7.3; photos and charts in word/media; empty sections).
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_PHOTOS_PER_KIND, type ReportData } from './data.ts';
import { decimalsForUnit, formatFixed } from './format.ts';
import { readDocx } from './read-docx.ts';
import { imageSize, REPORT_CHAPTERS, renderAuditReport } from './render.ts';
import { sampleReportData } from './sample.ts';

/** Appendix B, chapters 1–9 as printed: numbered "1、" … "8、", and chapter 9 "九、" (as the guideline has it). */
const APPENDIX_B_CHAPTERS = [
  '行业基本现状',
  '审核工作计划',
  '现状调查情况',
  '审核重点和目标',
  '问题识别和潜力分析',
  '清洁生产方案的产生和确定',
  '清洁生产方案的实施情况和绩效评估',
  '持续性清洁生产',
  '清洁生产方案实施佐证材料',
];
const APPENDIX_B_SECTIONS = [
  '2.1 审核范围',
  '2.2 审核组织架构与职责分工',
  '2.3 审核阶段及进度安排',
  '3.1 调查方法',
  '3.2 行业基本情况',
  '5.1 行业层面问题识别',
  '5.2 问题成因分析',
  '5.3 清洁生产潜力分析',
  '6.1 产生清洁生产方案',
  '6.2 可行性分析',
  '7.1 清洁生产方案实施情况',
  '7.2 绩效评估',
  '7.3 审核目标完成情况',
];

describe('renderAuditReport', () => {
  it('writes chapters 1–9 and the sub-sections of Appendix B in order, with a TOC field and a cover', async () => {
    const data = sampleReportData({ enterprises: 2 });
    const doc = await readDocx(await renderAuditReport(data));
    expect(doc.headings(1)).toEqual(APPENDIX_B_CHAPTERS.map((c, i) => `${i === 8 ? '九' : i + 1}、${c}`));
    expect(doc.headings(1)).toEqual([...REPORT_CHAPTERS]);
    const h2 = doc.headings(2);
    expect(h2).toEqual(APPENDIX_B_SECTIONS);
    // A real TOC field over heading levels 1–2.
    expect(doc.documentXml).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    expect(doc.paragraphs.map((p) => p.text)).toContain('样例市电镀行业清洁生产审核报告');
    expect(doc.paragraphs.map((p) => p.text)).toContain('编制单位：样例市生态环境局');
    // 宋体/黑体 with the Noto CJK faces named as their alternatives in the font table.
    expect(doc.fontTableXml).toContain('<w:font w:name="宋体"><w:altName w:val="Noto Serif CJK SC"/>');
    expect(doc.fontTableXml).toContain('<w:font w:name="黑体"><w:altName w:val="Noto Sans CJK SC"/>');
    expect(doc.documentXml).toContain('w:eastAsia="宋体"');
  });

  it('table 6.1 has the header row of Appendix B and one row per option with its figures', async () => {
    const data = sampleReportData({ enterprises: 2 });
    const doc = await readDocx(await renderAuditReport(data));
    const t = doc.table('序号', '方案类型');
    expect(t?.[0]).toEqual([
      '序号',
      '方案类型',
      '方案名称',
      '方案简介',
      '环境或资源能源效益',
      '经济效益',
      '投资费用（万元）',
      '责任单位',
    ]);
    expect(t).toHaveLength(data.options.length + 1);
    data.options.forEach((o, i) => {
      expect(t?.[i + 1]).toEqual([
        o.code,
        o.typeLabel,
        o.name,
        o.summary,
        o.environmentalBenefit,
        `${formatFixed(o.economicBenefit_wanYuanPerYear, 2)}万元/年`,
        formatFixed(o.investment_wanYuan, 2),
        o.responsibleUnit,
      ]);
    });
    expect(doc.paragraphs.map((p) => p.text)).toContain(
      '注：方案类型包括原辅料替代、工艺设备改造、过程控制、节能、资源综合利用、末端治理、管理及人员等类型。',
    );
  });

  it('table 7.2 reproduces the printed layout and holds the figures of the core aggregation given', async () => {
    const data = sampleReportData({ enterprises: 3 });
    const t72 = data.performance.table72;
    const doc = await readDocx(await renderAuditReport(data));
    const t = doc.table('方案数量');
    expect(t).toBeDefined();
    if (!t) return;
    // Header rows as printed in Appendix B 7.2.
    expect(t[0]).toEqual(['方案数量', '已实施无/低费方案', '中/高费方案', '已实施方案类型数量', '总计']);
    expect(t[1]).toEqual([
      '已实施',
      '待实施',
      '源头替代方案',
      '工艺革新方案',
      '末端治理方案',
      '环境管理方案',
    ]);
    const keys = t72.columns.map((c) => c.key);
    expect(t[2]).toEqual(['方案个数（个）', ...keys.map((k) => formatFixed(t72.optionCount[k], 0))]);
    expect(t[3]).toEqual(['投资金额（万元）', ...keys.map((k) => formatFixed(t72.investment_wanYuan[k], 2))]);
    expect(t[4]).toEqual(['经济效益']);
    expect(t[5]).toEqual([
      '经济效益（万元/年）',
      ...keys.map((k) => formatFixed(t72.economicBenefit_wanYuanPerYear[k], 2)),
    ]);
    expect(t[6]).toEqual(['环境效益']);
    expect(t[7]).toEqual(['废水减排（吨/年）', expect.any(String), '废气减排（吨/年）', expect.any(String)]);
    // Every labelled cell of 环境效益 and 资源能源节约 is followed by its value.
    const flat = t.flat();
    for (const c of [...t72.environmentalBenefits, ...t72.resourceEnergySavings]) {
      const at = flat.indexOf(c.label);
      expect(at, c.label).toBeGreaterThan(0);
      expect(flat[at + 1], c.label).toBe(formatFixed(c.value, decimalsForUnit(c.unit)));
    }
    // The sample: COD 0.1…0.5 t/a per option, so table 7.2 prints COD with three decimals.
    const cod = t72.environmentalBenefits.find((c) => c.key === 'cod');
    expect(cod?.value).toBeGreaterThan(0);
    expect(flat[flat.indexOf('COD减排（吨/年）') + 1]).toMatch(/^\d+\.\d{3}$/);
    for (const label of ['其他污染物减排量', '资源能源节约情况', '节综合能耗（吨标煤/年）', '其他']) {
      expect(flat, label).toContain(label);
    }
    expect(flat).toContain('节电（万度/年）');
    expect(flat).toContain('节天然气（万m3/年）');
  });

  it('table 7.3 has the columns of Appendix B and the rows given', async () => {
    const data = sampleReportData({ enterprises: 1 });
    const doc = await readDocx(await renderAuditReport(data));
    const t = doc.table('类型', '清洁生产目标');
    expect(t?.[0]).toEqual(['类型', '清洁生产目标', '目标完成情况']);
    expect(t?.slice(1).map((r) => r[0])).toEqual([
      '污染物减排',
      '温室气体减排',
      '资源能源利用',
      '清洁生产水平提升',
    ]);
    expect(t?.[1]).toEqual(['污染物减排', 'COD排放量较审核前削减10%', '削减12.5%，已完成']);
    expect(t?.[3]).toEqual(['资源能源利用', '单位产品电耗下降5%', '下降3.2%，未完成']);
  });

  it('embeds the performance charts and the before/after photos as images', async () => {
    const data = sampleReportData({ enterprises: 2, withPhotos: 1 });
    const doc = await readDocx(await renderAuditReport(data));
    // Two charts (options; benefits) + enterprise 1's two implemented options × (before, after) = 6 pictures;
    // the photos are the same two PNGs for both options, stored once each: 4 media files.
    expect(doc.documentXml.match(/<w:drawing>/g)).toHaveLength(6);
    expect(doc.media).toHaveLength(4);
    expect(doc.paragraphs.map((p) => p.text)).toContain('图7.1 方案个数与投资金额');
    expect(doc.headings(3)).toContain('9.1 清洁生产方案：E1-1 方案E1-1');
    expect(doc.headings(4)).toContain('9.1.1 方案实施前后对比照片');
    // Before and after side by side, each captioned under its picture.
    const photoRow = doc.tables.find((t) => t[0]?.[0]?.endsWith('图9.1.1 实施前：改造前镀槽'));
    expect(photoRow?.[0]?.[1]).toMatch(/图9\.1\.2 实施后：改造后镀槽$/);
    // Documents are listed, not embedded.
    expect(doc.paragraphs.some((p) => p.text.startsWith('设备采购发票（文件：invoice.pdf'))).toBe(true);
  });

  it('embeds at most EMBEDDED_PHOTOS_PER_KIND photos of each kind per option and lists the others, saying so', async () => {
    const data = sampleReportData({ enterprises: 1, withPhotos: 1 });
    const option = data.evidence[0];
    const after = option?.files.find((f) => f.kind === 'photo_after');
    if (!option || !after) throw new Error('sample without an after photo');
    // Five after photos: the first three embedded, two listed by name.
    const extra = [2, 3, 4, 5].map((k) => ({
      ...after,
      title: `改造后镀槽${k}`,
      fileName: `after-${k}.png`,
    }));
    option.files = [...option.files, ...extra];
    const doc = await readDocx(await renderAuditReport(data));
    const captions = doc.tables.flat(2).filter((c) => /^.*图9\.1\.\d+ 实施后/.test(c));
    expect(captions).toHaveLength(EMBEDDED_PHOTOS_PER_KIND);
    const texts = doc.paragraphs.map((p) => p.text);
    expect(texts).toContain(
      `另有2张照片未嵌入（每个方案的实施前、实施后照片各嵌入前${EMBEDDED_PHOTOS_PER_KIND}张），列于下方，原件见平台佐证材料。`,
    );
    expect(texts.some((t) => t.startsWith('实施后：改造后镀槽4（after-4.png'))).toBe(true);
    expect(texts.some((t) => t.startsWith('实施后：改造后镀槽5（after-5.png'))).toBe(true);
  });

  it('draws a chart again only for other figures (charts kept by the figures they plot)', async () => {
    const chartsOf = async (d: ReportData) => {
      const files = unzipSync(await renderAuditReport(d));
      return Object.entries(files)
        .filter(([n]) => n.startsWith('word/media/'))
        .map(([, b]) => Buffer.from(b).toString('base64'))
        .sort();
    };
    const a = sampleReportData({ enterprises: 2, withPhotos: 0 });
    const b = sampleReportData({ enterprises: 3, withPhotos: 0 });
    const first = await chartsOf(a);
    expect(first.length).toBeGreaterThan(0);
    expect(await chartsOf(a)).toEqual(first);
    // Other table 7.2 figures: other pictures, not the kept ones.
    expect(await chartsOf(b)).not.toEqual(first);
  });

  it('says so where a section has no data, and keeps every chapter', async () => {
    const full = sampleReportData({ enterprises: 1 });
    const empty: ReportData = {
      ...full,
      industryOverview: [],
      enterprises: [],
      panel: [],
      phases: [],
      surveyMethods: [],
      industryStatus: [],
      options: [],
      evidence: [],
      planTasks: [],
    };
    const onProgress: [number, number][] = [];
    const doc = await readDocx(
      await renderAuditReport(empty, { onProgress: (d, t) => onProgress.push([d, t]) }),
    );
    expect(doc.headings(1)).toHaveLength(9);
    const texts = doc.paragraphs.map((p) => p.text);
    for (const s of [
      '本审核暂无行业总体概况数据。',
      '本审核暂无参与审核企业数据。',
      '本审核暂无审核小组数据。',
      '本审核暂无清洁生产方案数据。',
      '本审核暂无持续清洁生产计划数据。',
      '本审核暂无方案实施佐证材料数据。',
    ]) {
      expect(texts, s).toContain(s);
    }
    expect(doc.table('序号', '方案类型')).toBeUndefined();
    expect(onProgress.at(-1)).toEqual([13, 13]);
    expect(onProgress.every(([d, t], i) => d <= t && (i === 0 || d >= (onProgress[i - 1]?.[0] ?? 0)))).toBe(
      true,
    );
  });
});

describe('formatting and image sizes', () => {
  it('prints fixed decimals with thousands separators, and a dash for missing figures', () => {
    expect(formatFixed(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatFixed(0.0004, 3)).toBe('0.000');
    expect(formatFixed(-0.0004, 3)).toBe('0.000');
    expect(formatFixed(-1500, 0)).toBe('-1,500');
    expect(formatFixed(null, 2)).toBe('—');
    expect(formatFixed(Number.NaN, 2)).toBe('—');
    expect(decimalsForUnit('t/a')).toBe(3);
    expect(decimalsForUnit('万kWh/a')).toBe(2);
  });

  it('reads the pixel size of PNG and JPEG headers', () => {
    // PNG: signature, IHDR length and type, width 640 (0x280), height 480 (0x1E0).
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 2, 0x80, 0,
      0, 1, 0xe0, 8, 2,
    ]);
    expect(imageSize(png)).toEqual({ type: 'png', width: 640, height: 480 });
    // JPEG: SOI, an APP0 segment of length 4, SOF0 with height 200 and width 300.
    const jpg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 17, 8, 0, 200, 1, 0x2c, 3, 0, 0, 0, 0, 0, 0,
    ]);
    expect(imageSize(jpg)).toEqual({ type: 'jpg', width: 300, height: 200 });
    expect(imageSize(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});

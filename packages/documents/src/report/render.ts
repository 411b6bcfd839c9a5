/**
 * The industry audit report (行业清洁生产审核报告) as a Word document, chapters 1–9 of Appendix B of the Jiangsu
 * 《行业清洁生产审核技术指南》 in its order and headings: a cover, a table of contents (a real TOC field over the
 * heading styles, filled in advance so it is not empty before Word updates it), then the chapters. A section
 * without data says so (“本审核暂无……数据”) instead of vanishing.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  NumberFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { benefitsChart, type ChartImage, optionsChart, potentialChart } from './charts.ts';
import {
  EMBEDDED_PHOTOS_PER_KIND,
  PICTURE_TYPES,
  type RenderReportOptions,
  type ReportData,
  type ReportOptionEvidence,
  type ReportStatusAnalysis,
  type ReportText,
} from './data.ts';
import { formatBytes, formatDateZh, formatFixed, formatPercent, REPORT_DECIMALS } from './format.ts';
import {
  BODY_STYLES,
  body,
  type CellSpec,
  caption,
  FALLBACK_FONTS,
  grid,
  HEI,
  heading,
  LANDSCAPE_TEXT_WIDTH,
  noData,
  note,
  num,
  PAGE,
  SIZE,
  SONG,
  TABLE_STYLES,
  TEXT_WIDTH,
  td,
  th,
  widths,
} from './layout.ts';
import { TABLE61_NOTE, table61, table72, table73 } from './tables.ts';
import { type RawPlaceholder, spliceRawParts, withPlaceholders, type Xml } from './xml.ts';
import { zipEntries } from './zip.ts';

/** The chapter headings as Appendix B prints them, in its order (chapter 9 is printed “九、” in the guideline, and so here). */
export const REPORT_CHAPTERS = [
  '1、行业基本现状',
  '2、审核工作计划',
  '3、现状调查情况',
  '4、审核重点和目标',
  '5、问题识别和潜力分析',
  '6、清洁生产方案的产生和确定',
  '7、清洁生产方案的实施情况和绩效评估',
  '8、持续性清洁生产',
  '九、清洁生产方案实施佐证材料',
] as const;

/** Sub-headings of Appendix B, in order. */
export const REPORT_SECTIONS = {
  scope: '2.1 审核范围',
  panel: '2.2 审核组织架构与职责分工',
  phases: '2.3 审核阶段及进度安排',
  surveyMethods: '3.1 调查方法',
  industryStatus: '3.2 行业基本情况',
  problems: '5.1 行业层面问题识别',
  causes: '5.2 问题成因分析',
  potential: '5.3 清洁生产潜力分析',
  options: '6.1 产生清洁生产方案',
  feasibility: '6.2 可行性分析',
  implementation: '7.1 清洁生产方案实施情况',
  performance: '7.2 绩效评估',
  targets: '7.3 审核目标完成情况',
} as const;

const OPTIONS_INTRO = '本轮审核产生的清洁生产方案见表6.1（含行业层面和企业层面方案，按方案编号排列）。';

/** Margins of the landscape pages of table 6.1 (2.54 cm all round). */
const LANDSCAPE_MARGIN = { top: PAGE.top, bottom: PAGE.top, left: PAGE.top, right: PAGE.top };

/** Appendix B 9.1.1–9.1.6 and the evidence kinds that go under each. */
export const EVIDENCE_SUBSECTIONS: readonly { title: string; kinds: readonly string[] }[] = [
  { title: '方案实施前后对比照片', kinds: ['photo_before', 'photo_after'] },
  { title: '方案实施绩效核算过程', kinds: ['calculation'] },
  { title: '相关合同', kinds: ['contract'] },
  { title: '相关发票', kinds: ['invoice'] },
  { title: '检测报告', kinds: ['test_report'] },
  { title: '其他相关佐证材料', kinds: ['operation_record', 'other'] },
];

const PHOTO_LABEL: Readonly<Record<string, string>> = { photo_before: '实施前', photo_after: '实施后' };

type Block = Paragraph | Table | Xml;

/**
 * Charts already drawn, by the figures they plot (most recently used last): drawing one costs 0.1–0.5 s of CPU
 * (ECharts SSR, then resvg parsing the CJK font for each picture), and a report downloaded again, or a report of
 * an audit whose table 7.2 has not changed, plots the same figures. A few dozen PNGs of 20–100 KB.
 */
const CHART_CACHE_SIZE = 32;
const chartCache = new Map<string, ChartImage | null>();

function cachedChart<T>(kind: string, input: T, draw: (input: T) => ChartImage | null): ChartImage | null {
  const key = `${kind}:${JSON.stringify(input)}`;
  if (chartCache.has(key)) {
    const hit = chartCache.get(key) ?? null;
    chartCache.delete(key);
    chartCache.set(key, hit);
    return hit;
  }
  const img = draw(input);
  chartCache.set(key, img);
  if (chartCache.size > CHART_CACHE_SIZE) {
    const oldest = chartCache.keys().next().value;
    if (oldest !== undefined) chartCache.delete(oldest);
  }
  return img;
}

/**
 * Draws the report's charts ahead of `renderAuditReport`, kept as it keeps them (same figures, same key): the server
 * calls it as soon as table 7.2, then the status analysis, is read, while its other queries are still running, so
 * that drawing (CPU) overlaps the database's work instead of following it.
 */
export function drawReportCharts(input: {
  table72?: ReportData['performance']['table72'];
  statusAnalysis?: ReportStatusAnalysis | null;
}): void {
  if (input.table72) {
    cachedChart('options', input.table72, optionsChart);
    cachedChart('benefits', input.table72, benefitsChart);
  }
  const levels = input.statusAnalysis?.potential?.levels;
  if (levels) cachedChart('potential', levels, potentialChart);
}

/** The section's texts; without any, the “本审核暂无……数据” line unless data of the section follows (`followed`). */
function texts(items: readonly ReportText[], what: string, followed = false): Block[] {
  if (items.length === 0) return followed ? [] : [noData(what)];
  return items.flatMap((t) =>
    t.enterprise ? [...body(`${t.enterprise}：`, { bold: true }), ...body(t.content)] : body(t.content),
  );
}

function orDash(s: string | null | undefined): string {
  return s === null || s === undefined || s.trim() === '' ? '—' : s;
}

function period(a: string | null, b: string | null): string {
  if (!a && !b) return '—';
  return `${formatDateZh(a)}—${formatDateZh(b)}`;
}

/** Pixel size of a PNG (IHDR) or JPEG (first SOFn marker); null for anything else. */
export function imageSize(b: Uint8Array): { type: 'png' | 'jpg'; width: number; height: number } | null {
  if (b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return { type: 'png', width: v.getUint32(16), height: v.getUint32(20) };
  }
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1] ?? 0;
      const len = ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = ((b[i + 5] ?? 0) << 8) | (b[i + 6] ?? 0);
        const width = ((b[i + 7] ?? 0) << 8) | (b[i + 8] ?? 0);
        return { type: 'jpg', width, height };
      }
      i += 2 + len;
    }
  }
  return null;
}

function picture(bytes: Uint8Array, maxWidthPx: number, maxHeightPx: number): Paragraph | null {
  const size = imageSize(bytes);
  if (!size || size.width === 0 || size.height === 0) return null;
  const scale = Math.min(maxWidthPx / size.width, maxHeightPx / size.height);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    children: [
      new ImageRun({
        type: size.type,
        data: bytes,
        transformation: {
          width: Math.round(size.width * scale),
          height: Math.round(size.height * scale),
        },
      }),
    ],
  });
}

function figureCaption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 160 },
    children: [new TextRun({ text, font: HEI, size: SIZE.wuHao })],
  });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

/** Photos two to a row in a borderless table, each with its caption under it. */
function photoGrid(photos: readonly { bytes: Uint8Array; caption: string }[]): Table {
  const half = Math.floor(TEXT_WIDTH / 2);
  const cell = (p: { bytes: Uint8Array; caption: string } | undefined) =>
    new TableCell({
      width: { size: half, type: WidthType.DXA },
      borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
      children: p
        ? [picture(p.bytes, 260, 190) ?? new Paragraph({}), figureCaption(p.caption)]
        : [new Paragraph({})],
    });
  const rows: TableRow[] = [];
  for (let i = 0; i < photos.length; i += 2) {
    rows.push(new TableRow({ cantSplit: true, children: [cell(photos[i]), cell(photos[i + 1])] }));
  }
  return new Table({
    rows,
    layout: TableLayoutType.FIXED,
    columnWidths: [half, half],
    width: { size: 2 * half, type: WidthType.DXA },
    alignment: AlignmentType.CENTER,
  });
}

/** The usable text width in CSS pixels (96 dpi): 8306 twips = 553 px. */
const TEXT_WIDTH_PX = Math.floor(TEXT_WIDTH / 15);

function chart(img: ChartImage): Block[] {
  const w = TEXT_WIDTH_PX;
  const h = Math.round((img.height / img.width) * w);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120 },
      children: [new ImageRun({ type: 'png', data: img.png, transformation: { width: w, height: h } })],
    }),
    figureCaption(img.title),
  ];
}

function cover(d: ReportData): Paragraph[] {
  const big = (text: string, size: number, font = HEI, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before, after: 200 },
      children: [new TextRun({ text, font, size, bold: font === HEI })],
    });
  return [
    big(d.title, SIZE.erHao, HEI, 3600),
    big(`审核行业：${d.audit.industryName}`, SIZE.siHao, SONG),
    big(`审核周期：${period(d.audit.periodStart, d.audit.periodEnd)}`, SIZE.siHao, SONG),
    big(`编制单位：${d.bureau}`, SIZE.sanHao, SONG, 5200),
    big(`编制日期：${formatDateZh(d.date)}`, SIZE.sanHao, SONG),
  ];
}

function chapter1(d: ReportData): Block[] {
  return [heading(1, REPORT_CHAPTERS[0]), ...texts(d.industryOverview, '行业总体概况')];
}

function chapter2(d: ReportData): Block[] {
  const out: Block[] = [heading(1, REPORT_CHAPTERS[1], true), heading(2, REPORT_SECTIONS.scope)];
  out.push(
    ...body(
      `审核行业：${d.audit.industryName}（国民经济行业代码 ${d.audit.industryCodes.join('、')}）；审核区域：${d.audit.region}；审核周期：${period(d.audit.periodStart, d.audit.periodEnd)}。`,
    ),
  );
  out.push(...body(`审核进展：${d.audit.statusLabel}。`));
  if (d.audit.scope.trim()) out.push(...body(`审核范围：${d.audit.scope}`));
  if (d.audit.purpose.trim()) out.push(...body(`审核目的：${d.audit.purpose}`));
  out.push(caption('表2.1 参与审核的企业名单'));
  if (d.enterprises.length === 0) out.push(noData('参与审核企业'));
  else {
    const rows: CellSpec[][] = [
      [
        '序号',
        '企业名称',
        '统一社会信用代码',
        '所在地区',
        '从业人数（人）',
        '主要产品及产能',
        '入选情况',
        '数据报送',
      ].map((h) => th(h)),
      ...d.enterprises.map((e, i) => [
        td(String(i + 1), { align: 'center' }),
        td(e.name),
        td(e.uscc, { align: 'center' }),
        td(e.region, { align: 'center' }),
        num(formatFixed(e.employees, REPORT_DECIMALS.count)),
        td(orDash(e.products)),
        td(e.statusLabel, { align: 'center' }),
        td(e.dataStatusLabel, { align: 'center' }),
      ]),
    ];
    out.push(grid(rows, { widths: widths([5, 21, 16, 10, 8, 22, 9, 9]), size: SIZE.xiaoWu }));
  }

  out.push(heading(2, REPORT_SECTIONS.panel), caption('表2.2 审核小组组成及职责'));
  if (d.panel.length === 0) out.push(noData('审核小组'));
  else {
    const rows: CellSpec[][] = [
      ['序号', '姓名', '组成单位', '职务/职称', '小组职务', '职责'].map((h) => th(h)),
      ...d.panel.map((m, i) => [
        td(String(i + 1), { align: 'center' }),
        td(m.name, { align: 'center' }),
        td(orDash(m.organization)),
        td(orDash(m.position)),
        td(m.roleLabel, { align: 'center' }),
        td(orDash(m.duties)),
      ]),
    ];
    out.push(grid(rows, { widths: widths([6, 10, 24, 14, 10, 36]) }));
  }

  out.push(heading(2, REPORT_SECTIONS.phases), caption('表2.3 审核阶段及进度安排'));
  if (d.phases.length === 0) out.push(noData('审核阶段安排'));
  else {
    const rows: CellSpec[][] = [
      ['审核阶段', '计划时间', '实际时间', '工作内容', '责任部门'].map((h) => th(h)),
      ...d.phases.map((p) => [
        th(p.label),
        td(period(p.plannedStart, p.plannedEnd), { align: 'center' }),
        td(period(p.actualStart, p.actualEnd), { align: 'center' }),
        td(orDash(p.workContent)),
        td(orDash(p.responsible)),
      ]),
    ];
    out.push(grid(rows, { widths: widths([16, 17, 17, 34, 16]) }));
  }
  out.push(caption('表2.4 宣传动员与专业培训'));
  if (d.trainings.length === 0) out.push(noData('宣传动员和培训'));
  else {
    const rows: CellSpec[][] = [
      ['类型', '名称', '日期', '地点', '参加人次'].map((h) => th(h)),
      ...d.trainings.map((t) => [
        td(t.kindLabel, { align: 'center' }),
        td(t.title),
        td(formatDateZh(t.heldOn), { align: 'center' }),
        td(orDash(t.location)),
        num(formatFixed(t.attendance, REPORT_DECIMALS.count)),
      ]),
    ];
    out.push(grid(rows, { widths: widths([12, 38, 18, 20, 12]) }));
  }
  return out;
}

function chapter3(d: ReportData): Block[] {
  const out: Block[] = [heading(1, REPORT_CHAPTERS[2], true), heading(2, REPORT_SECTIONS.surveyMethods)];
  out.push(...texts(d.surveyMethods, '调查方法'));
  out.push(caption('表3.1 现场调查情况'));
  if (d.surveys.length === 0) out.push(noData('现场调查'));
  else {
    const rows: CellSpec[][] = [
      ['序号', '企业名称', '调查日期', '调查人员', '调查内容', '主要发现'].map((h) => th(h)),
      ...d.surveys.map((s, i) => [
        td(String(i + 1), { align: 'center' }),
        td(s.enterprise),
        td(formatDateZh(s.surveyedOn), { align: 'center' }),
        td(orDash(s.surveyors)),
        td(orDash(s.checked)),
        td(orDash(s.findings)),
      ]),
    ];
    out.push(grid(rows, { widths: widths([5, 16, 11, 10, 30, 28]), size: SIZE.xiaoWu }));
  }
  out.push(heading(2, REPORT_SECTIONS.industryStatus));
  const withText = d.industryStatus.filter((g) => g.texts.length > 0);
  if (withText.length === 0) out.push(noData('行业基本情况'));
  for (const g of withText) {
    out.push(...body(g.heading, { bold: true, indent: false }), ...texts(g.texts, g.heading));
  }
  out.push(...complianceBlocks(d.statusAnalysis ?? null));
  return out;
}

const yesNo = (v: boolean) => (v ? '是' : '—');

/**
 * 3.2 达标情况 (现状分析, guideline 7.2.1.3): the summary (表3.2), each enterprise (表3.3) and each exceedance with the
 * standard, table and clause it breaks (表3.4). Numbers as the server computed them (the core's compliance checks).
 */
function complianceBlocks(s: ReportStatusAnalysis | null): Block[] {
  const out: Block[] = [
    ...body(`达标情况（${s ? `${s.year}年` : ''}监测数据）`, { bold: true, indent: false }),
  ];
  if (s === null) {
    out.push(noData('达标情况'));
    return out;
  }
  const c = s.counts;
  out.push(
    ...body(
      `按适用的污染物排放标准对${c.enterprises}家企业的监测数据逐项判定（实际排水量超过单位产品基准排水量时折算为基准水量排放浓度），` +
        `${c.checked}家有监测数据；${c.withExceedances}家存在超标，符合“双超”情形的${c.doubleExceed}家，` +
        `“双有”${c.doubleToxic}家，“高耗能”${c.highEnergy}家；全行业环境保护税约${formatFixed(s.taxTotal_wanYuan, 2)}万元/年` +
        `${s.rateDocument ? `（税额标准：${s.rateDocument}）` : ''}。`,
    ),
  );
  out.push(caption('表3.2 达标情况汇总'));
  out.push(
    grid(
      [
        ['企业数', '有监测数据', '存在超标', '双超', '双有', '高耗能', '环境保护税（万元/年）'].map((h) =>
          th(h),
        ),
        [
          ...[c.enterprises, c.checked, c.withExceedances, c.doubleExceed, c.doubleToxic, c.highEnergy].map(
            (v) => num(String(v)),
          ),
          num(formatFixed(s.taxTotal_wanYuan, 2)),
        ],
      ],
      { widths: widths([12, 14, 14, 12, 12, 12, 24]) },
    ),
  );
  out.push(caption('表3.3 各企业达标情况'));
  if (s.enterprises.length === 0) out.push(noData('企业达标情况'));
  else {
    const rows: CellSpec[][] = [
      [
        '序号',
        '企业名称',
        '判定项数',
        '超标项数',
        '双超',
        '超总量',
        '双有',
        '高耗能',
        '环境保护税（万元/年）',
      ].map((h) => th(h)),
      ...s.enterprises.map((e, i) => [
        td(String(i + 1), { align: 'center' }),
        td(e.name),
        num(String(e.checks)),
        num(String(e.exceedances)),
        td(yesNo(e.doubleExceed), { align: 'center' }),
        td(yesNo(e.quotaExceeded), { align: 'center' }),
        td(yesNo(e.doubleToxic), { align: 'center' }),
        td(yesNo(e.highEnergy), { align: 'center' }),
        num(formatFixed(e.tax_wanYuan, 2)),
      ]),
    ];
    out.push(grid(rows, { widths: widths([6, 30, 9, 9, 7, 8, 7, 8, 16]), size: SIZE.xiaoWu }));
  }
  out.push(caption('表3.4 超标情况'));
  if (s.exceedances.length === 0) out.push(noData('超标情况'));
  else {
    const rows: CellSpec[][] = [
      ['序号', '企业名称', '监控位置', '污染物', '实测浓度', '折算浓度', '限值', '依据'].map((h) => th(h)),
      ...s.exceedances.map((x, i) => [
        td(String(i + 1), { align: 'center' }),
        td(x.enterprise),
        td(`${x.pointLabel}（${x.pointName}）`),
        td(x.pollutant, { align: 'center' }),
        num(`${formatFixed(x.measured, 3)} ${x.unit}`),
        num(formatFixed(x.converted, 3)),
        num(formatFixed(x.limit, 3)),
        td(x.basis),
      ]),
    ];
    out.push(grid(rows, { widths: widths([5, 18, 18, 8, 11, 9, 8, 23]), size: SIZE.xiaoWu }));
  }
  return out;
}

/** 表4.3: the targets the potential proposes (level II), for the panel to adopt (7.2.3). */
function proposedTargetBlocks(s: ReportStatusAnalysis | null): Block[] {
  const level = s?.potential?.levels[0];
  if (!level || level.targets.length === 0) return [];
  const rows: CellSpec[][] = [
    ['序号', '项目', '现状（/年）', '削减量（/年）', '削减比例', '单位'].map((h) => th(h)),
    ...level.targets.map((t, i) => [
      td(String(i + 1), { align: 'center' }),
      td(t.item),
      num(formatFixed(t.current, 2)),
      num(formatFixed(t.reduction, 2)),
      num(t.percent === null ? '—' : `${formatFixed(t.percent, 1)}%`),
      td(t.unit, { align: 'center' }),
    ]),
  ];
  return [
    caption(`表4.3 由清洁生产潜力提出的目标建议（全部企业达到${level.levelLabel}水平）`),
    grid(rows, { widths: widths([6, 34, 16, 16, 14, 14]) }),
  ];
}

/** 5.3: the potential table (表5.3) per level and indicator, the industry totals, and the chart (图5.1). */
function potentialBlocks(s: ReportStatusAnalysis | null): Block[] {
  const p = s?.potential ?? null;
  if (p === null) return s?.potentialNote ? body(`未测算清洁生产潜力：${s.potentialNote}`) : [];
  const out: Block[] = [
    ...body(
      `按《${p.systemName}》，测算全部审核企业达到Ⅱ级、Ⅰ级水平时各指标的削减潜力（差距 × 产量，利用率指标按消耗量折算）。` +
        p.levels
          .map(
            (l) =>
              `全部达到${l.levelLabel}：节水${formatFixed(l.industry.water_m3, 0)} m³/年，节能${formatFixed(l.industry.energy_tce, 2)} tce/年，` +
              `节约原料${formatFixed(l.industry.materials_t, 3)} t/年，减碳${formatFixed(l.industry.co2_t, 2)} tCO2/年，` +
              `经济效益${formatFixed(l.industry.total_wanYuan, 2)}万元/年`,
          )
          .join('；') +
        '。',
    ),
    caption('表5.3 清洁生产潜力（按指标）'),
  ];
  const rows: CellSpec[][] = [
    ['目标水平', '排名', '指标', '未达到的企业数', '削减潜力（/年）', '单位'].map((h) => th(h)),
  ];
  for (const l of p.levels) {
    for (const i of [...l.indicators].sort((a, b) => a.rank - b.rank)) {
      rows.push([
        td(l.levelLabel, { align: 'center' }),
        num(String(i.rank)),
        td(i.name),
        num(String(i.enterprisesWorse)),
        num(formatFixed(i.saved, i.saved >= 100 ? 0 : 3)),
        td(i.unit, { align: 'center' }),
      ]);
    }
  }
  out.push(grid(rows, { widths: widths([12, 8, 34, 16, 18, 12]) }));
  const img = cachedChart('potential', p.levels, potentialChart);
  if (img) out.push(...chart(img));
  if (s?.potentialNote) out.push(note(s.potentialNote));
  return out;
}

function chapter4(d: ReportData): Block[] {
  const out: Block[] = [heading(1, REPORT_CHAPTERS[3], true), caption('表4.1 审核重点')];
  if (d.focuses.length === 0) out.push(noData('审核重点'));
  else {
    const rows: CellSpec[][] = [
      ['序号', '审核重点', '方向', '说明', '权重总和得分', '是否确定'].map((h) => th(h)),
      ...d.focuses.map((f, i) => [
        td(String(i + 1), { align: 'center' }),
        td(f.title),
        td(f.orientationLabel, { align: 'center' }),
        td(orDash(f.description)),
        num(formatFixed(f.score, 2)),
        td(f.selected ? '是' : '否', { align: 'center' }),
      ]),
    ];
    out.push(grid(rows, { widths: widths([6, 22, 14, 34, 12, 12]) }));
  }
  out.push(caption('表4.2 清洁生产目标'));
  if (d.targets.length === 0) out.push(noData('清洁生产目标'));
  else {
    const rows: CellSpec[][] = [
      ['类型', '指标', '单位', '基准值（年份）', '近期目标（期限）', '中远期目标（期限）'].map((h) => th(h)),
      ...d.targets.map((t) => [
        td(t.typeLabel, { align: 'center' }),
        td(t.indicator),
        td(t.unit, { align: 'center' }),
        num(
          t.baselineValue === null
            ? '—'
            : `${formatFixed(t.baselineValue, 2)}${t.baselineYear ? `（${t.baselineYear}年）` : ''}`,
        ),
        num(`${formatFixed(t.nearTermValue, 2)}${t.nearTermDue ? `（${formatDateZh(t.nearTermDue)}）` : ''}`),
        num(
          t.longTermValue === null
            ? '—'
            : `${formatFixed(t.longTermValue, 2)}${t.longTermDue ? `（${formatDateZh(t.longTermDue)}）` : ''}`,
        ),
      ]),
    ];
    out.push(grid(rows, { widths: widths([12, 22, 10, 18, 19, 19]) }));
  }
  out.push(...proposedTargetBlocks(d.statusAnalysis ?? null));
  return out;
}

const CAUSE_LABELS = ['技术原因', '管理原因', '政策机制原因'] as const;

function chapter5(d: ReportData): Block[] {
  const out: Block[] = [heading(1, REPORT_CHAPTERS[4], true), heading(2, REPORT_SECTIONS.problems)];
  const common = d.problems.filter((p) => p.enterprise === null);
  const individual = d.problems.filter((p) => p.enterprise !== null);
  out.push(caption('表5.1 行业共性问题'));
  if (common.length === 0) out.push(noData('行业共性问题'));
  else {
    const rows: CellSpec[][] = [
      ['序号', '问题方面', '问题', '具体表现', '优先级'].map((h) => th(h)),
      ...common.map((p, i) => [
        td(String(i + 1), { align: 'center' }),
        td(p.aspectLabel, { align: 'center' }),
        td(p.title),
        td(orDash(p.description)),
        num(formatFixed(p.priority, REPORT_DECIMALS.count)),
      ]),
    ];
    out.push(grid(rows, { widths: widths([6, 14, 28, 42, 10]) }));
  }
  out.push(caption('表5.2 企业个性问题'));
  if (individual.length === 0) out.push(noData('企业个性问题'));
  else {
    const rows: CellSpec[][] = [
      ['序号', '企业名称', '问题方面', '问题', '具体表现'].map((h) => th(h)),
      ...individual.map((p, i) => [
        td(String(i + 1), { align: 'center' }),
        td(p.enterprise ?? ''),
        td(p.aspectLabel, { align: 'center' }),
        td(p.title),
        td(orDash(p.description)),
      ]),
    ];
    out.push(grid(rows, { widths: widths([6, 22, 12, 24, 36]), size: SIZE.xiaoWu }));
  }
  if (d.problemDistribution.length > 0) out.push(...texts(d.problemDistribution, '问题分布'));

  out.push(heading(2, REPORT_SECTIONS.causes));
  for (const label of CAUSE_LABELS) {
    out.push(...body(`${label}：`, { bold: true, indent: false }));
    const of = d.problems.filter((p) => p.causeTypeLabels.includes(label));
    if (of.length === 0) out.push(noData(label));
    for (const p of of) {
      out.push(
        ...body(`${p.enterprise ? `${p.enterprise}：` : ''}${p.title}。${p.cause ? `成因：${p.cause}` : ''}`),
      );
    }
  }
  const potential = potentialBlocks(d.statusAnalysis ?? null);
  out.push(
    heading(2, REPORT_SECTIONS.potential),
    ...texts(d.potential, '清洁生产潜力分析', potential.length > 0),
    ...potential,
  );
  return out;
}

/** 6.1: table 6.1 on landscape pages of its own (eight columns of text). */
function table61Pages(d: ReportData): Block[] {
  const out: Block[] = [caption('表6.1 产生清洁生产方案')];
  if (d.options.length === 0) out.push(noData('清洁生产方案'));
  else out.push(table61(d.options, LANDSCAPE_TEXT_WIDTH));
  out.push(note(TABLE61_NOTE));
  return out;
}

/** 6.2 (6 and 6.1's headings go before the landscape pages of table 6.1). */
function chapter6(d: ReportData): Block[] {
  const out: Block[] = [heading(2, REPORT_SECTIONS.feasibility), ...texts(d.feasibility, '可行性分析')];
  const withEconomics = d.options.filter((o) => o.feasibility !== null);
  out.push(caption('表6.2 中/高费方案经济可行性分析'));
  if (withEconomics.length === 0) out.push(noData('中/高费方案经济可行性分析'));
  else {
    const rows: CellSpec[][] = [
      [
        '序号',
        '方案名称',
        '投资费用（万元）',
        '经济效益（万元/年）',
        '投资回收期（年）',
        '净现值（万元）',
        '内部收益率',
        '净现值率',
      ].map((h) => th(h)),
      ...withEconomics.map((o) => [
        td(o.code, { align: 'center' }),
        td(o.name),
        num(formatFixed(o.investment_wanYuan, REPORT_DECIMALS.wanYuan)),
        num(formatFixed(o.economicBenefit_wanYuanPerYear, REPORT_DECIMALS.wanYuan)),
        num(formatFixed(o.feasibility?.paybackYears, REPORT_DECIMALS.years)),
        num(formatFixed(o.feasibility?.npv_wanYuan, REPORT_DECIMALS.wanYuan)),
        num(formatPercent(o.feasibility?.irr)),
        num(formatPercent(o.feasibility?.npvr)),
      ]),
    ];
    out.push(grid(rows, { widths: widths([7, 25, 11, 12, 11, 12, 11, 11]), size: SIZE.xiaoWu }));
  }
  return out;
}

function chapter7(d: ReportData, charts: ChartImage[]): Block[] {
  const out: Block[] = [heading(1, REPORT_CHAPTERS[6], true), heading(2, REPORT_SECTIONS.implementation)];
  out.push(...texts(d.implementation, '方案实施情况说明'));
  const done = d.options.filter((o) => o.implemented);
  out.push(caption('表7.1 已实施清洁生产方案'));
  if (done.length === 0) out.push(noData('已实施方案'));
  else {
    const rows: CellSpec[][] = [
      ['序号', '方案名称', '实施企业', '费用类别', '完成日期', '投资费用（万元）', '经济效益（万元/年）'].map(
        (h) => th(h),
      ),
      ...done.map((o) => [
        td(o.code, { align: 'center' }),
        td(o.name),
        td(o.enterprise ?? '行业层面'),
        td(o.costClassLabel, { align: 'center' }),
        td(formatDateZh(o.implementedOn), { align: 'center' }),
        num(formatFixed(o.investment_wanYuan, REPORT_DECIMALS.wanYuan)),
        num(formatFixed(o.economicBenefit_wanYuanPerYear, REPORT_DECIMALS.wanYuan)),
      ]),
    ];
    out.push(grid(rows, { widths: widths([7, 27, 22, 10, 14, 10, 10]), size: SIZE.xiaoWu }));
  }

  const p = d.performance;
  out.push(heading(2, REPORT_SECTIONS.performance));
  // Table 7.2 and its explanation always follow: no “暂无” line above them.
  out.push(...texts(p.narrative, '绩效评估说明', true));
  out.push(
    ...body(
      `表7.2中，无/低费方案指投资低于${formatFixed(p.noLowCostBelow_wanYuan, REPORT_DECIMALS.wanYuan)}万元的方案；已实施方案按实际投资和实际效益计，待实施方案按预期计。`,
    ),
  );
  // Table 7.2 on a page of its own (about 25 rows): it is the one the bureau reads.
  out.push(caption('表7.2 绩效评估', true), table72(p.table72));
  for (const c of charts) out.push(...chart(c));

  out.push(heading(2, REPORT_SECTIONS.targets), caption('表7.3 审核目标完成情况'), table73(p.table73));
  if (p.table73.completion) out.push(note(p.table73.completion.overview));
  if (p.table73.rows.every((r) => r.count === 0)) out.push(noData('审核目标完成情况'));
  for (const t of p.targetsNotAssessed) out.push(note(`未评估的目标：${t.indicator}（${t.reason}）`));
  return out;
}

function chapter8(d: ReportData): Block[] {
  const out: Block[] = [heading(1, REPORT_CHAPTERS[7], true), caption('表8.1 持续清洁生产计划')];
  if (d.planTasks.length === 0) out.push(noData('持续清洁生产计划'));
  else {
    const rows: CellSpec[][] = [
      ['序号', '类别', '任务', '责任单位', '完成期限', '预期成效', '进展'].map((h) => th(h)),
      ...d.planTasks.map((t, i) => [
        td(String(i + 1), { align: 'center' }),
        td(t.categoryLabel, { align: 'center' }),
        td(t.task),
        td(t.responsibleUnit),
        td(formatDateZh(t.deadline), { align: 'center' }),
        td(t.expectedResult),
        td(t.statusLabel, { align: 'center' }),
      ]),
    ];
    out.push(grid(rows, { widths: widths([6, 12, 24, 16, 13, 20, 9]), size: SIZE.xiaoWu }));
  }
  return out;
}

function evidenceOfOption(o: ReportOptionEvidence, n: number): Block[] {
  const out: Block[] = [heading(3, `9.${n} 清洁生产方案：${o.code} ${o.name}`)];
  out.push(
    ...body(`实施企业：${o.enterprise ?? '行业层面'}；方案状态：${o.statusLabel}。`, { keepNext: true }),
  );
  EVIDENCE_SUBSECTIONS.forEach((sub, k) => {
    out.push(heading(4, `9.${n}.${k + 1} ${sub.title}`));
    const files = o.files.filter((f) => sub.kinds.includes(f.kind));
    if (k === 0) {
      // Before, then after; photos two to a row, files that are not PNG/JPEG pictures listed.
      const order = (kind: string) => sub.kinds.indexOf(kind);
      const sorted = [...files].sort((x, y) => order(x.kind) - order(y.kind));
      const perKind = new Map<string, number>();
      const photos = sorted.filter((f) => {
        const n = perKind.get(f.kind) ?? 0;
        if (!f.bytes || !imageSize(f.bytes) || n >= EMBEDDED_PHOTOS_PER_KIND) return false;
        perKind.set(f.kind, n + 1);
        return true;
      });
      const overCap = sub.kinds.reduce(
        (sum, kind) =>
          sum +
          Math.max(
            0,
            sorted.filter((f) => f.kind === kind && PICTURE_TYPES.has(f.contentType)).length -
              EMBEDDED_PHOTOS_PER_KIND,
          ),
        0,
      );
      if (photos.length > 0) {
        out.push(
          photoGrid(
            photos.map((f, i) => ({
              bytes: f.bytes ?? new Uint8Array(),
              caption: `图9.${n}.${i + 1} ${PHOTO_LABEL[f.kind] ?? ''}：${f.title}`,
            })),
          ),
        );
      }
      if (overCap > 0) {
        out.push(
          ...body(
            `另有${overCap}张照片未嵌入（每个方案的实施前、实施后照片各嵌入前${EMBEDDED_PHOTOS_PER_KIND}张），列于下方，原件见平台佐证材料。`,
          ),
        );
      }
      for (const f of sorted.filter((x) => !photos.includes(x))) {
        out.push(
          ...body(`${PHOTO_LABEL[f.kind] ?? ''}：${f.title}（${f.fileName}，${formatBytes(f.sizeBytes)}）`),
        );
      }
      if (files.length === 0) out.push(noData('该方案的实施前后对比照片'));
      return;
    }
    if (k === 1 && o.benefits.length > 0) {
      const rows: CellSpec[][] = [
        ['效益项目', '依据', '数量', '单位'].map((h) => th(h)),
        ...o.benefits.map((b) => [
          td(b.label),
          td(b.basisLabel, { align: 'center' }),
          num(formatFixed(b.quantity, REPORT_DECIMALS.pollutant_t)),
          td(b.unit, { align: 'center' }),
        ]),
      ];
      out.push(caption(`表9.${n} 方案效益核算`), grid(rows, { widths: widths([40, 15, 25, 20]) }));
    }
    if (files.length === 0) {
      if (!(k === 1 && o.benefits.length > 0)) out.push(noData(`该方案的${sub.title}`));
      return;
    }
    for (const f of files) {
      out.push(
        ...body(
          `${f.title}（文件：${f.fileName}，${formatBytes(f.sizeBytes)}，上传于${formatDateZh(f.uploadedAt)}）`,
        ),
      );
    }
  });
  return out;
}

function chapter9(d: ReportData): Block[] {
  const out: Block[] = [heading(1, REPORT_CHAPTERS[8], true)];
  if (d.evidence.length === 0) out.push(noData('方案实施佐证材料'));
  d.evidence.forEach((o, i) => {
    out.push(...evidenceOfOption(o, i + 1));
  });
  return out;
}

/** Adds the fallback faces (Noto CJK) to the font table entries of 宋体 and 黑体 (`w:altName`). */
export function withFontFallbacks(xml: string): string {
  const entries = Object.entries(FALLBACK_FONTS)
    .filter(([name]) => !xml.includes(`w:name="${name}"`))
    .map(
      ([name, alt]) => `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/></w:font>`,
    )
    .join('');
  if (entries === '') return xml;
  // The table is written empty (`<w:fonts …/>`) or with entries (`<w:fonts …>…</w:fonts>`).
  return /<w:fonts\b[^>]*\/>/.test(xml)
    ? xml.replace(/<w:fonts\b([^>]*)\/>/, `<w:fonts$1>${entries}</w:fonts>`)
    : xml.replace('</w:fonts>', `${entries}</w:fonts>`);
}

/**
 * The package the library wrote, with the body blocks written as text spliced in (`xml.ts`) and the font
 * fallbacks added, zipped again in the same file order. Pictures (already compressed) are stored, not deflated.
 */
function finishPackage(docx: Uint8Array, placeholders: ReadonlyMap<number, RawPlaceholder>): Uint8Array {
  const files = unzipSync(docx);
  const document = files['word/document.xml'];
  const fonts = files['word/fontTable.xml'];
  if (!document || !fonts) throw new Error('report: the package has no document or font table');
  files['word/document.xml'] = Buffer.concat(
    spliceRawParts(strFromU8(document), placeholders).map((piece) => Buffer.from(piece, 'utf8')),
  );
  files['word/fontTable.xml'] = strToU8(withFontFallbacks(strFromU8(fonts)));
  return zipEntries(
    Object.entries(files).map(([path, data]) => ({ path, data, store: path.startsWith('word/media/') })),
  );
}

/**
 * Writes the report. Progress is reported per chapter (`done` of `total`).
 * @returns the bytes of the .docx
 */
export async function renderAuditReport(
  data: ReportData,
  opts: RenderReportOptions = {},
): Promise<Uint8Array> {
  const steps = 13;
  let done = 0;
  const step = (label: string) => {
    opts.onProgress?.(done, steps, label);
    done++;
  };
  step('绘制绩效图表');
  const options = cachedChart('options', data.performance.table72, optionsChart);
  const charts: ChartImage[] = options ? [options] : [];
  const env = cachedChart('benefits', data.performance.table72, benefitsChart);
  if (env) charts.push(env);

  // Three runs of pages: chapters 1–5 and the headings of 6 and 6.1 (portrait), table 6.1 (landscape), the rest.
  const parts: [Block[], Block[], Block[]] = [[], [], []];
  const build: [string, 0 | 1 | 2, () => Block[]][] = [
    ['第1章 行业基本现状', 0, () => chapter1(data)],
    ['第2章 审核工作计划', 0, () => chapter2(data)],
    ['第3章 现状调查情况', 0, () => chapter3(data)],
    ['第4章 审核重点和目标', 0, () => chapter4(data)],
    ['第5章 问题识别和潜力分析', 0, () => chapter5(data)],
    // Chapter 6 opens the landscape pages (a section break starts a new page).
    [
      '第6章 方案的产生和确定',
      1,
      () => [
        heading(1, REPORT_CHAPTERS[5]),
        heading(2, REPORT_SECTIONS.options),
        ...body(OPTIONS_INTRO),
        ...table61Pages(data),
      ],
    ],
    ['6.2 可行性分析', 2, () => chapter6(data)],
    ['第7章 实施情况和绩效评估', 2, () => chapter7(data, charts)],
    ['第8章 持续性清洁生产', 2, () => chapter8(data)],
    ['第9章 佐证材料', 2, () => chapter9(data)],
  ];
  for (const [label, part, make] of build) {
    step(label);
    parts[part].push(...make());
  }
  step('目录与封面');
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE.xiaoWu })],
      }),
    ],
  });
  const page = {
    size: { width: PAGE.width, height: PAGE.height },
    margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
  };
  const placeholders = new Map<number, RawPlaceholder>();
  const children = (blocks: Block[]) => withPlaceholders(blocks, placeholders);
  const doc = new Document({
    creator: 'cpaudit',
    title: data.title,
    description: `${data.audit.name} 行业清洁生产审核报告（附录B）`,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: SONG, size: SIZE.xiaoSi } },
        heading1: {
          run: { font: HEI, size: SIZE.sanHao, bold: true, color: '000000' },
          paragraph: { spacing: { before: 360, after: 240 }, keepNext: true },
        },
        heading2: {
          run: { font: HEI, size: SIZE.siHao, bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
        heading3: {
          run: { font: HEI, size: SIZE.xiaoSi, bold: true, color: '000000' },
          paragraph: { spacing: { before: 120, after: 60 }, keepNext: true },
        },
        heading4: {
          run: { font: SONG, size: SIZE.xiaoSi, bold: true, color: '000000' },
          paragraph: { spacing: { before: 80, after: 40 }, keepNext: true },
        },
      },
      paragraphStyles: [
        ...Object.values(TABLE_STYLES).map((t) => ({
          id: t.id,
          name: t.name,
          basedOn: 'Normal',
          run: { size: t.size },
          paragraph: { spacing: { before: 20, after: 20 } },
        })),
        ...Object.values(BODY_STYLES).map((b) => ({
          id: b.id,
          name: b.name,
          basedOn: 'Normal',
          paragraph: { spacing: { line: 360 }, indent: { firstLine: b.indent } },
        })),
      ],
    },
    sections: [
      { properties: { page }, children: cover(data) },
      {
        properties: { page, type: SectionType.NEXT_PAGE },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: '目　　录', font: HEI, size: SIZE.sanHao, bold: true })],
          }),
          new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-2' }),
        ],
      },
      {
        properties: {
          page: { ...page, pageNumbers: { start: 1, formatType: NumberFormat.DECIMAL } },
          type: SectionType.NEXT_PAGE,
        },
        footers: { default: footer },
        children: children(parts[0]),
      },
      {
        properties: {
          page: {
            ...page,
            size: { ...page.size, orientation: PageOrientation.LANDSCAPE },
            margin: LANDSCAPE_MARGIN,
          },
          type: SectionType.NEXT_PAGE,
        },
        footers: { default: footer },
        children: children(parts[1]),
      },
      {
        properties: { page, type: SectionType.NEXT_PAGE },
        footers: { default: footer },
        children: children(parts[2]),
      },
    ],
  });
  step('写入文件');
  const out = finishPackage(new Uint8Array(await Packer.toBuffer(doc)), placeholders);
  opts.onProgress?.(steps, steps, '完成');
  return out;
}

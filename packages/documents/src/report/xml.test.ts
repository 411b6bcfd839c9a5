/**
 * The report's blocks written as text (`xml.ts`, `layout.ts`) against the same blocks built with the docx library
 * (the way the report built them before, kept here as the reference): the `word/document.xml` of both must be the
 * same, byte for byte, including the merged cells of table 7.2 and text that needs escaping.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  BODY_STYLES,
  body,
  type CellSpec,
  caption,
  grid,
  HEI,
  heading,
  noData,
  note,
  num,
  SIZE,
  TABLE_STYLES,
  type TableOptions,
  td,
  th,
} from './layout.ts';
import { readDocx } from './read-docx.ts';
import { renderAuditReport } from './render.ts';
import { sampleReportData } from './sample.ts';
import { table61, table61Spec, table72, table72Spec, table73, table73Spec } from './tables.ts';
import { type RawPlaceholder, spliceRaw, withPlaceholders, type Xml } from './xml.ts';

// ---- the reference: the blocks as the docx library builds them (the report's code before xml.ts) ----

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];

const ref = {
  heading: (level: 1 | 2 | 3 | 4, text: string, newPage = false) =>
    new Paragraph({
      heading: HEADINGS[level - 1],
      pageBreakBefore: newPage,
      children: [new TextRun({ text })],
    }),
  body: (text: string, opts: { bold?: boolean; indent?: boolean; keepNext?: boolean } = {}) =>
    text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map(
        (line) =>
          new Paragraph({
            style: opts.indent === false ? BODY_STYLES.flush.id : BODY_STYLES.indented.id,
            ...(opts.keepNext ? { keepNext: true } : {}),
            children: [
              opts.bold === true ? new TextRun({ text: line.trim(), bold: true }) : new TextRun(line.trim()),
            ],
          }),
      ),
  noData: (what: string) =>
    new Paragraph({
      style: BODY_STYLES.indented.id,
      children: [new TextRun({ text: `本审核暂无${what}数据。`, italics: true, color: '555555' })],
    }),
  caption: (text: string, newPage = false) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      pageBreakBefore: newPage,
      keepNext: true,
      spacing: { before: 120, after: 60 },
      children: [new TextRun({ text, font: HEI, size: SIZE.wuHao })],
    }),
  note: (text: string) =>
    new Paragraph({
      spacing: { before: 60, after: 120 },
      children: [new TextRun({ text, size: SIZE.xiaoWu })],
    }),
  grid(rows: readonly (readonly CellSpec[])[], opts: TableOptions): Table {
    const style = opts.size === SIZE.xiaoWu ? TABLE_STYLES.xiaoWu.id : TABLE_STYLES.wuHao.id;
    const headerRows = opts.headerRows ?? 1;
    const taken = new Map<number, Set<number>>();
    const tableRows = rows.map((cells, r) => {
      let col = 0;
      const busy = taken.get(r) ?? new Set<number>();
      const children = cells.map((c) => {
        while (busy.has(col)) col++;
        const span = c.span ?? 1;
        const width = opts.widths.slice(col, col + span).reduce((s, w) => s + w, 0);
        if (c.rowSpan && c.rowSpan > 1) {
          for (let k = 1; k < c.rowSpan; k++) {
            const set = taken.get(r + k) ?? new Set<number>();
            for (let j = col; j < col + span; j++) set.add(j);
            taken.set(r + k, set);
          }
        }
        col += span;
        const keepNext = opts.keepTogether === true && r < rows.length - 1;
        return new TableCell({
          children: (c.text === '' ? ' ' : c.text).split(/\r?\n/).map(
            (line) =>
              new Paragraph({
                style,
                alignment: ALIGN[c.align ?? 'left'],
                ...(keepNext ? { keepNext } : {}),
                children: [
                  c.bold === true || c.head === true
                    ? new TextRun({ text: line, bold: true })
                    : new TextRun(line),
                ],
              }),
          ),
          ...(span > 1 ? { columnSpan: span } : {}),
          ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
          width: { size: width, type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          ...(c.head ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } } : {}),
        });
      });
      return new TableRow({ children, cantSplit: true, tableHeader: r < headerRows });
    });
    return new Table({
      rows: tableRows,
      layout: TableLayoutType.FIXED,
      columnWidths: [...opts.widths],
      width: { size: opts.widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
      alignment: AlignmentType.CENTER,
      borders: {
        top: BORDER,
        bottom: BORDER,
        left: BORDER,
        right: BORDER,
        insideHorizontal: BORDER,
        insideVertical: BORDER,
      },
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
    });
  },
};

async function documentXml(children: readonly (FileChild | Xml)[]): Promise<string> {
  const placeholders = new Map<number, RawPlaceholder>();
  const doc = new Document({ sections: [{ children: withPlaceholders(children, placeholders) }] });
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const xml = strFromU8(files['word/document.xml'] ?? new Uint8Array());
  return placeholders.size === 0 ? xml : spliceRaw(xml, placeholders);
}

const tricky = `A&B <c> "d" 'e'\u0001 三号 ≤ 5%`;
const rows = (spec: 'plain' | 'spans'): CellSpec[][] =>
  spec === 'plain'
    ? [
        [th('序号'), th('名称'), th('数值')],
        [td('1', { align: 'center' }), td(`${tricky}\n第二行`), num('1,234.50')],
        [td('2', { align: 'center' }), td(''), num('—', { bold: true })],
      ]
    : [
        [th('甲', { rowSpan: 3 }), th('乙', { span: 2 }), td('丙', { rowSpan: 2, align: 'right' })],
        [th('乙1'), th('乙2')],
        [td('x', { span: 2, rowSpan: 2 }), num('9')],
        [th('丁')],
      ];

describe('blocks written as text', () => {
  it('write the same document.xml as the docx library: paragraphs', async () => {
    const mine = await documentXml([
      heading(3, `9.1 清洁生产方案：${tricky}`),
      heading(4, '9.1.1 方案实施前后对比照片', true),
      ...body(`第一段 ${tricky}\r\n\n  第二段  `),
      ...body('加粗', { bold: true, indent: false }),
      ...body('实施企业：某公司；方案状态：已实施。', { keepNext: true }),
      noData('持续清洁生产计划'),
      caption('表7.2 绩效评估', true),
      caption(tricky),
      note(`注：${tricky}`),
    ]);
    const theirs = await documentXml([
      ref.heading(3, `9.1 清洁生产方案：${tricky}`),
      ref.heading(4, '9.1.1 方案实施前后对比照片', true),
      ...ref.body(`第一段 ${tricky}\r\n\n  第二段  `),
      ...ref.body('加粗', { bold: true, indent: false }),
      ...ref.body('实施企业：某公司；方案状态：已实施。', { keepNext: true }),
      ref.noData('持续清洁生产计划'),
      ref.caption('表7.2 绩效评估', true),
      ref.caption(tricky),
      ref.note(`注：${tricky}`),
    ]);
    expect(mine).toContain('A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos; 三号');
    expect(mine).toBe(theirs);
  });

  it('write the same document.xml as the docx library: tables, merged cells and tables 6.1/7.2/7.3', async () => {
    const d = sampleReportData({ enterprises: 6, withPhotos: 0 });
    const opts = [
      { widths: [800, 3000, 1500] },
      { widths: [800, 3000, 1500], size: SIZE.xiaoWu, keepTogether: true, headerRows: 2 },
    ];
    const mine: (FileChild | Xml)[] = [];
    const theirs: (FileChild | Xml)[] = [];
    for (const o of opts) {
      mine.push(grid(rows('plain'), o), grid(rows('spans'), { ...o, widths: [800, 1000, 2000, 1500] }));
      theirs.push(
        ref.grid(rows('plain'), o),
        ref.grid(rows('spans'), { ...o, widths: [800, 1000, 2000, 1500] }),
      );
    }
    mine.push(table61(d.options, 13958), table72(d.performance.table72), table73(d.performance.table73));
    theirs.push(
      ref.grid(...table61Spec(d.options, 13958)),
      ref.grid(...table72Spec(d.performance.table72)),
      ref.grid(...table73Spec(d.performance.table73)),
    );
    const a = await documentXml(mine);
    const b = await documentXml(theirs);
    expect(a).toContain('<w:vMerge w:val="continue"/>');
    expect(a).toBe(b);
  });

  it('the whole report reads back with every table and heading', async () => {
    const d = sampleReportData({ enterprises: 3, withPhotos: 1 });
    const doc = await readDocx(await renderAuditReport(d));
    expect(doc.documentXml).not.toContain('cp-raw');
    expect(doc.table('序号', '方案类型')?.length).toBe(d.options.length + 1);
    expect(doc.headings(3).length).toBe(d.evidence.length);
  });
});

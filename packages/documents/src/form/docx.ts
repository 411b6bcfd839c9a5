/**
 * The Guangdong performance form as a Word document (docx): the same layout as the .xlsx (layout.ts), as one
 * bordered table with the same merged cells (columnSpan / rowSpan), the annex mark and title above it, the filler
 * line and the notes below; A4 portrait, 宋体.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
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
import type { GuangdongFormData } from './data.ts';
import { cellText, type FormCell, type FormRow, GRID_WIDTHS, guangdongFormLayout } from './layout.ts';

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: '宋体' };
/** Half-points per kind. */
const SIZE: Readonly<Record<FormCell['kind'], number>> = {
  annex: 24,
  title: 36,
  section: 21,
  label: 20,
  head: 19,
  value: 20,
  text: 20,
  note: 18,
  footer: 21,
};
const BOLD: ReadonlySet<FormCell['kind']> = new Set(['annex', 'title', 'section', 'head']);

/** A4 in twips, 2 cm side margins. */
const PAGE = { width: 11906, height: 16838, side: 1134, top: 1247 };
const TABLE_WIDTH = PAGE.width - 2 * PAGE.side;
const totalUnits = GRID_WIDTHS.reduce((s, w) => s + w, 0);
const COLUMN_TWIPS = GRID_WIDTHS.map((w) => Math.floor((w / totalUnits) * TABLE_WIDTH));

function runs(c: FormCell): TextRun[] {
  return cellText(c)
    .split('\n')
    .map(
      (line, i) =>
        new TextRun({
          text: line,
          font: FONT,
          size: SIZE[c.kind],
          bold: BOLD.has(c.kind),
          ...(i > 0 ? { break: 1 } : {}),
        }),
    );
}

function paragraph(c: FormCell): Paragraph {
  const align =
    c.kind === 'title' || (c.align ?? 'center') === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
  return new Paragraph({
    alignment: align,
    spacing: c.kind === 'title' ? { before: 120, after: 240 } : { before: 0, after: 0 },
    children: runs(c),
  });
}

function tableRow(row: FormRow): TableRow {
  return new TableRow({
    cantSplit: true,
    children: row.cells.map(
      (c) =>
        new TableCell({
          children: [paragraph(c)],
          columnSpan: c.span,
          ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
          width: {
            size: COLUMN_TWIPS.slice(c.col, c.col + c.span).reduce((s, w) => s + w, 0),
            type: WidthType.DXA,
          },
          verticalAlign: VerticalAlign.CENTER,
          margins: { top: 40, bottom: 40, left: 60, right: 60 },
          ...(c.kind === 'section'
            ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } }
            : {}),
        }),
    ),
  });
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

export function guangdongFormDocument(data: GuangdongFormData): Document {
  const layout = guangdongFormLayout(data);
  const boxed = layout.rows.filter((r) => r.boxed);
  const before = layout.rows.slice(0, layout.rows.indexOf(boxed[0] as FormRow));
  const after = layout.rows.slice(layout.rows.indexOf(boxed[boxed.length - 1] as FormRow) + 1);
  const loose = (rows: FormRow[]) =>
    rows.map((r) =>
      r.cells.length === 1
        ? paragraph(r.cells[0] as FormCell)
        : new Paragraph({
            spacing: { before: 160, after: 80 },
            children: r.cells.flatMap((c, i) => [
              ...(i > 0 ? [new TextRun({ text: '\t\t\t', font: FONT })] : []),
              ...runs(c),
            ]),
          }),
    );
  const table = new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMN_TWIPS,
    layout: TableLayoutType.FIXED,
    borders: {
      top: LINE,
      bottom: LINE,
      left: LINE,
      right: LINE,
      insideHorizontal: LINE,
      insideVertical: LINE,
    },
    rows: boxed.map(tableRow),
  });
  return new Document({
    creator: 'cpaudit',
    title: `${data.enterpriseName} 广东省强制性清洁生产审核绩效表`,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.top, left: PAGE.side, right: PAGE.side },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['第 ', PageNumber.CURRENT, ' 页，共 ', PageNumber.TOTAL_PAGES, ' 页'],
                    font: FONT,
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
        children: [...loose(before), table, ...loose(after)],
      },
    ],
  });
}

/** The form as .docx bytes. */
export async function renderGuangdongFormDocx(data: GuangdongFormData): Promise<Uint8Array> {
  const buffer = await Packer.toBuffer(guangdongFormDocument(data));
  return new Uint8Array(buffer);
}

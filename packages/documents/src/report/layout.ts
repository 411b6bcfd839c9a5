/**
 * The report's typography and table building blocks: 宋体 小四 body (1.5 lines, two-character first-line indent),
 * 黑体 headings, 五号 tables with a bold shaded header row repeated on every page, numbers right-aligned.
 * A4 portrait with Word's default Chinese margins (2.54 cm top/bottom, 3.17 cm left/right).
 */
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
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

/** Font names: the Chinese face first; Times New Roman for Latin letters and digits. */
export const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: '宋体' };
export const HEI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: '黑体' };
/** The fonts the document's font table names as alternatives (installed on Linux servers and in LibreOffice). */
export const FALLBACK_FONTS: Readonly<Record<string, string>> = {
  宋体: 'Noto Serif CJK SC',
  黑体: 'Noto Sans CJK SC',
};

/** Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt, 五号 10.5pt, 小五 9pt. */
export const SIZE = { erHao: 44, sanHao: 32, siHao: 28, xiaoSi: 24, wuHao: 21, xiaoWu: 18 } as const;

export const PAGE = {
  width: 11906,
  height: 16838,
  top: 1440,
  bottom: 1440,
  left: 1800,
  right: 1800,
} as const;
/** Text width in twips (8306). */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Text width of a landscape page (A4 turned, 2.54 cm margins all round): 13958 twips. */
export const LANDSCAPE_TEXT_WIDTH = PAGE.height - 2 * PAGE.top;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];

export function heading(level: 1 | 2 | 3 | 4, text: string, newPage = false): Paragraph {
  const h = HEADINGS[level - 1] ?? HeadingLevel.HEADING_4;
  return new Paragraph({ heading: h, pageBreakBefore: newPage, children: [new TextRun({ text })] });
}

/** Paragraph styles of the body text: 1.5 lines, with or without the two-character first-line indent. */
export const BODY_STYLES = {
  indented: { id: 'CpBody', name: 'Cp Body Text', indent: 480 },
  flush: { id: 'CpBodyFlush', name: 'Cp Body Text Flush', indent: 0 },
} as const;

/** A body paragraph (first-line indent of two characters). Line breaks in `text` start new paragraphs. */
export function body(text: string, opts: { bold?: boolean; indent?: boolean } = {}): Paragraph[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const style = opts.indent === false ? BODY_STYLES.flush.id : BODY_STYLES.indented.id;
  return (lines.length === 0 ? [''] : lines).map(
    (line) =>
      new Paragraph({
        style,
        children: [
          opts.bold === true ? new TextRun({ text: line.trim(), bold: true }) : new TextRun(line.trim()),
        ],
      }),
  );
}

/** The sentence written where a section has no data (“本审核暂无……数据”). */
export function noData(what: string): Paragraph {
  return new Paragraph({
    style: BODY_STYLES.indented.id,
    children: [new TextRun({ text: `本审核暂无${what}数据。`, italics: true, color: '555555' })],
  });
}

/** A table caption above its table (黑体 五号, centred). */
export function caption(text: string, newPage = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    pageBreakBefore: newPage,
    keepNext: true,
    spacing: { before: 120, after: 60 },
    children: [new TextRun({ text, font: HEI, size: SIZE.wuHao })],
  });
}

/** A note under a table (五号). */
export function note(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 60, after: 120 },
    children: [new TextRun({ text, size: SIZE.xiaoWu })],
  });
}

export type Align = 'left' | 'center' | 'right';

export interface CellSpec {
  text: string;
  span?: number;
  rowSpan?: number;
  bold?: boolean;
  align?: Align;
  /** A header or label cell: bold on a light grey ground. */
  head?: boolean;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** Shorthands: a header cell, a number cell (right-aligned), a text cell. */
export const th = (text: string, more: Partial<CellSpec> = {}): CellSpec => ({
  text,
  head: true,
  align: 'center',
  ...more,
});
export const num = (text: string, more: Partial<CellSpec> = {}): CellSpec => ({
  text,
  align: 'right',
  ...more,
});
export const td = (text: string, more: Partial<CellSpec> = {}): CellSpec => ({
  text,
  align: 'left',
  ...more,
});

/** Paragraph styles of table cells (size and spacing), declared once in the document's styles. */
export const TABLE_STYLES = {
  wuHao: { id: 'CpTable', name: 'Cp Table Text', size: SIZE.wuHao },
  xiaoWu: { id: 'CpTableSmall', name: 'Cp Table Text Small', size: SIZE.xiaoWu },
} as const;

function cellParagraphs(c: CellSpec, style: string, keepNext: boolean): Paragraph[] {
  const lines = (c.text === '' ? ' ' : c.text).split(/\r?\n/);
  const bold = c.bold === true || c.head === true;
  // Size and spacing come from the style: a cell writes only what differs (alignment, bold).
  return lines.map(
    (line) =>
      new Paragraph({
        style,
        alignment: ALIGN[c.align ?? 'left'],
        ...(keepNext ? { keepNext } : {}),
        children: [bold ? new TextRun({ text: line, bold }) : new TextRun(line)],
      }),
  );
}

export interface TableOptions {
  /** Column widths in twips (summing to the table width). */
  widths: readonly number[];
  /** How many leading rows are the header (repeated on each page). */
  headerRows?: number;
  /** Font size of the cells: 五号 (default) or 小五 (`SIZE.xiaoWu`). */
  size?: number;
  /** Keep the whole table on one page when it fits (every row kept with the next). */
  keepTogether?: boolean;
}

/**
 * A bordered table on a fixed grid. Cells may span columns (`span`) and rows (`rowSpan`: the cells below are
 * merged and must be left out of the following rows).
 */
export function grid(rows: readonly (readonly CellSpec[])[], opts: TableOptions): Table {
  const style = opts.size === SIZE.xiaoWu ? TABLE_STYLES.xiaoWu.id : TABLE_STYLES.wuHao.id;
  const headerRows = opts.headerRows ?? 1;
  // Columns taken by a row-spanning cell above: row index → set of column indexes.
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
      return new TableCell({
        children: cellParagraphs(c, style, opts.keepTogether === true && r < rows.length - 1),
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
    // Borders and cell margins once for the table, not per cell.
    borders: BORDERS,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
  });
}

/** Widths in twips from relative weights, summing exactly to the text width. */
export function widths(weights: readonly number[], total: number = TEXT_WIDTH): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const out = weights.map((w) => Math.floor((w / sum) * total));
  out[out.length - 1] = (out[out.length - 1] ?? 0) + total - out.reduce((s, w) => s + w, 0);
  return out;
}

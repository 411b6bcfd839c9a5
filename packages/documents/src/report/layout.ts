/**
 * The report's typography and table building blocks: 宋体 小四 body (1.5 lines, two-character first-line indent),
 * 黑体 headings, 五号 tables with a bold shaded header row repeated on every page, numbers right-aligned.
 * A4 portrait with Word's default Chinese margins (2.54 cm top/bottom, 3.17 cm left/right).
 */
import { HeadingLevel, Paragraph, TextRun } from 'docx';
import { para, run, Xml } from './xml.ts';

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

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];

/**
 * A heading. Levels 1–2 (the ones the table of contents lists) are library paragraphs, so that the library fills
 * in the contents from them; levels 3–4 (one per option in chapter 9) are written as text.
 */
export function heading(level: 1 | 2, text: string, newPage?: boolean): Paragraph;
export function heading(level: 3 | 4, text: string, newPage?: boolean): Xml;
export function heading(level: 1 | 2 | 3 | 4, text: string, newPage = false): Paragraph | Xml {
  if (level >= 3) {
    return new Xml(para(run(text), { style: `Heading${level}`, pageBreakBefore: newPage }));
  }
  const h = HEADINGS[level - 1] ?? HeadingLevel.HEADING_4;
  return new Paragraph({ heading: h, pageBreakBefore: newPage, children: [new TextRun({ text })] });
}

/** Paragraph styles of the body text: 1.5 lines, with or without the two-character first-line indent. */
export const BODY_STYLES = {
  indented: { id: 'CpBody', name: 'Cp Body Text', indent: 480 },
  flush: { id: 'CpBodyFlush', name: 'Cp Body Text Flush', indent: 0 },
} as const;

/** A body paragraph (first-line indent of two characters). Line breaks in `text` start new paragraphs. */
export function body(
  text: string,
  opts: { bold?: boolean; indent?: boolean; keepNext?: boolean } = {},
): Xml[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const style = opts.indent === false ? BODY_STYLES.flush.id : BODY_STYLES.indented.id;
  return (lines.length === 0 ? [''] : lines).map(
    (line) =>
      new Xml(
        para(run(line.trim(), { bold: opts.bold === true }), { style, keepNext: opts.keepNext === true }),
      ),
  );
}

/** The sentence written where a section has no data (“本审核暂无……数据”). */
export function noData(what: string): Xml {
  return new Xml(
    para(run(`本审核暂无${what}数据。`, { italics: true, color: '555555' }), {
      style: BODY_STYLES.indented.id,
    }),
  );
}

/** A table caption above its table (黑体 五号, centred). */
export function caption(text: string, newPage = false): Xml {
  return new Xml(
    para(run(text, { font: HEI, size: SIZE.wuHao }), {
      keepNext: true,
      pageBreakBefore: newPage,
      spacing: { before: 120, after: 60 },
      align: 'center',
    }),
  );
}

/** A note under a table (五号). */
export function note(text: string): Xml {
  return new Xml(para(run(text, { size: SIZE.xiaoWu }), { spacing: { before: 60, after: 120 } }));
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

const SHADING = '<w:shd w:fill="E8E8E8" w:color="auto" w:val="clear"/>';
const BORDER_XML = 'w:val="single" w:color="000000" w:sz="4"';
/** Borders and cell margins once for the table, not per cell. */
const TABLE_PROPS_TAIL =
  `<w:jc w:val="center"/><w:tblBorders><w:top ${BORDER_XML}/><w:left ${BORDER_XML}/><w:bottom ${BORDER_XML}/>` +
  `<w:right ${BORDER_XML}/><w:insideH ${BORDER_XML}/><w:insideV ${BORDER_XML}/></w:tblBorders>` +
  '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:type="dxa" w:w="20"/><w:left w:type="dxa" w:w="60"/>' +
  '<w:bottom w:type="dxa" w:w="20"/><w:right w:type="dxa" w:w="60"/></w:tblCellMar></w:tblPr>';

function cellXml(c: CellSpec, width: number, span: number, style: string, keepNext: boolean): string {
  const lines = (c.text === '' ? ' ' : c.text).split(/\r?\n/);
  const bold = c.bold === true || c.head === true;
  // Size and spacing come from the style: a cell writes only what differs (alignment, bold).
  const pPr = { style, keepNext, align: c.align ?? 'left' } as const;
  let paras = '';
  for (const line of lines) paras += para(run(line, { bold }), pPr);
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}` +
    `${c.rowSpan && c.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : ''}${c.head ? SHADING : ''}` +
    `<w:vAlign w:val="center"/></w:tcPr>${paras}</w:tc>`
  );
}

/** The cell under a row-spanning cell: merged into it (`vMerge continue`), as the library writes it. */
function continuationXml(c: CellSpec, width: number, span: number): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}` +
    `<w:vMerge w:val="continue"/>${c.head ? SHADING : ''}<w:vAlign w:val="center"/></w:tcPr>` +
    `<w:p><w:pPr><w:jc w:val="${c.align ?? 'left'}"/></w:pPr></w:p></w:tc>`
  );
}

/**
 * A bordered table on a fixed grid. Cells may span columns (`span`) and rows (`rowSpan`: the cells below are
 * merged and must be left out of the following rows).
 */
export function grid(rows: readonly (readonly CellSpec[])[], opts: TableOptions): Xml {
  const style = opts.size === SIZE.xiaoWu ? TABLE_STYLES.xiaoWu.id : TABLE_STYLES.wuHao.id;
  const headerRows = opts.headerRows ?? 1;
  const total = opts.widths.reduce((s, w) => s + w, 0);
  const widthOf = (col: number, span: number) => {
    let w = 0;
    for (let j = col; j < col + span; j++) w += opts.widths[j] ?? 0;
    return w;
  };
  // Cells spanning rows from above: row index → column → the spanning cell (its span and alignment).
  const taken = new Map<number, Map<number, { c: CellSpec; span: number }>>();
  let xml = `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${total}"/>${TABLE_PROPS_TAIL}<w:tblGrid>`;
  for (const w of opts.widths) xml += `<w:gridCol w:w="${w}"/>`;
  xml += '</w:tblGrid>';
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const busy = taken.get(r);
    const keepNext = opts.keepTogether === true && r < rows.length - 1;
    xml += `<w:tr><w:trPr><w:cantSplit/>${r < headerRows ? '<w:tblHeader/>' : '<w:tblHeader w:val="off"/>'}</w:trPr>`;
    let col = 0;
    const continuations = () => {
      let above = busy?.get(col);
      while (above) {
        xml += continuationXml(above.c, widthOf(col, above.span), above.span);
        col += above.span;
        above = busy?.get(col);
      }
    };
    for (const c of cells) {
      continuations();
      const span = c.span ?? 1;
      if (c.rowSpan && c.rowSpan > 1) {
        for (let k = 1; k < c.rowSpan && r + k < rows.length; k++) {
          const below = taken.get(r + k) ?? new Map<number, { c: CellSpec; span: number }>();
          below.set(col, { c, span });
          taken.set(r + k, below);
        }
      }
      xml += cellXml(c, widthOf(col, span), span, style, keepNext);
      col += span;
    }
    continuations();
    xml += '</w:tr>';
  }
  return new Xml(`${xml}</w:tbl>`);
}

/** Widths in twips from relative weights, summing exactly to the text width. */
export function widths(weights: readonly number[], total: number = TEXT_WIDTH): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const out = weights.map((w) => Math.floor((w / sum) * total));
  out[out.length - 1] = (out[out.length - 1] ?? 0) + total - out.reduce((s, w) => s + w, 0);
  return out;
}

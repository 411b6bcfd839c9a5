/**
 * WordprocessingML written directly as text, for the bulk of the report (tables of hundreds or thousands of rows, the
 * evidence chapter's thousands of paragraphs). The docx library builds an object per element and then walks it
 * twice (prepare, stringify): for a 500-enterprise audit (5 000 options) that was seconds of CPU and a gigabyte of
 * objects. Here each block is one string, written the way the docx library writes the same paragraph or table (same
 * elements, attributes and order: `xml.test.ts` compares the two), and spliced into `word/document.xml` after the
 * library has written the rest (cover, table of contents, headings 1–2 that the contents list, pictures, sections).
 *
 * Element order follows ECMA-376 Part 1 (CT_PPr, CT_RPr, CT_TcPr, CT_TrPr, CT_TblPr), as the library emits it.
 */
import { FileChild, type IXmlableObject } from 'docx';

/** A block of body XML (one or more `w:p` / `w:tbl`). */
export class Xml {
  constructor(readonly xml: string) {}
}

/** The characters escaped, and the control characters XML 1.0 forbids (dropped), as the library's `escapeAll`. */
const ESCAPED = '[&"\'<>\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]';
const ESCAPE_TEST = new RegExp(ESCAPED);
const ESCAPE_ALL = new RegExp(ESCAPED, 'g');
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Escapes text and attribute values as the docx library does (control characters XML 1.0 forbids are dropped). */
export function esc(s: string): string {
  return ESCAPE_TEST.test(s) ? s.replace(ESCAPE_ALL, (c) => ESCAPES[c] ?? '') : s;
}

export interface Fonts {
  ascii: string;
  hAnsi: string;
  eastAsia: string;
  cs: string;
}

export interface RunProps {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  font?: Fonts;
  /** Half-points. */
  size?: number;
}

/** `w:r` with its text (`xml:space="preserve"`, as the library writes every text). */
export function run(text: string, p: RunProps = {}): string {
  let pr = '';
  if (p.font)
    pr += `<w:rFonts w:ascii="${esc(p.font.ascii)}" w:cs="${esc(p.font.cs)}" w:eastAsia="${esc(p.font.eastAsia)}" w:hAnsi="${esc(p.font.hAnsi)}"/>`;
  if (p.bold) pr += '<w:b/><w:bCs/>';
  if (p.italics) pr += '<w:i/><w:iCs/>';
  if (p.color) pr += `<w:color w:val="${p.color}"/>`;
  if (p.size) pr += `<w:sz w:val="${p.size}"/><w:szCs w:val="${p.size}"/>`;
  return `<w:r>${pr ? `<w:rPr>${pr}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

export type Justify = 'left' | 'center' | 'right';

export interface ParaProps {
  style?: string;
  keepNext?: boolean;
  pageBreakBefore?: boolean;
  spacing?: { before?: number; after?: number };
  align?: Justify;
}

/** `w:p` around already written runs. */
export function para(runs: string, p: ParaProps = {}): string {
  let pr = '';
  if (p.style) pr += `<w:pStyle w:val="${esc(p.style)}"/>`;
  if (p.keepNext) pr += '<w:keepNext/>';
  if (p.pageBreakBefore) pr += '<w:pageBreakBefore/>';
  if (p.spacing) {
    const { before, after } = p.spacing;
    pr += `<w:spacing${after === undefined ? '' : ` w:after="${after}"`}${before === undefined ? '' : ` w:before="${before}"`}/>`;
  }
  if (p.align) pr += `<w:jc w:val="${p.align}"/>`;
  return `<w:p>${pr ? `<w:pPr>${pr}</w:pPr>` : ''}${runs}</w:p>`;
}

let nextId = 0;

/**
 * Where a run of `Xml` blocks goes in the document the library writes: an element `<cp-raw n="…"/>` replaced by
 * the blocks' text once the package is written (`spliceRaw`).
 */
export class RawPlaceholder extends FileChild {
  readonly id: number;
  constructor(readonly blocks: readonly Xml[]) {
    super('cp-raw');
    this.id = nextId++;
  }
  override prepForXml(): IXmlableObject {
    return { 'cp-raw': { _attr: { n: this.id } } } as IXmlableObject;
  }
}

/** Consecutive `Xml` blocks joined into one placeholder each; other children kept as they are. */
export function withPlaceholders<T>(
  children: readonly (T | Xml)[],
  placeholders: Map<number, RawPlaceholder>,
): (T | RawPlaceholder)[] {
  const out: (T | RawPlaceholder)[] = [];
  let pending: Xml[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const p = new RawPlaceholder(pending);
    placeholders.set(p.id, p);
    out.push(p);
    pending = [];
  };
  for (const c of children) {
    if (c instanceof Xml) pending.push(c);
    else {
      flush();
      out.push(c);
    }
  }
  flush();
  return out;
}

/**
 * `word/document.xml` with each placeholder replaced by its blocks, as pieces to be written one after another (one
 * string per placeholder, joined once: not one string of tens of megabytes built by concatenation). An unknown or
 * unwritten placeholder is an error.
 */
export function spliceRawParts(
  documentXml: string,
  placeholders: ReadonlyMap<number, RawPlaceholder>,
): string[] {
  const pieces = documentXml.split(/<cp-raw n="(\d+)"\/>/);
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (i % 2 === 0) {
      out.push(piece);
      continue;
    }
    const p = placeholders.get(Number(piece));
    if (!p) throw new Error(`report: no blocks for placeholder ${piece}`);
    out.push(p.blocks.map((b) => b.xml).join(''));
  }
  const seen = (pieces.length - 1) / 2;
  if (seen !== placeholders.size)
    throw new Error(`report: ${placeholders.size - seen} block placeholders were not written`);
  return out;
}

/** The same as one string (tests). */
export function spliceRaw(documentXml: string, placeholders: ReadonlyMap<number, RawPlaceholder>): string {
  return spliceRawParts(documentXml, placeholders).join('');
}

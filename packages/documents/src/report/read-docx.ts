/**
 * Reads a generated .docx back for tests: headings by level, tables as rows of cell texts (a merged cell appears
 * once, where it starts), the media files. A small reader of the XML this package writes, not a general parser.
 */
import JSZip from 'jszip';

export interface ReadDocx {
  /** Paragraph texts of the body in order, with their style id (`Heading1`, …) when they have one. */
  paragraphs: { style: string | null; text: string }[];
  headings(level: 1 | 2 | 3 | 4): string[];
  /** Every table: rows of cell texts (paragraphs of a cell joined by `\n`). */
  tables: string[][][];
  /** The first table whose header row starts with these cells. */
  table(...header: string[]): string[][] | undefined;
  media: string[];
  documentXml: string;
  fontTableXml: string;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function runText(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g))
    out += m[1] === undefined ? '\t' : decode(m[1]);
  return out;
}

function paragraphs(xml: string): { style: string | null; text: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? null,
    text: runText(m[0]),
  }));
}

export async function readDocx(bytes: Uint8Array): Promise<ReadDocx> {
  const zip = await JSZip.loadAsync(bytes);
  const documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const fontTableXml = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
  const tables = [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
        // A vMerge continuation cell belongs to the cell above it.
        .filter((c) => !/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/.test(c[0]))
        .map((c) =>
          paragraphs(c[0])
            .map((p) => p.text)
            .join('\n')
            .trim(),
        ),
    ),
  );
  // Body paragraphs outside tables.
  const body = paragraphs(documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''));
  return {
    paragraphs: body,
    headings: (level) => body.filter((p) => p.style === `Heading${level}`).map((p) => p.text),
    tables,
    table: (...header) => tables.find((t) => header.every((h, i) => t[0]?.[i] === h)),
    media: Object.keys(zip.files).filter((n) => n.startsWith('word/media/')),
    documentXml,
    fontTableXml,
  };
}

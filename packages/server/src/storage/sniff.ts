/**
 * What a file is, judged by its CONTENT (magic bytes and structure), never by its name or the client's
 * Content-Type. Accepted kinds: JPEG, PNG, WebP, PDF, DOCX and XLSX (ZIP packages with the Office Open XML
 * entries), plain text and CSV. Everything else is refused with a reason a user understands ("a Windows program").
 */

export type FileKind = 'jpeg' | 'png' | 'webp' | 'pdf' | 'docx' | 'xlsx' | 'text';

export interface DetectedType {
  kind: FileKind;
  /** The Content-Type the file is served with. */
  contentType: string;
  /** Canonical extension, and the extensions a name of this type may keep. */
  extension: string;
  extensions: readonly string[];
  label: string;
}

export type Detection = { ok: true; type: DetectedType } | { ok: false; reason: string };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const FILE_KINDS: Readonly<
  Record<FileKind, Omit<DetectedType, 'contentType'> & { contentType: string }>
> = {
  jpeg: {
    kind: 'jpeg',
    contentType: 'image/jpeg',
    extension: 'jpg',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    label: 'JPEG image',
  },
  png: { kind: 'png', contentType: 'image/png', extension: 'png', extensions: ['png'], label: 'PNG image' },
  webp: {
    kind: 'webp',
    contentType: 'image/webp',
    extension: 'webp',
    extensions: ['webp'],
    label: 'WebP image',
  },
  pdf: {
    kind: 'pdf',
    contentType: 'application/pdf',
    extension: 'pdf',
    extensions: ['pdf'],
    label: 'PDF document',
  },
  docx: { kind: 'docx', contentType: DOCX, extension: 'docx', extensions: ['docx'], label: 'Word document' },
  xlsx: { kind: 'xlsx', contentType: XLSX, extension: 'xlsx', extensions: ['xlsx'], label: 'Excel workbook' },
  text: {
    kind: 'text',
    contentType: 'text/plain; charset=utf-8',
    extension: 'txt',
    extensions: ['txt', 'csv', 'tsv', 'log', 'md'],
    label: 'plain text',
  },
};

function startsWith(buf: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (buf.length < at + bytes.length) return false;
  return bytes.every((b, i) => buf[at + i] === b);
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

/** Signatures of common files that are refused, so the reason can name them. */
const REFUSED_SIGNATURES: readonly { bytes: number[]; what: string; textual?: boolean }[] = [
  { bytes: ascii('MZ'), what: 'a Windows program (executable, MZ header)', textual: true },
  { bytes: [0x7f, ...ascii('ELF')], what: 'a Linux program (ELF executable)' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], what: 'a macOS program (Mach-O executable)' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], what: 'a macOS program (Mach-O executable)' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], what: 'a Java class or macOS universal program' },
  { bytes: ascii('#!'), what: 'a script' },
  { bytes: ascii('GIF87a'), what: 'a GIF image (use JPEG, PNG or WebP)' },
  { bytes: ascii('GIF89a'), what: 'a GIF image (use JPEG, PNG or WebP)' },
  { bytes: ascii('BM'), what: 'a BMP image (use JPEG, PNG or WebP)', textual: true },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image (use JPEG, PNG or WebP, or PDF)' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image (use JPEG, PNG or WebP, or PDF)' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: 'a legacy Office file (.doc/.xls: save it as .docx/.xlsx or PDF)',
  },
  { bytes: ascii('Rar!'), what: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: ascii('{\\rtf'), what: 'an RTF document (save it as .docx or PDF)' },
];

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/**
 * File names in a ZIP's central directory (PKWARE APPNOTE 4.3.12 / 4.3.16). Office files write sizes after
 * the data (bit 3), so the local headers cannot be walked; the central directory at the end always lists every
 * entry. Returns undefined when the structure is broken.
 */
export function zipEntryNames(buf: Uint8Array): string[] | undefined {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // End of central directory: 22 bytes + a comment of at most 65 535 bytes, searched backwards.
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  if (offset + size > eocd) return undefined;
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (offset + 46 > buf.length || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) return undefined;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const start = offset + 46;
    if (start + nameLength > buf.length) return undefined;
    names.push(decoder.decode(buf.subarray(start, start + nameLength)));
    offset = start + nameLength + extraLength + commentLength;
  }
  return names;
}

function detectZip(buf: Uint8Array): Detection {
  const names = zipEntryNames(buf);
  if (!names)
    return { ok: false, reason: 'a damaged ZIP/Office file (its table of contents cannot be read)' };
  const has = (n: string) => names.includes(n);
  if (has('[Content_Types].xml') && has('word/document.xml')) return { ok: true, type: FILE_KINDS.docx };
  if (has('[Content_Types].xml') && has('xl/workbook.xml')) return { ok: true, type: FILE_KINDS.xlsx };
  if (has('[Content_Types].xml') && names.some((n) => n.startsWith('ppt/'))) {
    return { ok: false, reason: 'a PowerPoint presentation (save it as PDF)' };
  }
  return { ok: false, reason: 'a ZIP archive (only Word .docx and Excel .xlsx packages are accepted)' };
}

/** Bytes a text file may contain below 0x20: tab, line feed, form feed, carriage return (and ESC is refused). */
function isTextControl(b: number): boolean {
  return b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d;
}

function decodes(buf: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
}

function detectText(buf: Uint8Array): Detection {
  for (const b of buf) {
    if ((b < 0x20 && !isTextControl(b)) || b === 0x7f) {
      return { ok: false, reason: 'binary data of an unknown kind' };
    }
  }
  // UTF-8 (with or without BOM); otherwise GB18030, which Chinese Excel and Notepad write for CSV/TXT.
  let text = decodes(buf, 'utf-8');
  let charset = 'utf-8';
  if (text === undefined) {
    text = decodes(buf, 'gb18030');
    charset = 'gb18030';
  }
  if (text === undefined) return { ok: false, reason: 'text in an unknown encoding (save it as UTF-8)' };
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  if (/^<(!doctype html|html|svg|\?xml|script)/.test(head) || /<script[\s>]/.test(head)) {
    return { ok: false, reason: 'an HTML/SVG/XML document (markup can carry scripts: save it as PDF)' };
  }
  return { ok: true, type: { ...FILE_KINDS.text, contentType: `text/plain; charset=${charset}` } };
}

/** Detects the type of a file from its bytes. */
export function detectFileType(buf: Uint8Array): Detection {
  if (buf.length === 0) return { ok: false, reason: 'an empty file' };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { ok: true, type: FILE_KINDS.jpeg };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { ok: true, type: FILE_KINDS.png };
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8))
    return { ok: true, type: FILE_KINDS.webp };
  if (startsWith(buf, ascii('%PDF-'))) return { ok: true, type: FILE_KINDS.pdf };
  if (startsWith(buf, ZIP_LOCAL)) return detectZip(buf);
  // Signatures that are also plain letters ('MZ', 'BM') name the file only when it is not readable text.
  for (const s of REFUSED_SIGNATURES) {
    if (!s.textual && startsWith(buf, s.bytes)) return { ok: false, reason: s.what };
  }
  const text = detectText(buf);
  if (text.ok) return text;
  const named = REFUSED_SIGNATURES.find((s) => s.textual && startsWith(buf, s.bytes));
  return named ? { ok: false, reason: named.what } : text;
}

/** A text file named `.csv`/`.tsv` is served as CSV / tab-separated values. */
export function refineTextType(type: DetectedType, fileName: string): DetectedType {
  if (type.kind !== 'text') return type;
  const ext = extensionOf(fileName);
  const charset = /charset=([\w-]+)/.exec(type.contentType)?.[1] ?? 'utf-8';
  if (ext === 'csv') return { ...type, contentType: `text/csv; charset=${charset}`, extension: 'csv' };
  if (ext === 'tsv') {
    return { ...type, contentType: `text/tab-separated-values; charset=${charset}`, extension: 'tsv' };
  }
  return type;
}

/** Lower-case extension without the dot ('' when none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * What a file is, judged by its CONTENT (magic bytes and structure), never by its name or the client's
 * Content-Type. Accepted kinds: JPEG, PNG, WebP, PDF, DOCX and XLSX (ZIP packages with the Office Open XML
 * entries), plain text and CSV. Everything else is refused with a reason a user understands ("a Windows program").
 */

import { inflateRawSync } from 'node:zlib';

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
const ZIP_LOCAL_SIGNATURE = 0x04034b50;

export interface ZipEntryInfo {
  name: string;
  /** General-purpose flags (bit 0: encrypted). */
  flags: number;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedBytes: number;
  uncompressedBytes: number;
  localOffset: number;
}

/**
 * Entries of a ZIP's central directory with their declared sizes (APPNOTE 4.3.12 / 4.4); undefined when the
 * structure is broken or cut short (an entry's data would lie beyond the directory), or ZIP64 (never written by
 * Office for files of the upload sizes).
 */
export function zipEntries(buf: Uint8Array): ZipEntryInfo[] | undefined {
  if (buf.length < 22) return undefined;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
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
  const start = view.getUint32(eocd + 16, true);
  if (count === 0xffff || start === 0xffffffff || start + size > eocd) return undefined;
  const entries: ZipEntryInfo[] = [];
  const decoder = new TextDecoder('utf-8');
  let offset = start;
  for (let k = 0; k < count; k++) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) return undefined;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const entry: ZipEntryInfo = {
      name: decoder.decode(buf.subarray(offset + 46, offset + 46 + nameLength)),
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      compressedBytes: view.getUint32(offset + 20, true),
      uncompressedBytes: view.getUint32(offset + 24, true),
      localOffset: view.getUint32(offset + 42, true),
    };
    if (entry.compressedBytes === 0xffffffff || entry.uncompressedBytes === 0xffffffff) return undefined;
    if (entry.localOffset + 30 + entry.compressedBytes > start) return undefined;
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** File names in a ZIP's central directory; undefined when the structure is broken. */
export function zipEntryNames(buf: Uint8Array): string[] | undefined {
  return zipEntries(buf)?.map((e) => e.name);
}

/**
 * Largest total an Office package may expand to: 10 × its own size, at least 50 MB, at most 256 MB (the same
 * rule as the workbook import, packages/documents/src/workbook/inspect.ts).
 */
export function maxExpandedBytes(fileBytes: number): number {
  return Math.min(256 * 1024 * 1024, Math.max(50 * 1024 * 1024, fileBytes * 10));
}
/** An entry over 1 MB declaring more than this many times its compressed size is a zip bomb. */
const MAX_ENTRY_RATIO = 1000;

/** The data of an entry, inflated with a hard cap; undefined when it is corrupt or larger than `cap`. */
function inflateEntry(buf: Uint8Array, e: ZipEntryInfo, cap: number): Buffer | undefined {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const p = e.localOffset;
  if (p + 30 > buf.length || view.getUint32(p, true) !== ZIP_LOCAL_SIGNATURE) return undefined;
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + e.compressedBytes > buf.length) return undefined;
  const data = buf.subarray(start, start + e.compressedBytes);
  if (e.method === 0) return data.length <= cap ? Buffer.from(data) : undefined;
  if (e.method !== 8) return undefined;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
  } catch {
    return undefined;
  }
}

/**
 * Office packages (Word .docx, Excel .xlsx): the central directory must be whole, nothing encrypted, the declared
 * and the actual expanded size within bounds (zip bombs, also those whose directory understates the sizes: each
 * entry is inflated with a cap of its declared size, one at a time, so memory stays bounded), and no macros
 * (`vbaProject.bin`, a macro-enabled content type: a .docm/.xlsm renamed .docx/.xlsx).
 */
function detectZip(buf: Uint8Array): Detection {
  const entries = zipEntries(buf);
  if (!entries)
    return {
      ok: false,
      reason: 'a damaged or incomplete ZIP/Office file (its table of contents cannot be read)',
    };
  const names = entries.map((e) => e.name);
  const has = (n: string) => names.includes(n);
  const office = has('[Content_Types].xml');
  let type: DetectedType | undefined;
  if (office && has('word/document.xml')) type = FILE_KINDS.docx;
  else if (office && has('xl/workbook.xml')) type = FILE_KINDS.xlsx;
  else if (office && names.some((n) => n.startsWith('ppt/'))) {
    return { ok: false, reason: 'a PowerPoint presentation (save it as PDF)' };
  } else {
    return { ok: false, reason: 'a ZIP archive (only Word .docx and Excel .xlsx packages are accepted)' };
  }
  if (entries.some((e) => (e.flags & 1) === 1)) {
    return { ok: false, reason: `an encrypted ${type.label} (remove the password and save it again)` };
  }
  const budget = maxExpandedBytes(buf.length);
  const declared = entries.reduce((s, e) => s + e.uncompressedBytes, 0);
  const bomb = entries.some(
    (e) => e.uncompressedBytes > 1024 * 1024 && e.uncompressedBytes > e.compressedBytes * MAX_ENTRY_RATIO,
  );
  if (declared > budget || bomb) {
    return {
      ok: false,
      reason: `a ${type.label} that expands to ${Math.round(declared / 1024 / 1024)} MB (a "zip bomb"; at most ${Math.round(budget / 1024 / 1024)} MB)`,
    };
  }
  let left = budget;
  let contentTypes = '';
  for (const e of entries) {
    const data = inflateEntry(buf, e, Math.min(left, e.uncompressedBytes + 1));
    if (!data || data.length !== e.uncompressedBytes) {
      return {
        ok: false,
        reason: `a damaged ${type.label} (the content of ${e.name} does not match its declared size: damaged, or a "zip bomb")`,
      };
    }
    left -= data.length;
    if (e.name === '[Content_Types].xml') contentTypes = data.toString('utf8');
  }
  if (
    names.some((n) => /(^|\/)vba(Project\.bin|Data\.xml)$/i.test(n)) ||
    /macroEnabled/i.test(contentTypes)
  ) {
    return {
      ok: false,
      reason: `a ${type.label} with macros (VBA, a .docm/.xlsm file: save it as a plain .${type.extension} or PDF)`,
    };
  }
  return { ok: true, type };
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

/** PNG's last chunk: length 0, "IEND", its CRC-32 (PNG spec §11.2.5). */
const PNG_IEND = [0, 0, 0, 0, ...ascii('IEND'), 0xae, 0x42, 0x60, 0x82];

function indexOf(buf: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i + needle.length <= buf.length; i++) {
    for (let j = 0; j < needle.length; j++) if (buf[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * A JPEG has image data (start of scan, FFDA) followed by an end-of-image marker (FFD9); data appended after it
 * (some phones add a video) is tolerated.
 */
function jpegComplete(buf: Uint8Array): boolean {
  const sos = indexOf(buf, [0xff, 0xda]);
  return sos > 0 && indexOf(buf, [0xff, 0xd9], sos + 2) > 0;
}

function complete(type: DetectedType, whole: boolean): Detection {
  return whole
    ? { ok: true, type }
    : {
        ok: false,
        reason: `an incomplete ${type.label} (cut short: damaged in transfer, or not really one)`,
      };
}

/** Detects the type of a file from its bytes. */
export function detectFileType(buf: Uint8Array): Detection {
  if (buf.length === 0) return { ok: false, reason: 'an empty file' };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return complete(FILE_KINDS.jpeg, jpegComplete(buf));
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return complete(FILE_KINDS.png, indexOf(buf, PNG_IEND, Math.max(0, buf.length - 1024)) >= 0);
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) {
    // RIFF: bytes 4–7 are the size of what follows them (little-endian).
    const riff = new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(4, true);
    return complete(FILE_KINDS.webp, riff + 8 <= buf.length);
  }
  if (startsWith(buf, ascii('%PDF-'))) {
    // ISO 32000-1 §7.5.5: the file ends with %%EOF (trailing whitespace/NUL padding and up to 1 KB after it
    // tolerated, as some producers write).
    let end = buf.length;
    while (end > 0 && [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(buf[end - 1] ?? 0)) end--;
    const tail = buf.subarray(Math.max(0, end - 1024), end);
    return complete(FILE_KINDS.pdf, indexOf(tail, ascii('%%EOF')) >= 0);
  }
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

/**
 * Safety checks of an uploaded workbook before anything expands it: the bytes must be an OOXML spreadsheet (a zip
 * with `xl/workbook.xml`), complete, within the size limits (compressed, and uncompressed as the zip's central
 * directory declares it, so a zip bomb is refused before a single entry is inflated), without macros
 * (`xl/vbaProject.bin`, `macroEnabled` content types) and without external links (`xl/externalLinks/`).
 * A password-protected .xlsx is not a zip at all: Office wraps it in an OLE compound file with an
 * `EncryptionInfo` stream, which is recognised and named as such.
 *
 * Every refusal is a `WorkbookProblem` whose message an enterprise user understands (Chinese), with what to do.
 */
import { inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

export interface WorkbookProblem {
  /** The sheet's name; null for a problem of the whole file. */
  sheet: string | null;
  /** 1-based row; null when the problem is not one row's. */
  row: number | null;
  /** A1 reference (`D7`); null when not one cell's. */
  cell: string | null;
  /** The item code or key the cell is for (`energy.electricity`, `uscc`), when known. */
  field: string | null;
  message: string;
}

export interface InspectLimits {
  /** Largest file accepted (bytes). */
  maxBytes: number;
  /** Largest total uncompressed size declared by the zip (bytes). Default: 10 × maxBytes, from 50 MB to 256 MB. */
  maxUncompressedBytes?: number;
}

/** Entries' declared sizes larger than this many times their compressed size are a zip bomb, whatever the total. */
const MAX_ENTRY_RATIO = 1000;

export interface ZipEntry {
  name: string;
  compressedBytes: number;
  uncompressedBytes: number;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

function fileProblem(message: string): WorkbookProblem {
  return { sheet: null, row: null, cell: null, field: null, message };
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

/** What else the bytes are, for the message (a few common kinds people upload by mistake). */
function otherKind(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'PDF 文件';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'PNG 图片';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'JPEG 图片';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21])) return 'RAR 压缩包';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip 压缩包';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512));
  if (/^\s*</.test(head)) return 'HTML/XML 文本';
  const printable = [...head].every((c) => {
    const n = c.charCodeAt(0);
    return n === 9 || n === 10 || n === 13 || (n >= 0x20 && n !== 0x7f && n !== 0xfffd);
  });
  if (printable) return '文本（如 CSV）文件';
  return '无法识别的文件';
}

/** UTF-16LE spelling of a name, as OLE directory entries store stream names. */
function utf16(name: string): Uint8Array {
  const out = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) out[i * 2] = name.charCodeAt(i);
  return out;
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The zip's entries from its central directory (no entry is inflated). Throws a message when the directory is
 * missing or out of the file's bounds: the file was cut short.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes + a comment of at most 65535 bytes, at the end of the file.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('truncated');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset === 0xffffffff || count === 0xffff) throw new Error('zip64');
  if (cdOffset + cdSize > eocd) throw new Error('truncated');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const utf8 = new TextDecoder('utf-8', { fatal: false });
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) throw new Error('truncated');
    const method = view.getUint16(p + 10, true);
    const compressedBytes = view.getUint32(p + 20, true);
    const uncompressedBytes = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (compressedBytes === 0xffffffff || uncompressedBytes === 0xffffffff) throw new Error('zip64');
    if (localOffset + compressedBytes > cdOffset) throw new Error('truncated');
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    entries.push({ name, compressedBytes, uncompressedBytes, method, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Checks the bytes of an upload meant to be an .xlsx; the problems found (empty: safe to open with exceljs).
 * Nothing is decompressed except `[Content_Types].xml` (after its declared size was checked).
 */
export async function inspectXlsx(bytes: Uint8Array, limits: InspectLimits): Promise<WorkbookProblem[]> {
  const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (bytes.length === 0) return [fileProblem('文件是空的：请重新选择填好的 .xlsx 工作簿')];
  if (bytes.length > limits.maxBytes) {
    return [
      fileProblem(
        `文件过大（${mb(bytes.length)}），上限为 ${mb(limits.maxBytes)}：请删除多余的工作表或图片后再上传`,
      ),
    ];
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    if (contains(bytes, utf16('EncryptionInfo')) || contains(bytes, utf16('EncryptedPackage'))) {
      return [
        fileProblem(
          '文件设有打开密码（已加密），平台无法读取：请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后另存为 .xlsx 再上传',
        ),
      ];
    }
    return [
      fileProblem(
        '这是旧版 Excel 97-2003（.xls）或其他 Office 文件：请在 Excel 中另存为 .xlsx 工作簿后再上传',
      ),
    ];
  }
  if (startsWith(bytes, EMPTY_ZIP_MAGIC)) return [fileProblem('文件是空的压缩包，不是 Excel 工作簿')];
  if (!startsWith(bytes, ZIP_MAGIC)) {
    return [fileProblem(`文件不是 .xlsx 工作簿（识别为${otherKind(bytes)}）：请上传平台下载的数据采集表`)];
  }
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch (e) {
    if (e instanceof Error && e.message === 'zip64') {
      return [fileProblem('文件内容过大（超过 4 GB 的压缩格式），不是正常的数据采集表')];
    }
    return [fileProblem('文件不完整或已损坏（可能在下载、复制或发送时被截断）：请重新保存后上传')];
  }
  // A 5,000 enterprise-year workbook is about 1 MB zipped and 10 MB unzipped: 50 MB leaves room, 256 MB caps memory.
  const maxUncompressed =
    limits.maxUncompressedBytes ??
    Math.min(256 * 1024 * 1024, Math.max(50 * 1024 * 1024, limits.maxBytes * 10));
  const total = entries.reduce((s, e) => s + e.uncompressedBytes, 0);
  const bomb = entries.find(
    (e) => e.uncompressedBytes > 1024 * 1024 && e.uncompressedBytes > e.compressedBytes * MAX_ENTRY_RATIO,
  );
  if (total > maxUncompressed || bomb) {
    return [
      fileProblem(
        `文件解压后过大（${mb(total)}，上限 ${mb(maxUncompressed)}）或压缩比异常，疑似“压缩炸弹”，已拒绝：请上传平台下载的数据采集表`,
      ),
    ];
  }
  if (!inflatesWithin(bytes, entries, maxUncompressed)) {
    return [
      fileProblem(
        `文件解压后的实际大小与其声明不符或超过上限（${mb(maxUncompressed)}），疑似“压缩炸弹”，已拒绝：请上传平台下载的数据采集表`,
      ),
    ];
  }
  const names = new Set(entries.map((e) => e.name));
  const problems: WorkbookProblem[] = [];
  if (!names.has('xl/workbook.xml') || !names.has('[Content_Types].xml')) {
    const what = names.has('word/document.xml')
      ? 'Word 文档'
      : names.has('ppt/presentation.xml')
        ? 'PowerPoint 演示文稿'
        : '普通 zip 压缩包';
    return [fileProblem(`文件不是 Excel 工作簿（是${what}）：请上传 .xlsx 数据采集表`)];
  }
  const hasMacros =
    [...names].some((n) => /(^|\/)vbaProject\.bin$/i.test(n)) ||
    (await contentTypes(bytes)).includes('macroEnabled');
  if (hasMacros) {
    problems.push(
      fileProblem(
        '文件包含宏（VBA，.xlsm 格式），出于安全原因不接受：请在 Excel 中另存为“Excel 工作簿（*.xlsx）”后再上传',
      ),
    );
  }
  if ([...names].some((n) => n.startsWith('xl/externalLinks/'))) {
    problems.push(
      fileProblem(
        '文件含有指向其他工作簿的外部链接：请在 Excel 中“数据 → 编辑链接 → 断开链接”，使数据成为数值后再上传',
      ),
    );
  }
  return problems;
}

/**
 * Inflates every entry with a hard output cap (its declared size, and what is left of the total budget): a zip
 * whose directory understates its entries (a zip bomb that lies) is caught here, before exceljs expands it.
 */
function inflatesWithin(bytes: Uint8Array, entries: readonly ZipEntry[], budget: number): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let left = budget;
  for (const e of entries) {
    const p = e.localOffset;
    if (p + 30 > bytes.length || view.getUint32(p, true) !== 0x04034b50) return false;
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const data = bytes.subarray(start, start + e.compressedBytes);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        size = inflateRawSync(data, {
          maxOutputLength: Math.max(1, Math.min(left, e.uncompressedBytes + 1)),
        }).length;
      } catch {
        return false;
      }
    } else return false;
    if (size !== e.uncompressedBytes) return false;
    left -= size;
  }
  return true;
}

/** The text of `[Content_Types].xml` (small: its size was checked with the others). */
async function contentTypes(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
}

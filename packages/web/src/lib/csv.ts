/**
 * CSV export of list rows: RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order mark so that Excel (the usual
 * reader at bureaus and enterprises) shows Chinese correctly, and protection against formula injection (OWASP
 * "CSV Injection": a text cell starting with = + - @ TAB or CR is prefixed with an apostrophe).
 */
import type { CellValue } from './table.ts';

export interface CsvColumn<T> {
  readonly title: string;
  readonly value: (row: T) => CellValue | boolean;
}

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field. Numbers are written as they are (a negative number is data, not a formula). */
export function csvField(v: CellValue | boolean): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(
  rows: readonly T[],
  columns: readonly CsvColumn<T>[],
  opts: { bom?: boolean } = {},
): string {
  const lines = [
    columns.map((c) => csvField(c.title)),
    ...rows.map((r) => columns.map((c) => csvField(c.value(r)))),
  ];
  const bom = opts.bom === false ? '' : BOM;
  return `${bom}${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

/** `企业名录` + 2025-03-07 → `企业名录-20250307.csv`; characters not allowed in file names become `_`. */
export function csvFileName(base: string, date: Date): string {
  const safe = base.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').trim() || 'export';
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${safe}-${y}${m}${d}.csv`;
}

/** Makes the browser save `csv` as `fileName`. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

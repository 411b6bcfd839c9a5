/**
 * Display formatting of the report's numbers: fixed decimals per unit, thousands separators, a dash for
 * "not given". Nothing here computes a figure; it only prints the one it is given.
 */

/** Decimals printed per kind of figure (tables 6.1, 7.2 and the option tables). */
export const REPORT_DECIMALS = {
  count: 0,
  wanYuan: 2,
  /** Pollutant reductions in t/a: three decimals, as 总磷 or 第一类污染物 are often below 0.01 t/a. */
  pollutant_t: 3,
  saving: 2,
  years: 1,
  percent: 2,
} as const;

/** `1234567.891` → `1,234,567.89` (2 decimals); `-0` prints `0`; non-finite or null prints `—`. */
export function formatFixed(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const s = Math.abs(value).toFixed(decimals);
  const [int = '0', frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const zero = Number(s) === 0;
  const sign = value < 0 && !zero ? '-' : '';
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** Decimals a table 7.2 cell is printed with, from its unit. */
export function decimalsForUnit(unit: string): number {
  if (unit === '个') return REPORT_DECIMALS.count;
  if (unit.startsWith('万元')) return REPORT_DECIMALS.wanYuan;
  if (unit === 't/a') return REPORT_DECIMALS.pollutant_t;
  return REPORT_DECIMALS.saving;
}

/** A fraction as a percentage: `0.0717` → `7.17%`. */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${formatFixed(fraction * 100, REPORT_DECIMALS.percent)}%`;
}

/** `2025-03-01` → `2025年3月1日`; anything else is printed as given, null as `—`. */
export function formatDateZh(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** A byte count for the evidence lists: `12.3 KB`, `1.4 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${formatFixed(n / 1024, 1)} KB`;
  return `${formatFixed(n / (1024 * 1024), 1)} MB`;
}

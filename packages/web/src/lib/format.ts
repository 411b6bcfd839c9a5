/**
 * Number formatting for display (Chinese conventions): thousands separators, a fixed number of decimals, and the
 * unit after a thin space. Display only: values are computed by the core and the server, never here.
 */
export function formatNumber(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** `formatQuantity(1234.5, 't/a')` → `1,234.50 t/a`; `万元` and `%` follow the number without a space. */
export function formatQuantity(value: number | null | undefined, unit: string, decimals = 2): string {
  const n = formatNumber(value, decimals);
  if (n === '—') return n;
  return unit === '万元' || unit === '%' ? `${n}${unit}` : `${n} ${unit}`;
}

/** An ISO date or timestamp as YYYY-MM-DD (the date in China time for timestamps). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

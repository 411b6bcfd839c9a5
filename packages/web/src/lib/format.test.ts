import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatQuantity } from './format.ts';

describe('display formatting', () => {
  it('groups thousands and fixes decimals', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(0.5, 0)).toBe('1');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(null)).toBe('—');
  });
  it('puts the unit after the number, 万元 and % without a space', () => {
    expect(formatQuantity(12.5, 't/a')).toBe('12.50 t/a');
    expect(formatQuantity(3, '万元', 1)).toBe('3.0万元');
    expect(formatQuantity(undefined, 'tce')).toBe('—');
  });
  it('shows timestamps as the date in China time', () => {
    expect(formatDate('2025-03-01')).toBe('2025-03-01');
    expect(formatDate('2025-02-28T17:00:00Z')).toBe('2025-03-01');
  });
});

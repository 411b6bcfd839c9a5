import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import {
  canonicalUnit,
  convertValue,
  dimensionOf,
  requireDimension,
  roundTo,
  sumQuantities,
  unitOf,
} from './units.ts';

describe('unit conversions (exact decimal multiples)', () => {
  it('kg ↔ t ↔ 万t by definition', () => {
    expect(convertValue(1234.5, 'kg', 't')).toBe(1.2345);
    expect(convertValue(0.1, 't', 'kg')).toBe(100);
    expect(convertValue(3, '万t', 't')).toBe(30000);
  });
  it('元 ↔ 万元', () => {
    expect(convertValue(15800, '元', '万元')).toBe(1.58);
    expect(convertValue(1.58, '万元', '元')).toBe(15800);
  });
  it('kWh ↔ 万kWh, 度 is kWh', () => {
    expect(convertValue(123456, '度', '万kWh')).toBe(12.3456);
    expect(convertValue(1, '万kWh', 'kWh')).toBe(10000);
  });
  it('1 kWh = 3.6 MJ; 1 kcal = 4.1868 kJ (IT calorie)', () => {
    expect(convertValue(1, 'kWh', 'MJ')).toBe(3.6);
    expect(convertValue(7000, 'kcal', 'kJ')).toBeCloseTo(29307.6, 9);
  });
  it('m3 ↔ 万m3 ↔ L', () => {
    expect(convertValue(25000, 'm³', '万m3')).toBe(2.5);
    expect(convertValue(1, 'm3', 'L')).toBe(1000);
  });
  it('compound units per year', () => {
    expect(convertValue(2500, 'kg/a', 't/a')).toBe(2.5);
    expect(convertValue(3, '万元/a', '元/a')).toBe(30000);
    expect(convertValue(1, '万kWh/a', 'kWh/a')).toBe(10000);
    expect(canonicalUnit('吨/年')).toBe('t/a');
    expect(dimensionOf('tce/a')).toBe('coal/year');
  });
  it('intensities', () => {
    expect(convertValue(1, 'kgce/t', 'tce/t')).toBe(0.001);
    expect(convertValue(8, 'L/m2', 'm3/m2')).toBe(0.008);
  });
});

describe('unit errors name the unit', () => {
  it('unknown unit', () => {
    expect(() => unitOf('furlong')).toThrowError(/unknown unit "furlong"/);
  });
  it('mismatched dimensions', () => {
    expect(() => convertValue(1, '万元', 't')).toThrowError(/cannot convert 万元 \(money\) to t \(mass\)/);
    expect(() => convertValue(1, 'tCO2', 't')).toThrowError(CpError);
    expect(() => convertValue(1, 't/a', 't')).toThrowError(/mass\/year/);
  });
  it('requireDimension names the field', () => {
    try {
      requireDimension('t', 'energy', 'electricity.unit');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CpError);
      expect((e as CpError).code).toBe('UNIT');
      expect((e as CpError).field).toBe('electricity.unit');
    }
  });
});

describe('sums and rounding', () => {
  it('sums in the first unit', () => {
    expect(
      sumQuantities([
        { value: 1, unit: 't' },
        { value: 500, unit: 'kg' },
      ]),
    ).toEqual({ value: 1.5, unit: 't' });
  });
  it('rounds half away from zero on the decimal representation', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.77249896, 4)).toBe(2.7725);
    expect(roundTo(-0.125, 2)).toBe(-0.13);
  });
});

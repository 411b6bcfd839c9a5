import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import {
  ORG_CODE_WEIGHTS,
  orgCodeCheckChar,
  parseUscc,
  USCC_CHARSET,
  USCC_WEIGHTS,
  usccCheckChar,
  usccFromJson,
  validateUscc,
} from './uscc.ts';

// Character values (GB 32100 表1): 0–9 → 0–9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25
// T26 U27 W28 X29 Y30. Weights (表2) W1..W17 = 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.

describe('GB 32100 tables', () => {
  it('weights are 3^(i−1) mod 31', () => {
    // 3^0..3^16 mod 31, written out: 1, 3, 9, 27, 81−62=19, 57−31=26, 78−62=16, 48−31=17, 51−31=20, 60−31=29,
    // 87−62=25, 75−62=13, 39−31=8, 24, 72−62=10, 30, 90−62=28.
    expect(USCC_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
    expect(USCC_CHARSET).toHaveLength(31);
    for (const banned of ['I', 'O', 'Z', 'S', 'V']) expect(USCC_CHARSET).not.toContain(banned);
    expect(ORG_CODE_WEIGHTS).toEqual([3, 7, 9, 10, 5, 8, 4, 2]);
  });
});

describe('usccCheckChar (worked examples computed by hand)', () => {
  it('the standard’s own example 91350100M000100Y4 → 3', () => {
    // Ci:  9 1 3 5 0 1 0 0 M21 0 0 0 1 0 0 Y30 4
    // ×Wi: 9 3 27 135 0 26 0 0 420 0 0 0 8 0 0 900 112 → Σ = 1640; 1640 = 31×52 + 28; 31 − 28 = 3.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });
  it('91320583MA1N7K2Q8 → F (a Suzhou-style enterprise code)', () => {
    // Ci:  9 1 3 2 0 5 8 3 M21 A10 1 N22 7 K19 2 Q24 8
    // ×Wi: 9 3 27 54 0 130 128 51 420 290 25 286 56 456 20 720 224 → Σ = 2899 = 31×93 + 16; 31 − 16 = 15 → F.
    expect(usccCheckChar('91320583MA1N7K2Q8')).toBe('F');
  });
  it('12440000455850124 → A (a 事业单位)', () => {
    // ×Wi: 1 6 36 108 0 0 0 0 80 145 125 104 40 0 10 60 112 → Σ = 827 = 31×26 + 21; 31 − 21 = 10 → A.
    expect(usccCheckChar('12440000455850124')).toBe('A');
  });
  it('51440000MJ0000114 → R (a 社会团体)', () => {
    // Ci: 5 1 4 4 0 0 0 0 M21 J18 0 0 0 0 1 1 4
    // ×Wi: 5 3 36 108 0 0 0 0 420 522 0 0 0 0 10 30 112 → Σ = 1246 = 31×40 + 6; 31 − 6 = 25 → R.
    expect(usccCheckChar('51440000MJ0000114')).toBe('R');
  });
  it('92440101MA59TRQCX → 5 (a 个体工商户)', () => {
    // Ci: 9 2 4 4 0 1 0 1 M21 A10 5 9 T26 R25 Q24 C12 X29
    // ×Wi: 9 6 36 108 0 26 0 17 420 290 125 117 208 600 240 360 812 → Σ = 3374 = 31×108 + 26; 31 − 26 = 5.
    expect(usccCheckChar('92440101MA59TRQCX')).toBe('5');
  });
  it('a sum divisible by 31 gives 31 → 0: 91440300MA5FA3213 → 0', () => {
    // ×Wi: 9 3 36 108 0 78 0 0 420 290 125 195 80 72 20 30 84 → Σ = 1550 = 31×50; 31 − 0 = 31 → 0.
    expect(usccCheckChar('91440300MA5FA3213')).toBe('0');
  });
  it('accepts lower case and rejects wrong length or characters', () => {
    expect(usccCheckChar('91350100m000100y4')).toBe('3');
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(CpError);
    expect(() => usccCheckChar('91350100M000100I4')).toThrow(/position 16/);
  });
});

describe('orgCodeCheckChar (GB 11714)', () => {
  it('M000100Y → 4 (letters A=10 … Z=35 over the full alphabet)', () => {
    // M22 0 0 0 1 0 0 Y34 × 3 7 9 10 5 8 4 2 = 66 + 5 + 68 = 139 = 11×12 + 7; 11 − 7 = 4.
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
  });
  it('MA59TRQC → X (11 − 1 = 10 → X) and MA62K026 → 0 (11 − 0 = 11 → 0)', () => {
    // M22 A10 5 9 T29 R27 Q26 C12: 66+70+45+90+145+216+104+24 = 760 = 11×69 + 1 → 10 → X.
    expect(orgCodeCheckChar('MA59TRQC')).toBe('X');
    // M22 A10 6 2 K20 0 2 6: 66+70+54+20+100+0+8+12 = 330 = 11×30 → 11 → 0.
    expect(orgCodeCheckChar('MA62K026')).toBe('0');
    expect(orgCodeCheckChar('MA62K02')).toBeNull();
  });
});

describe('validateUscc', () => {
  it('a valid enterprise code: parts, no errors, sum in the breakdown', () => {
    const r = validateUscc('91320583MA1N7K2Q8F');
    expect(r.value.valid).toBe(true);
    expect(r.value.errors).toEqual([]);
    expect(r.value.warnings).toEqual([]); // org code MA1N7K2Q: 630 = 11×57 + 3 → 8 ✓
    expect(r.value.weightedSum).toBe(2899);
    expect(r.value.parts).toEqual({
      authority: '9',
      authorityName: '工商',
      orgType: '1',
      orgTypeName: '企业',
      division: '320583',
      orgCode: 'MA1N7K2Q8',
    });
    expect(r.breakdown.result).toBe(true);
    expect(r.breakdown.clause?.document).toContain('GB 32100-2015');
  });
  it('the public example 91512081MA62K0260E is valid', () => {
    // ×Wi: 9 3 45 27 38 0 128 17 420 290 150 26 152 0 20 180 0 = 1505 = 31×48 + 17; 31 − 17 = 14 → E.
    expect(validateUscc('91512081MA62K0260E').value.valid).toBe(true);
  });
  it('an older all-digit code 914403001922038216', () => {
    // ×Wi: 9 3 36 108 0 78 0 0 20 261 50 26 0 72 80 60 28 = 831 = 31×26 + 25; 31 − 25 = 6.
    // Org code 19220382: 3+63+18+20+0+24+32+4 = 164 = 11×14 + 10 → 1 ✓.
    const r = validateUscc('914403001922038216');
    expect(r.value.valid).toBe(true);
    expect(r.value.warnings).toEqual([]);
  });
  it('other organisation types', () => {
    expect(validateUscc('12440000455850124A').value.parts?.orgTypeName).toBe('事业单位');
    expect(validateUscc('51440000MJ0000114R').value.parts?.orgTypeName).toBe('社会团体');
    const indiv = validateUscc('92440101MA59TRQCX5').value;
    expect(indiv.valid).toBe(true);
    expect(indiv.parts?.orgTypeName).toBe('个体工商户');
  });
  it('lower case, spaces and full-width characters are normalised', () => {
    const r = validateUscc(' 91320583ma1n7k2q8f ').value;
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe('91320583MA1N7K2Q8F');
    expect(validateUscc('９１３２０５８３ＭＡ１Ｎ７Ｋ２Ｑ８Ｆ').value.valid).toBe(true);
  });
  it('the standard’s invalid example …Y4Z: Z is not even a code character; the expected 3 is named', () => {
    const r = validateUscc('91350100M000100Y4Z').value;
    expect(r.valid).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('position 18: "Z" is not in the code character set');
    expect(r.errors[0]).toContain('should be "3"');
  });
  it('wrong check character: names position 18 and the expected character', () => {
    const r = validateUscc('91350100M000100Y4A').value;
    expect(r.valid).toBe(false);
    expect(r.expectedCheck).toBe('3');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('第18位');
    expect(r.errors[0]).toContain('position 18');
    expect(r.errors[0]).toContain('"3"');
  });
  it('wrong length: 17 characters still gives the expected check character', () => {
    const r = validateUscc('91350100M000100Y4').value;
    expect(r.valid).toBe(false);
    expect(r.errors[0]).toMatch(/长度应为18位，实际为17位 \/ length must be 18/);
    expect(r.expectedCheck).toBe('3');
    expect(r.parts).toBeNull();
    expect(validateUscc('').value.errors[0]).toContain('got 0');
    expect(validateUscc('91350100M000100Y433').value.errors[0]).toContain('got 19');
  });
  it('bad characters: each position named (I, O, Z, S, V are not used)', () => {
    const r = validateUscc('91350100MO00100Y4I').value;
    expect(r.valid).toBe(false);
    expect(r.errors.some((e) => e.includes('position 10') && e.includes('"O"'))).toBe(true);
    expect(r.errors.some((e) => e.includes('position 18') && e.includes('"I"'))).toBe(true);
    expect(r.expectedCheck).toBeNull();
    expect(validateUscc('91350100M000100Y4-').value.errors[0]).toContain('position 18');
  });
  it('a non-string (from untyped callers) is a VALIDATION error', () => {
    expect(() => validateUscc(JSON.parse('913501'))).toThrow(/must be a string/);
  });
  it('positions 3–8 must be digits', () => {
    // 913501A0M000100Y4?: the check would be computable, but position 7 is a letter.
    const r = validateUscc('913501A0M000100Y43').value;
    expect(r.valid).toBe(false);
    expect(r.errors.some((e) => e.includes('position 7') && e.includes('must be a digit'))).toBe(true);
  });
  it('a GB 11714 mismatch at position 17 is a warning, not an error', () => {
    // 914403001922038216 with position 17 changed 1 → 2: Σ = 831 + 28×(2 − 1) = 859 = 31×27 + 22 → 9.
    const r = validateUscc('914403001922038229').value;
    expect(r.valid).toBe(true);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('position 17');
    expect(r.warnings[0]).toContain('"1"');
  });
  it('an unlisted registration authority is a warning', () => {
    // B1440300MA5FA3213?: Σ = 1550 − 9×1 + 11×1 = 1552 = 31×50 + 2; 31 − 2 = 29 → X.
    const r = validateUscc('B1440300MA5FA3213X').value;
    expect(r.valid).toBe(true);
    expect(r.parts?.authorityName).toBeNull();
    expect(r.warnings.some((w) => w.includes('position 1'))).toBe(true);
  });
});

describe('parseUscc', () => {
  it('returns the parts of a valid code', () => {
    expect(parseUscc('91350100M000100Y43').parts.division).toBe('350100');
  });
  it('throws VALIDATION on field creditCode with the reason', () => {
    try {
      parseUscc('91350100M000100Y4Z');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CpError);
      if (!(e instanceof CpError)) return;
      expect(e.code).toBe('VALIDATION');
      expect(e.field).toBe('creditCode');
      expect(e.message).toContain('position 18');
    }
  });
});

describe('usccFromJson', () => {
  it('{ code } and { codes }', () => {
    expect(usccFromJson({ code: '91350100M000100Y43' }).value.validCount).toBe(1);
    const r = usccFromJson({ codes: ['91350100M000100Y43', '91350100M000100Y4Z', 'x'] });
    expect(r.value.validCount).toBe(1);
    expect(r.value.invalidCount).toBe(2);
    expect(r.breakdown.steps).toHaveLength(3);
  });
  it('bad JSON is a VALIDATION error', () => {
    expect(() => usccFromJson({ code: 42 })).toThrow(CpError);
    expect(() => usccFromJson({ codes: [] })).toThrow(CpError);
    expect(() => usccFromJson(null)).toThrow(CpError);
  });
});

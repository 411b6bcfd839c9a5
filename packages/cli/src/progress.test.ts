import { describe, expect, it } from 'vitest';
import { bar, createProgress } from './progress.ts';

describe('progress bar', () => {
  it('draws the fraction done, clamped to 0–100 %', () => {
    expect(bar(0.5, 10)).toBe('[█████░░░░░]  50 %');
    expect(bar(2, 4)).toBe('[████] 100 %');
    expect(bar(Number.NaN, 4)).toBe('[░░░░]   0 %');
  });
  it('writes one line per tenth when not on a terminal', () => {
    const out: string[] = [];
    const p = createProgress({ write: (s) => out.push(s), tty: false, width: 10 });
    for (let i = 0; i <= 100; i++) p.update(i, 100, 'rows');
    p.finish();
    expect(out).toHaveLength(11);
    expect(out[10]).toBe('[██████████] 100 %  rows\n');
  });
  it('redraws in place on a terminal and ends with a newline', () => {
    const out: string[] = [];
    const p = createProgress({ write: (s) => out.push(s), tty: true, width: 4 });
    p.update(1, 4, 'a');
    p.finish('done');
    expect(out[0]).toBe('\r\x1b[2K[█░░░]  25 %  a');
    expect(out[1]).toBe('\r\x1b[2K[████] 100 %  done\n');
  });
});

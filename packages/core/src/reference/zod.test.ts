import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CpError } from '../errors.ts';
import { parseInput } from './zod.ts';

function refusal(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

describe('parseInput', () => {
  const schema = z.strictObject({ plant: z.strictObject({ output_t: z.number().nonnegative() }) });

  it('names the field at fault', () => {
    const e = refusal(() => parseInput(schema, { plant: { output_t: -1 } }, 'plant input'));
    expect([e.code, e.field]).toEqual(['VALIDATION', 'plant.output_t']);
    expect(e.message).toMatch(/^invalid plant input: plant\.output_t: /);
  });

  it('names each unknown field, not its object', () => {
    const e = refusal(() => parseInput(schema, { plant: { output_t: 1, outptu_t: 2, extra: 3 } }));
    expect(e.field).toBe('plant.outptu_t');
    expect(e.issues).toEqual([
      { field: 'plant.outptu_t', message: 'unknown field "outptu_t"' },
      { field: 'plant.extra', message: 'unknown field "extra"' },
    ]);
  });
});

/**
 * Bad input to every calculation (`POST /api/calc/:name`, the same code as `cpaudit calc <name>`), generated with
 * fast-check: the calculation's own example with one field replaced by something malformed (wrong type, negative
 * or huge numbers, NaN-like strings, wrong units, oversized strings, deep nesting, unknown fields), plus wholly
 * arbitrary JSON. Every answer must be a coded client error (4xx with `error.code`, and a `field` when one field is
 * at fault), or a 200 when the mutation happened to be valid — never a server error.
 */
import { CALCULATIONS } from '@cpaudit/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let client: Client;

beforeAll(async () => {
  world = await createWorld();
  client = await world.as('entA');
}, 120_000);

afterAll(async () => {
  await world?.close();
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Dotted paths of every value inside `v`. */
function pathsOf(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) out.push(...pathsOf(x, [...prefix, i]));
  } else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...prefix, k]));
  return out;
}

function replaceAt(v: Json, path: (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? replaceAt(x, rest, value) : x));
  if (v !== null && typeof v === 'object' && typeof head === 'string')
    return { ...v, [head]: replaceAt(v[head] as Json, rest, value) };
  return v;
}

function deep(depth: number): Json {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = { a: [v] };
  return v;
}

/** The malformed values a field may receive. */
const malformed: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    '',
    'NaN',
    'Infinity',
    '-1',
    [],
    {},
    -1,
    -1e308,
    1e308,
    0,
    'kWh',
    't/a',
    '万元',
    'furlong/fortnight',
    '91320100MA1MXXXX0X',
  ),
  fc.double({ noNaN: true }),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.constant('长'.repeat(20_000)),
  fc.integer({ min: 20, max: 200 }).map(deep),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** Checks the answer; true when it is a client error naming the field at fault. */
function check(res: { statusCode: number; body: string }, what: string): boolean {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode < 400) return false;
  const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown; field?: unknown } };
  expect(typeof body.error?.code, what).toBe('string');
  expect(typeof body.error?.message, what).toBe('string');
  return typeof body.error?.field === 'string' && body.error.field !== '';
}

describe('bad input to every calculation', () => {
  it.each(CALCULATIONS.map((c) => [c.name, c] as const))(
    '%s: 300 mutations of its example and 100 arbitrary bodies, never a 5xx',
    async (name, calc) => {
      const example = calc.example as Json;
      const paths = pathsOf(example).filter((p) => p.length > 0);
      const mutation = fc.record({
        path: fc.constantFrom(...paths),
        value: malformed,
        extra: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), malformed)),
      });
      let clientErrors = 0;
      let named = 0;
      await fc.assert(
        fc.asyncProperty(mutation, async ({ path, value, extra }) => {
          let body = replaceAt(example, path, value);
          if (extra && body !== null && typeof body === 'object' && !Array.isArray(body))
            body = { ...body, [`x_${extra[0]}`]: extra[1] };
          const res = await client.post(`/api/calc/${name}`, body);
          if (check(res, `${name} ${path.join('.')} = ${JSON.stringify(value).slice(0, 80)}`)) named++;
          if (res.statusCode >= 400) clientErrors++;
        }),
        { numRuns: 300, seed: 20_251_124 },
      );
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (body) => {
          const res = await client.post(`/api/calc/${name}`, body);
          check(res, `${name} arbitrary ${JSON.stringify(body).slice(0, 80)}`);
        }),
        { numRuns: 100, seed: 20_251_124 },
      );
      // Most mutations are refused (the generator does produce bad input), and nearly every refusal names the
      // field at fault.
      expect(clientErrors).toBeGreaterThan(100);
      expect(named / clientErrors, `${named} of ${clientErrors} refusals name a field`).toBeGreaterThan(0.9);
    },
    120_000,
  );
});

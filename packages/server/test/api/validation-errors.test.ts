/**
 * The one error format for request validation: every problem names its field, unknown fields included, and the
 * request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;

beforeAll(async () => {
  world = await createWorld();
  admin = await world.as('admin');
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('request validation', () => {
  it('names each unknown field of a body, and writes nothing', async () => {
    const before = (await admin.get('/api/regions?limit=500')).json();
    const res = await admin.post('/api/regions', { code: '110000', name: '北京市', spare: 1, typo_nam: 'x' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { field: 'body.spare', message: 'unknown field "spare"' },
        { field: 'body.typo_nam', message: 'unknown field "typo_nam"' },
      ]),
    );
    expect(error.field).toMatch(/^body\./);
    expect((await admin.get('/api/regions?limit=500')).json()).toEqual(before);
  });

  it('names a nested field of the wrong type', async () => {
    const res = await admin.post('/api/calc/economics', { investment_wanYuan: 'much' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBeTypeOf('string');
  });
});

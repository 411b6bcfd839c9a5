/**
 * Reference data and calculations over HTTP: grid emission factors and standard-coal coefficients with their
 * sources, the calculation registry and `POST /api/calc/:name` (result and breakdown; bad input names the field).
 */
import { CALCULATIONS } from '@cpaudit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let entB: Client;
let expert: Client;

beforeAll(async () => {
  world = await createWorld();
  [entB, expert] = await Promise.all([world.as('entB'), world.as('expert')]);
});
afterAll(async () => {
  await world?.close();
});

async function anonymous(method: 'GET' | 'POST', url: string) {
  return world.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
}

describe('grid emission factors', () => {
  it('filters by region (any spelling) and year, each factor with its source', async () => {
    const res = await entB.get('/api/reference/grid-factors?region=广东省&year=2022&series=mee-nbs-average');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.defaultSeries).toBe('mee-nbs-average');
    expect(body.series.map((s: { id: string }) => s.id)).toContain('cdm-om');
    // MEE/NBS 2022 provincial average, 广东 0.4403 tCO2/MWh (facts §2.1, cross-checked table).
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      region: '广东',
      dataYear: 2022,
      scope: 'province',
      value_tCO2PerMWh: 0.4403,
      source: { status: 'verified-cross-checked' },
    });
    // The 2022 national average 0.5366 (facts §2.1, page).
    const national = (
      await entB.get('/api/reference/grid-factors?scope=national&year=2022&series=mee-nbs-average')
    ).json();
    expect(national.items.map((f: { value_tCO2PerMWh: number }) => f.value_tCO2PerMWh)).toEqual([0.5366]);
    expect((await entB.get('/api/reference/grid-factors?year=1999')).statusCode).toBe(400);
    expect((await anonymous('GET', '/api/reference/grid-factors')).statusCode).toBe(401);
  });
});

describe('standard-coal coefficients', () => {
  it('lists carriers and coefficient rows with ranges and sources', async () => {
    const res = await entB.get('/api/reference/standard-coal?carrier=天然气');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.carriers).toHaveLength(1);
    expect(body.carriers[0]).toMatchObject({
      id: 'natural-gas',
      defaultCoefficientId: 'gbt2589-2020-gd.natural-gas',
    });
    // Guangdong form note 13 (GB/T 2589-2020): 1.1000–1.3300 kgce/m3; statistics table 12.143 tce/万m3.
    const gd = body.coefficients.find((c: { id: string }) => c.id === 'gbt2589-2020-gd.natural-gas');
    expect(gd.coefficient).toMatchObject({ min: 1.1, max: 1.33, unit: 'kgce/m3' });
    expect(gd.source.status).toBe('seed');
    const nbs = body.coefficients.find((c: { id: string }) => c.id === 'nbs.natural-gas');
    expect(nbs.coefficient).toMatchObject({ default: 12.143, unit: 'tce/万m3' });

    const all = (await entB.get('/api/reference/standard-coal')).json();
    // Electricity 当量值 0.1229 kgce/kWh (GB/T 2589, facts §1.2).
    const elec = all.coefficients.find((c: { id: string }) => c.id === 'gbt2589-2008.electricity');
    expect(elec.coefficient.default).toBe(0.1229);
    const unknown = await entB.get('/api/reference/standard-coal?carrier=moonshine');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'carrier' });
  });
});

describe('calculations', () => {
  it('lists every calculation of the core with its example', async () => {
    const res = await expert.get('/api/calc');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { name: string }) => c.name)).toEqual(CALCULATIONS.map((c) => c.name));
  });

  it('runs a calculation: 10 000 kWh × 0.1229 kgce/kWh = 1 229 kgce = 1.229 tce', async () => {
    const res = await entB.post('/api/calc/energy', {
      items: [{ carrier: 'electricity', quantity: { value: 10000, unit: 'kWh' } }],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.name).toBe('energy');
    expect(body.result.total_tce).toBeCloseTo(1.229, 12);
    expect(body.breakdown.label).toBeTruthy();
    expect(JSON.stringify(body.breakdown)).toContain('0.1229');
  });

  it('runs every example of the registry', async () => {
    for (const c of CALCULATIONS) {
      const res = await expert.post(`/api/calc/${c.name}`, c.example);
      expect(res.statusCode, `${c.name}: ${res.body.slice(0, 300)}`).toBe(200);
    }
  });

  it('answers bad input with the core’s error naming the field, an unknown name with 404', async () => {
    const neg = await entB.post('/api/calc/energy', {
      items: [{ carrier: 'electricity', quantity: { value: -1, unit: 'kWh' } }],
    });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error).toMatchObject({ code: 'NEGATIVE_QUANTITY', field: 'items.0.quantity.value' });
    const unit = await entB.post('/api/calc/energy', {
      items: [{ carrier: 'electricity', quantity: { value: 1, unit: 't' } }],
    });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error).toMatchObject({ code: 'UNIT', field: 'items.0.quantity.unit' });
    const missing = await entB.post('/api/calc/energy', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION');
    const unknown = await entB.post('/api/calc/alchemy', {});
    expect(unknown.statusCode).toBe(404);
    expect((await anonymous('POST', '/api/calc/energy')).statusCode).toBe(401);
  });

  it('documents the domain in the OpenAPI document', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/annual/items',
        '/api/annual/enterprises/{enterpriseId}/years/{year}',
        '/api/indicator-systems/{id}/benchmark',
        '/api/evaluations',
        '/api/reference/grid-factors',
        '/api/calc/{name}',
      ]),
    );
  });
});

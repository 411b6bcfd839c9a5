/**
 * Benchmarking of one indicator across an industry over HTTP, as a page: the distribution over all peers (checked
 * against one computed by hand), counts per level, ranks, the caller's positions, the page (total, boundaries,
 * sorts, level filter, bad limit), the audit filter, the scopes (a bureau its jurisdiction, an enterprise its
 * submitted peers anonymised) and the read cache keyed by the page.
 *
 * Seed: the shipped electroplating system (表1 row 5, 单位产品每次清洗取水量 ≤ 8 / 24 / 40 L/m², smaller is better)
 * and nine enterprises of 南京 (3360) with 2023 values, submitted unless said:
 *   T01 5 (Ⅰ), T02 12 (Ⅱ), T03 12 (Ⅱ), T04 24 (Ⅱ), T05 30 (Ⅲ), T06 38 (Ⅲ), T07 45 (below Ⅲ), T08 60 (below Ⅲ,
 *   draft), T09 not applicable; 广州 G1 20 (Ⅱ); the world's 甲 30 (Ⅲ, draft).
 * 南京's bureau sees 甲 and T01–T09 (drafts too): values 5 12 12 24 30 30 38 45 60 (n = 9) and one not applicable.
 * By hand: min 5, max 60, mean 256 / 9; quantiles (Hyndman & Fan 7, h = 8p): p10 = 5 + 0.8·7 = 10.6, p25 = x₂ = 12,
 * p50 = x₄ = 30, p75 = x₆ = 38, p90 = 45 + 0.2·15 = 48; bins of width 5.5 from 5: 5 → 0, 12 12 → 1, 24 → 3,
 * 30 30 → 4, 38 → 6, 45 → 7, 60 → 9; ranks 1 2 2 4 5 5 7 8 9, not applicable unranked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEnterprises, enterprises } from '../../src/db/index.ts';
import { readCacheStats } from '../../src/services/read-cache.ts';
import { type Client, createNanjingPlatingAudit, createWorld, uscc, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;
let entA: Client;
let nanjing: Client;
let guangdong: Client;
let systemId = '';
let auditId = '';
const ids: Record<string, string> = {};

const ITEM = 'indicator.electroplating_2015_table1.rinse_water_per_area';
const BASICS = [
  { itemCode: 'economy.gross_output', quantity: 800 },
  { itemCode: 'economy.value_added', quantity: 200 },
  { itemCode: 'product.parts', name: '镀镍件', quantity: 20000, unit: 'm2' },
];
const yearUrl = (enterpriseId: string) => `/api/annual/enterprises/${enterpriseId}/years/2023`;
const url = (query = '') =>
  `/api/indicator-systems/${systemId}/benchmark?indicator=rinse-water-per-area&year=2023${query}`;

type Entry = {
  enterpriseId: string | null;
  label: string;
  own: boolean;
  value: number | null;
  level: string;
  rank: number | null;
};
const values = (entries: Entry[]) => entries.map((e) => e.value);

beforeAll(async () => {
  world = await createWorld();
  [admin, entA, nanjing, guangdong] = await Promise.all([
    world.as('admin'),
    world.as('entA'),
    world.as('nanjing'),
    world.as('guangdong'),
  ]);
  const seed: [string, string, number | 'n/a', boolean][] = [
    ['T01', '320102', 5, true],
    ['T02', '320102', 12, true],
    ['T03', '320104', 12, true],
    ['T04', '320102', 24, true],
    ['T05', '320104', 30, true],
    ['T06', '320102', 38, true],
    ['T07', '320102', 45, true],
    ['T08', '320102', 60, false],
    ['T09', '320102', 'n/a', true],
    ['G1', '440106', 20, true],
  ];
  const rows = await world.database.db
    .insert(enterprises)
    .values(
      seed.map(([code, regionCode], i) => ({
        uscc: uscc(`91320102MA1T000${String(i).padStart(2, '0')}`),
        name: code === 'G1' ? '广州测试电镀有限公司' : `南京测试企业${code.slice(1)}`,
        regionCode,
        industryCode: '3360',
        industryName: '金属表面处理及热处理加工',
      })),
    )
    .returning({ id: enterprises.id });
  seed.forEach(([code], i) => {
    ids[code] = rows[i]?.id ?? '';
  });
  systemId = (await admin.get('/api/indicator-systems')).json().items[0].id;
  for (const [code, , value, submit] of seed) {
    const id = ids[code] ?? '';
    const item =
      value === 'n/a'
        ? { itemCode: ITEM, notApplicable: true }
        : { itemCode: ITEM, quantity: value, unit: 'L/m2' };
    // What a submission needs besides the indicator: the economy and a product line.
    const saved = await admin.put(yearUrl(id), { version: 0, values: [...BASICS, item] });
    expect(saved.statusCode, saved.body).toBe(200);
    if (submit) {
      const sent = await admin.post(`${yearUrl(id)}/submit`, { version: 1 });
      expect(sent.statusCode, sent.body).toBe(200);
    }
  }
  const own = await entA.put(yearUrl(world.ids.entA), {
    version: 0,
    values: [{ itemCode: ITEM, quantity: 30, unit: 'L/m2' }],
  });
  expect(own.statusCode, own.body).toBe(200);
  auditId = await createNanjingPlatingAudit(world);
  await world.database.db.insert(auditEnterprises).values([
    { auditId, enterpriseId: ids.T01 ?? '', status: 'selected' },
    { auditId, enterpriseId: ids.T05 ?? '', status: 'candidate' },
    { auditId, enterpriseId: ids.T07 ?? '', status: 'selected' },
    { auditId, enterpriseId: ids.T02 ?? '', status: 'excluded' },
  ]);
});
afterAll(async () => {
  await world?.close();
});

describe('benchmarking as a summary and a page', () => {
  it('summarises all peers of the jurisdiction as computed by hand, whatever the page', async () => {
    const res = await nanjing.get(url('&limit=2'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(10);
    expect(body.entries).toHaveLength(2);
    expect(body.counts).toEqual({ I: 1, II: 3, III: 3, none: 2, notApplicable: 1 });
    const s = body.summary;
    expect(s).toMatchObject({ peers: 10, ranked: 9, values: 9, min: 5, max: 60 });
    expect(s.mean).toBeCloseTo(256 / 9, 12);
    expect(s.quantiles.p10).toBeCloseTo(10.6, 12);
    expect(s.quantiles.p25).toBe(12);
    expect(s.quantiles.p50).toBe(30);
    expect(s.quantiles.p75).toBe(38);
    expect(s.quantiles.p90).toBeCloseTo(48, 12);
    expect(s.histogram.map((b: { count: number }) => b.count)).toEqual([1, 2, 0, 1, 2, 0, 1, 1, 0, 1]);
    expect(s.histogram[1]).toEqual({ from: 10.5, to: 16, count: 2 });
    // A supervisor has no own enterprise: a position only when asked for one of its enterprises.
    expect(body.positions).toEqual([]);
    const asked = (await nanjing.get(url(`&limit=1&enterpriseId=${ids.T05}`))).json();
    expect(asked.positions).toMatchObject([{ label: '南京测试企业05', value: 30, level: 'III', rank: 5 }]);
    // Outside the jurisdiction: no position (and nothing about it).
    expect((await nanjing.get(url(`&enterpriseId=${ids.G1}`))).json().positions).toEqual([]);
  });

  it('pages through the list best first with shared ranks; the unranked last', async () => {
    const pages = await Promise.all(
      [0, 3, 6, 9, 10].map(async (offset) => (await nanjing.get(url(`&limit=3&offset=${offset}`))).json()),
    );
    expect(pages.map((p) => values(p.entries))).toEqual([
      [5, 12, 12],
      [24, 30, 30],
      [38, 45, 60],
      [null],
      [],
    ]);
    expect(pages.map((p) => p.total)).toEqual([10, 10, 10, 10, 10]);
    const all = pages.flatMap((p) => p.entries as Entry[]);
    expect(all.map((e) => e.rank)).toEqual([1, 2, 2, 4, 5, 5, 7, 8, 9, null]);
    expect(all[9]).toMatchObject({ label: '南京测试企业09', level: 'not-applicable', value: null });
    expect(all.every((e) => e.enterpriseId !== null && !e.own)).toBe(true);
    // The default page is 50 entries: the whole list here.
    expect((await nanjing.get(url())).json().entries).toHaveLength(10);
  });

  it('sorts by value, rank and name either way, and filters a level (the summary stays over all)', async () => {
    const get = async (q: string) => (await nanjing.get(url(q))).json();
    expect(values((await get('&sort=value&order=desc&limit=4')).entries)).toEqual([60, 45, 38, 30]);
    expect(values((await get('&sort=value&order=asc&offset=7')).entries)).toEqual([45, 60, null]);
    expect(values((await get('&sort=value&order=desc&offset=8')).entries)).toEqual([5, null]);
    expect(values((await get('&sort=rank&order=desc&limit=2')).entries)).toEqual([60, 45]);
    expect(values((await get('&sort=rank&order=desc&offset=9')).entries)).toEqual([null]);
    const byName = (await get('&sort=name')).entries.map((e: Entry) => e.label);
    expect(byName.slice(0, 3)).toEqual(['南京测试企业01', '南京测试企业02', '南京测试企业03']);
    expect(byName.at(-1)).toBe('南京甲电镀有限公司');
    expect((await get('&sort=name&order=desc')).entries[0].label).toBe('南京甲电镀有限公司');
    const second = await get('&level=II');
    expect(second.total).toBe(3);
    expect(values(second.entries)).toEqual([12, 12, 24]);
    expect(second.summary.peers).toBe(10);
    expect(second.counts.I).toBe(1);
  });

  it('refuses a bad page, naming the field', async () => {
    for (const [q, field] of [
      ['&limit=0', 'querystring.limit'],
      ['&limit=501', 'querystring.limit'],
      ['&limit=abc', 'querystring.limit'],
      ['&offset=-1', 'querystring.offset'],
      ['&sort=size', 'querystring.sort'],
      ['&order=up', 'querystring.order'],
      ['&level=IV', 'querystring.level'],
    ]) {
      const res = await nanjing.get(url(q));
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error, q).toMatchObject({ code: 'VALIDATION', field });
    }
    expect((await nanjing.get(url('&limit=500'))).statusCode).toBe(200);
  });

  it('keeps the scopes: a bureau its jurisdiction, an enterprise its submitted peers anonymised', async () => {
    const gd = (await guangdong.get(url())).json();
    expect(gd.entries.map((e: Entry) => [e.label, e.value, e.rank])).toEqual([
      ['广州测试电镀有限公司', 20, 1],
    ]);
    expect(gd.summary).toMatchObject({
      peers: 1,
      values: 1,
      min: 20,
      max: 20,
      histogram: [{ from: 20, to: 20, count: 1 }],
    });
    expect((await admin.get(url())).json().total).toBe(11);

    const res = await entA.get(url('&limit=4'));
    const body = res.json();
    expect(body.anonymised).toBe(true);
    // T08's draft is not compared; 广州 G1 is a peer of the industry. 5 12 12 20 24 30 30 38 45 and one n/a.
    expect(body.total).toBe(10);
    expect(body.summary).toMatchObject({ peers: 10, ranked: 9, values: 9, min: 5, max: 45 });
    expect(body.entries.map((e: Entry) => [e.label, e.value, e.rank])).toEqual([
      ['同行企业 1', 5, 1],
      ['同行企业 2', 12, 2],
      ['同行企业 3', 12, 2],
      ['同行企业 4', 20, 4],
    ]);
    // 甲's own position whatever the page: tied with T05 at 30.
    expect(body.positions).toEqual([
      {
        enterpriseId: world.ids.entA,
        label: '南京甲电镀有限公司',
        own: true,
        value: 30,
        level: 'III',
        dataStatus: 'draft',
        rank: 6,
      },
    ]);
    // Labels are numbered over the whole list: the next page goes on from 同行企业 5.
    const next = (await entA.get(url('&limit=4&offset=4'))).json();
    // (甲 and T05 tie at 30: their order is fixed by the enterprise id, here unknown to the test.)
    const labels = next.entries.map((e: Entry) => e.label);
    expect(labels.filter((l: string) => l !== '南京甲电镀有限公司')).toEqual([
      '同行企业 5',
      '同行企业 6',
      '同行企业 7',
    ]);
    expect(labels.slice(1, 3)).toContain('南京甲电镀有限公司');
    const json = JSON.stringify([body, next, (await entA.get(url('&sort=name&limit=500'))).json()]);
    for (const [code, id] of Object.entries(ids)) {
      expect(json, code).not.toContain(id);
    }
    expect(json).not.toContain('南京测试');
    expect(json).not.toContain('广州测试');
    // An enterprise cannot ask for another's position.
    expect((await entA.get(url(`&enterpriseId=${ids.T01}`))).json().positions).toHaveLength(1);
  });

  it('restricts to an audit’s enterprises (not the excluded) the caller can see', async () => {
    const body = (await nanjing.get(url(`&auditId=${auditId}`))).json();
    expect(values(body.entries)).toEqual([5, 30, 45]);
    expect(body.summary).toMatchObject({ peers: 3, min: 5, max: 45, mean: 80 / 3 });
    for (const who of [guangdong, entA]) {
      const res = await who.get(url(`&auditId=${auditId}`));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('answers each page from the read cache under its own key', async () => {
    const before = { ...readCacheStats };
    const a = (await nanjing.get(url('&limit=2&offset=1'))).json();
    const b = (await nanjing.get(url('&limit=2&offset=2'))).json();
    const a2 = (await nanjing.get(url('&limit=2&offset=1'))).json();
    expect(values(a.entries)).toEqual([12, 12]);
    expect(values(b.entries)).toEqual([12, 24]);
    expect(a2).toEqual(a);
    // Two pages computed, each cut from the whole list computed by the earlier requests (reused twice); the
    // first page asked again reused as it was answered.
    expect(readCacheStats.computed - before.computed).toBe(2);
    expect(readCacheStats.reused - before.reused).toBe(3);
    // A write is seen by the next request: 甲 at 4 L/m² is now first.
    const put = await entA.put(yearUrl(world.ids.entA), {
      version: 1,
      values: [{ itemCode: ITEM, quantity: 4, unit: 'L/m2' }],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(values((await nanjing.get(url('&limit=2&offset=1'))).json().entries)).toEqual([5, 12]);
  });
});

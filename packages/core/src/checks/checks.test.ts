import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import {
  checksFromJson,
  type DataCheckFinding,
  type DataChecksInput,
  type EnterpriseData,
  runDataChecks,
} from './checks.ts';

function cpError(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

const ITEMS: DataChecksInput['items'] = [
  { code: 'electricity', name: '电力消耗量', unit: '万kWh' },
  { code: 'water', name: '新鲜水用量', unit: 'm3' },
  { code: 'cod.generated', name: 'COD产生量', unit: 't' },
  { code: 'cod.emitted', name: 'COD排放量', unit: 't' },
];

const t = (quantity: number, unit = 't') => ({ quantity, unit });

/** One 2023 record with output 1000 t. */
function ent(
  id: string,
  electricity: number,
  water: number,
  extra: Record<string, { quantity: number; unit: string }> = {},
): EnterpriseData {
  return {
    enterpriseId: id,
    name: `企业${id}`,
    years: [
      {
        year: 2023,
        output: t(1000),
        values: {
          electricity: { quantity: electricity, unit: '万kWh' },
          water: { quantity: water, unit: 'm3' },
          ...extra,
        },
      },
    ],
  };
}

/**
 * Six peers in 2023, output 1000 t each:
 * - water intensities 1.0, 1.1, 1.2, 1.3, 1.4, 5.0 m3/t;
 * - electricity intensities 0.1 × 5 and 0.3 万kWh/t (MAD = 0);
 * - E1 also reports COD generated 10.1 t and emitted 12.5 t, and a 2022 record.
 */
function peers(): DataChecksInput {
  const e1 = ent('E1', 100, 1000, { 'cod.generated': t(10.1), 'cod.emitted': t(12.5) });
  e1.years.unshift({
    year: 2022,
    output: t(1000),
    values: { electricity: { quantity: 40, unit: '万kWh' }, water: { quantity: 1000, unit: 'm3' } },
  });
  return {
    enterprises: [
      e1,
      ent('E2', 100, 1100),
      ent('E3', 100, 1200),
      ent('E4', 100, 1300),
      ent('E5', 100, 1400),
      ent('E6', 300, 5000),
    ],
    required: ['electricity', 'water'],
    pairs: [{ generated: 'cod.generated', emitted: 'cod.emitted', name: 'COD' }],
    items: ITEMS,
  };
}

function only(findings: DataCheckFinding[], rule: DataCheckFinding['rule']): DataCheckFinding[] {
  return findings.filter((f) => f.rule === rule);
}

describe('logical checks on the peer data set', () => {
  const r = runDataChecks(peers()).value;

  it('emitted > generated, with the message of the brief', () => {
    expect(only(r.findings, 'emitted-exceeds-generated')).toEqual([
      {
        severity: 'error',
        rule: 'emitted-exceeds-generated',
        enterpriseId: 'E1',
        year: 2023,
        item: 'cod.emitted',
        message: '2023年COD排放量(12.5 t)高于产生量(10.1 t)，排放量不应大于产生量',
        evidence: { emitted: 12.5, emittedUnit: 't', generated: 10.1, generatedUnit: 't' },
      },
    ]);
  });

  it('peer outlier by the modified z-score', () => {
    // Water: median (1.2 + 1.3)/2 = 1.25; |x − 1.25| = .25 .15 .05 .05 .15 3.75 → MAD (0.15 + 0.15)/2 = 0.15.
    // E6: M = (5 − 1.25) / (1.4826 · 0.15) = 3.75 / 0.22239 = 16.862 > 3.5. E1: M = −0.25/0.22239 = −1.12.
    const out = only(r.findings, 'peer-outlier');
    expect(out).toHaveLength(1);
    expect(out[0]?.enterpriseId).toBe('E6');
    expect(out[0]?.item).toBe('water');
    expect(out[0]?.message).toBe(
      '2023年单位产品新鲜水用量(5 m3/t)明显高于同行（6家中位数 1.25 m3/t，修正Z分数 16.86，|M| > 3.5），请核实数据或说明原因',
    );
    expect(out[0]?.evidence.modifiedZ).toBeCloseTo(3.75 / (1.4826 * 0.15), 9);
    expect(out[0]?.evidence.mad).toBeCloseTo(0.15, 12);
  });

  it('MAD = 0: the differing enterprise is reported as not assessed, the others are silent', () => {
    const na = only(r.findings, 'peer-outlier-not-assessed').filter(
      (f) => f.item === 'electricity' && f.year === 2023,
    );
    expect(na.map((f) => f.enterpriseId)).toEqual(['E6']);
    expect(na[0]?.message).toContain('MAD = 0');
  });

  it('fewer than 5 peers: not assessed (COD reported by E1 alone; 2022 only E1)', () => {
    const na = only(r.findings, 'peer-outlier-not-assessed').filter((f) => f.enterpriseId === 'E1');
    expect(na.map((f) => `${f.year} ${f.item}`)).toEqual([
      '2022 electricity',
      '2022 water',
      '2023 cod.emitted',
      '2023 cod.generated',
    ]);
    expect(na[0]?.message).toBe(
      '2022年单位产品电力消耗量：可比同行仅1家（含本企业，少于5家），未进行同行离群评估',
    );
  });

  it('year-on-year jump of the quantity and of the intensity (×2.5)', () => {
    // E1 electricity 40 → 100 万kWh with the same output: 2.5 > 2 for both.
    expect(only(r.findings, 'yoy-jump-quantity').map((f) => f.message)).toEqual([
      '2023年电力消耗量(100 万kWh)为2022年(40 万kWh)的2.5倍，超过2倍的年际波动阈值，请核实',
    ]);
    expect(only(r.findings, 'yoy-jump-intensity').map((f) => f.message)).toEqual([
      '2023年单位产品电力消耗量(0.1 万kWh/t)为2022年(0.04 万kWh/t)的2.5倍，超过2倍的年际波动阈值，请核实',
    ]);
  });

  it('no missing data, no unit problem', () => {
    expect(only(r.findings, 'missing-required')).toEqual([]);
    expect(only(r.findings, 'unit')).toEqual([]);
    expect(r.summary).toEqual({ enterprises: 6, yearRecords: 7, errors: 1, warnings: 3, infos: 5 });
  });

  it('findings are sorted by enterprise, year, rule', () => {
    const keys = r.findings.map((f) => `${f.enterpriseId}|${f.year ?? ''}|${f.rule}`);
    expect(keys).toEqual([
      'E1|2022|peer-outlier-not-assessed',
      'E1|2022|peer-outlier-not-assessed',
      'E1|2023|emitted-exceeds-generated',
      'E1|2023|yoy-jump-quantity',
      'E1|2023|yoy-jump-intensity',
      'E1|2023|peer-outlier-not-assessed',
      'E1|2023|peer-outlier-not-assessed',
      'E6|2023|peer-outlier',
      'E6|2023|peer-outlier-not-assessed',
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const input = peers();
    const shuffled = { ...input, enterprises: [...input.enterprises].reverse() };
    expect(runDataChecks(shuffled).value).toEqual(r);
  });

  it('the threshold is configurable (20 > 16.86: no outlier)', () => {
    expect(only(runDataChecks(peers(), { outlierThreshold: 20 }).value.findings, 'peer-outlier')).toEqual([]);
  });

  it('peer groups are compared separately', () => {
    const input = peers();
    const grouped = {
      ...input,
      enterprises: input.enterprises.map((e) => (e.enterpriseId === 'E6' ? { ...e, peerGroup: '硬铬' } : e)),
    };
    const f = runDataChecks(grouped).value.findings;
    expect(only(f, 'peer-outlier')).toEqual([]);
    expect(
      only(f, 'peer-outlier-not-assessed').some((x) => x.enterpriseId === 'E6' && x.item === 'water'),
    ).toBe(true);
  });

  it('the breakdown cites the guideline and the Iglewicz–Hoaglin constants', () => {
    const b = runDataChecks(peers()).breakdown;
    expect(b.clause?.clause).toMatch(/^7\.2\.1\.2/);
    expect(b.factors.map((x) => [x.id, x.value])).toEqual([
      ['checks.mad-scale', 1.4826],
      ['checks.modified-z-threshold', 3.5],
      ['checks.min-peers', 5],
      ['checks.jump-factor', 2],
    ]);
    expect(b.factors[0]?.source.status).toBe('verified-page');
  });
});

describe('pairs across units', () => {
  function pair(generated: { quantity: number; unit: string }, emitted: { quantity: number; unit: string }) {
    return runDataChecks({
      enterprises: [ent('A', 1, 1, { 'cod.generated': generated, 'cod.emitted': emitted })],
      pairs: [{ generated: 'cod.generated', emitted: 'cod.emitted', name: 'COD' }],
    }).value.findings.filter((f) => f.rule === 'emitted-exceeds-generated');
  }
  it('10 100 kg emitted = 10.1 t generated is not flagged; 10 200 kg is', () => {
    expect(pair(t(10.1), t(10100, 'kg'))).toEqual([]);
    expect(pair(t(10.1), t(10200, 'kg'))[0]?.message).toBe(
      '2023年COD排放量(10200 kg)高于产生量(10.1 t)，排放量不应大于产生量',
    );
  });
  it('annual units t/a count as t', () => {
    expect(pair(t(10, 't/a'), t(9, 't'))).toEqual([]);
  });
  it('without a pollutant name the catalogue names are used', () => {
    const f = runDataChecks({
      enterprises: [ent('A', 1, 1, { 'cod.generated': t(1), 'cod.emitted': t(2) })],
      pairs: [{ generated: 'cod.generated', emitted: 'cod.emitted' }],
      items: ITEMS,
    }).value.findings.find((x) => x.rule === 'emitted-exceeds-generated');
    expect(f?.message).toBe('2023年COD排放量(2 t)高于COD产生量(1 t)，排放量不应大于产生量');
  });
});

describe('completeness and validity', () => {
  it('missing required item and missing output, per year', () => {
    const f = runDataChecks({
      enterprises: [
        {
          enterpriseId: 'A',
          name: '甲厂',
          years: [{ year: 2023, values: { electricity: { quantity: 5, unit: '万kWh' } } }],
        },
      ],
      required: ['electricity', 'water'],
      items: ITEMS,
    }).value.findings;
    expect(only(f, 'missing-required').map((x) => [x.item, x.message])).toEqual([
      ['output', '2023年缺少主要产品产量，无法计算单位产品指标'],
      ['water', '2023年缺少必填数据“新鲜水用量”（water）'],
    ]);
  });

  it('an enterprise without any year', () => {
    const f = runDataChecks({ enterprises: [{ enterpriseId: 'A', name: '甲厂', years: [] }] }).value.findings;
    expect(f).toEqual([
      {
        severity: 'error',
        rule: 'missing-required',
        enterpriseId: 'A',
        message: '甲厂未提供任何年度数据，无法核查',
        evidence: {},
      },
    ]);
  });

  it('unit of the wrong dimension, unknown unit, negative value', () => {
    const f = runDataChecks({
      enterprises: [
        ent('A', 1, 1, {
          electricity: t(5),
          'cod.generated': { quantity: 3, unit: '度数' },
          'cod.emitted': t(-1),
        }),
      ],
      items: ITEMS,
    }).value.findings;
    expect(only(f, 'unit').map((x) => x.message)).toEqual([
      '2023年COD产生量的单位“度数”无法识别',
      '2023年电力消耗量的单位“t”为质量量纲，应为能量（如 万kWh；依据：目录单位 万kWh）',
    ]);
    expect(only(f, 'negative-value').map((x) => x.message)).toEqual([
      '2023年COD排放量为负值（-1 t），数量不应为负',
    ]);
  });

  it('without a catalogue the first occurrence fixes the dimension', () => {
    const f = runDataChecks({
      enterprises: [
        { enterpriseId: 'A', name: 'A', years: [{ year: 2023, output: t(1), values: { steam: t(10) } }] },
        {
          enterpriseId: 'B',
          name: 'B',
          years: [{ year: 2023, output: t(1), values: { steam: { quantity: 10, unit: 'GJ' } } }],
        },
      ],
    }).value.findings;
    expect(only(f, 'unit')[0]?.message).toBe(
      '2023年steam的单位“GJ”为能量量纲，应为质量（如 t；依据：A 2023年 t）',
    );
  });

  it('output ≤ 0 with non-zero consumption', () => {
    const e = ent('A', 5, 0);
    const y = e.years[0];
    if (y) y.output = t(0);
    const f = runDataChecks({ enterprises: [e], items: ITEMS }).value.findings;
    expect(only(f, 'output-nonpositive').map((x) => x.message)).toEqual([
      '2023年主要产品产量为0 t，但有1项消耗或排放数据不为0（电力消耗量 5 万kWh），产量与消耗/排放数据矛盾',
    ]);
    // All-zero consumption with zero output is consistent (a plant standing still).
    const idle = ent('B', 0, 0);
    const yi = idle.years[0];
    if (yi) yi.output = t(0);
    expect(only(runDataChecks({ enterprises: [idle] }).value.findings, 'output-nonpositive')).toEqual([]);
  });

  it('output dimension changing between years', () => {
    const f = runDataChecks({
      enterprises: [
        {
          enterpriseId: 'A',
          name: 'A',
          years: [
            { year: 2022, output: t(10), values: {} },
            { year: 2023, output: { quantity: 5000, unit: 'm2' }, values: {} },
          ],
        },
      ],
    }).value.findings;
    expect(only(f, 'unit')[0]?.message).toBe(
      '2023年主要产品产量的单位“m2”为面积量纲，与2022年（t，质量）不一致，年度间无法比较',
    );
  });
});

describe('year-on-year boundaries', () => {
  function yoy(a: number, b: number, options?: { jumpFactor: number }) {
    return runDataChecks(
      {
        enterprises: [
          {
            enterpriseId: 'A',
            name: 'A',
            years: [
              { year: 2022, output: t(100), values: { coal: t(a) } },
              { year: 2023, output: t(100), values: { coal: t(b) } },
            ],
          },
        ],
        items: [{ code: 'coal', name: '原煤消耗量', unit: 't', intensity: false }],
      },
      options,
    ).value.findings.filter((f) => f.rule === 'yoy-jump-quantity');
  }
  it('exactly ×2 and ÷2 are not beyond the factor', () => {
    expect(yoy(100, 200)).toEqual([]);
    expect(yoy(100, 50)).toEqual([]);
  });
  it('÷2.5 is flagged as a drop', () => {
    expect(yoy(100, 40).map((f) => f.message)).toEqual([
      '2023年原煤消耗量(40 t)仅为2022年(100 t)的0.4倍，降幅超过2倍的年际波动阈值，请核实',
    ]);
  });
  it('from 0, and 0 to 0', () => {
    expect(yoy(0, 5)[0]?.message).toBe('2023年原煤消耗量(5 t)，2022年为0，由0突增，请核实');
    expect(yoy(0, 0)).toEqual([]);
  });
  it('a configurable factor', () => {
    expect(yoy(100, 140, { jumpFactor: 1.3 })).toHaveLength(1);
    expect(cpError(() => yoy(100, 140, { jumpFactor: 1 })).field).toBe('jumpFactor');
  });
});

describe('balances supplied with the data', () => {
  it('a balance that does not close is a warning; one that cannot be computed is an error', () => {
    const e = ent('A', 1, 1);
    const y = e.years[0];
    if (y)
      y.balances = [
        {
          kind: 'water',
          name: '全厂水平衡',
          unit: 'm3',
          tolerance_pct: 5,
          flows: [
            { id: 'in', from: '自来水', to: '厂区', quantity: 100, category: 'input' },
            { id: 'out', from: '厂区', to: '排口', quantity: 90, category: 'discharge' },
          ],
        },
        {
          kind: 'water',
          name: '车间水平衡',
          unit: 'kWh',
          tolerance_pct: 5,
          flows: [{ id: 'in', from: '自来水', to: '车间', quantity: 1, category: 'input' }],
        },
      ];
    const f = runDataChecks({ enterprises: [e] }).value.findings;
    // (100 − 90) / 100 = 10 % > 5 %.
    expect(only(f, 'balance-not-closed').map((x) => x.message)).toEqual([
      '2023年水平衡“全厂水平衡”未闭合：输入 100 m3，输出 90 m3，闭合误差 10%，超过允许的 5%',
    ]);
    const invalid = only(f, 'balance-invalid');
    expect(invalid[0]?.message).toMatch(/^2023年水平衡“车间水平衡”无法计算：unit: unit "kWh" is energy/);
    expect(invalid[0]?.evidence.code).toBe('UNIT');
  });
});

describe('bad input and JSON', () => {
  it('duplicate enterprise id or year', () => {
    const e = ent('A', 1, 1);
    expect(cpError(() => runDataChecks({ enterprises: [e, e] })).field).toBe('enterprises.1.enterpriseId');
    const twice = { ...e, years: [...e.years, ...e.years] };
    expect(cpError(() => runDataChecks({ enterprises: [twice] })).field).toBe('enterprises.0.years.1.year');
  });
  it('an unknown catalogue unit', () => {
    const e = cpError(() =>
      runDataChecks({ enterprises: [], items: [{ code: 'x', name: 'x', unit: 'furlong' }] }),
    );
    expect(e.code).toBe('UNIT');
    expect(e.field).toBe('items.0.unit');
  });
  it('checksFromJson', () => {
    const r = checksFromJson({ ...peers(), options: { jumpFactor: 3 } });
    // 2.5 < 3: no jump any more.
    expect(only(r.value.findings, 'yoy-jump-quantity')).toEqual([]);
    expect(cpError(() => checksFromJson({ enterprises: [{ enterpriseId: 'A' }] })).field).toBe(
      'enterprises.0.name',
    );
    expect(cpError(() => checksFromJson({ enterprises: [], options: { minPeers: 1 } })).field).toBe(
      'options.minPeers',
    );
  });
});

import { type RegionNodeDto, ROLES } from '@cpaudit/contract';
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  criteriaOf,
  diffRows,
  filterRegionTree,
  firstTotalOf,
  importBodyOf,
  orgFieldOf,
  ROLE_VALUES,
  scoresOfReview,
  stageFor,
} from './logic.ts';

const node = (code: string, name: string, level: RegionNodeDto['level'], children: RegionNodeDto[] = []) => ({
  code,
  name,
  level,
  active: true,
  children,
});

// A slice of the demo's tree: 江苏省 → 常州市 → 天宁区/钟楼区, 江苏省 → 南京市 → 玄武区.
const TREE: RegionNodeDto[] = [
  node('320000', '江苏省', 'province', [
    node('320400', '常州市', 'city', [
      node('320402', '天宁区', 'county'),
      node('320404', '钟楼区', 'county'),
    ]),
    node('320100', '南京市', 'city', [node('320102', '玄武区', 'county')]),
  ]),
];

describe('filterRegionTree', () => {
  it('keeps the whole tree for an empty search', () => {
    const rows = filterRegionTree(TREE, '  ');
    expect(rows[0]?.children?.map((c) => c.name)).toEqual(['常州市', '南京市']);
    expect(rows[0]?.children?.[0]?.children).toHaveLength(2);
  });
  it('keeps a matching county with its ancestors only', () => {
    const rows = filterRegionTree(TREE, '钟楼');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.children?.map((c) => c.name)).toEqual(['常州市']);
    expect(rows[0]?.children?.[0]?.children?.map((c) => c.code)).toEqual(['320404']);
  });
  it('matches a code prefix, and a matching city keeps all its counties', () => {
    const rows = filterRegionTree(TREE, '3204');
    expect(rows[0]?.children?.map((c) => c.code)).toEqual(['320400']);
    expect(rows[0]?.children?.[0]?.children?.map((c) => c.code)).toEqual(['320402', '320404']);
  });
  it('gives nothing when nothing matches, and leaves leaves without a children list', () => {
    expect(filterRegionTree(TREE, '广东')).toEqual([]);
    const county = filterRegionTree(TREE, '玄武')[0]?.children?.[0]?.children?.[0];
    expect(county).toEqual({ code: '320102', name: '玄武区', level: 'county', active: true });
  });
});

describe('diffRows / changedFields', () => {
  // An update of a user row as the audit log stores it (cp_audit_row): display name and version changed.
  const before = { id: 'u1', display_name: '张三', version: 1, email: null, updated_at: 't1' };
  const after = { id: 'u1', display_name: '张三丰', version: 2, email: null, updated_at: 't2' };
  it('puts changed fields first, each group by name, with JSON-ish text', () => {
    expect(diffRows(before, after)).toEqual([
      { field: 'display_name', before: '张三', after: '张三丰', changed: true },
      { field: 'updated_at', before: 't1', after: 't2', changed: true },
      { field: 'version', before: '1', after: '2', changed: true },
      { field: 'email', before: 'null', after: 'null', changed: false },
      { field: 'id', before: 'u1', after: 'u1', changed: false },
    ]);
  });
  it('names the fields an update changed, without the trigger-bumped version and timestamp', () => {
    expect(changedFields(before, after)).toEqual(['display_name']);
  });
  it('counts every field of an insert as changed, and lists none for changedFields', () => {
    const rows = diffRows(null, { id: 'x', roles: ['expert'] });
    expect(rows).toEqual([
      { field: 'id', before: '', after: 'x', changed: true },
      { field: 'roles', before: '', after: '["expert"]', changed: true },
    ]);
    expect(changedFields(null, { id: 'x' })).toEqual([]);
  });
});

describe('importBodyOf', () => {
  it('wraps a bare system and unwraps an import body', () => {
    expect(importBodyOf('{"id":"s","groups":[]}')).toEqual({ system: { id: 's', groups: [] } });
    expect(importBodyOf('{"system":{"id":"s"}}')).toEqual({ system: { id: 's' } });
  });
  it('throws on text that is not JSON', () => {
    expect(() => importBodyOf('{"id": ')).toThrow(SyntaxError);
  });
});

describe('reviews', () => {
  it('asks for the stage the option is at', () => {
    expect(stageFor('proposed')).toBe('screening');
    expect(stageFor('screened')).toBe('screening');
    expect(stageFor('feasible')).toBe('feasibility');
    expect(stageFor('implementing')).toBe('feasibility');
    expect(stageFor('verified')).toBe('verification');
    expect(stageFor('implemented')).toBe('verification');
  });
  // The result of POST /api/calc/screen with the option-screening set (core scoring/criteria.ts: 9/7/7/5) and one
  // candidate scored 9/8/7/8: Σ R×W = 81 + 56 + 49 + 40 = 226.
  const result = {
    criteria: [
      { id: 'environmental-effect', name: '环境效果', weight: 9 },
      { id: 'technical-feasibility', name: '技术可行性', weight: 7 },
      { id: 'economic-feasibility', name: '经济可行性', weight: 7 },
      { id: 'implementability', name: '可实施性', weight: 5 },
      { id: 'broken', weight: 'x' },
    ],
    ranking: [{ id: 'review', rank: 1, total: 226 }],
  };
  it('reads the criteria and the total from the core’s result, skipping malformed entries', () => {
    expect(criteriaOf(result).map((c) => c.id)).toEqual([
      'environmental-effect',
      'technical-feasibility',
      'economic-feasibility',
      'implementability',
    ]);
    expect(firstTotalOf(result)).toBe(226);
    expect(criteriaOf(null)).toEqual([]);
    expect(firstTotalOf({ ranking: [] })).toBeUndefined();
  });
  it('maps a stored review’s `R <name>` inputs back to criterion ids', () => {
    const inputs = [
      { name: 'R 环境效果', value: 9 },
      { name: 'R 可实施性', value: 8 },
      { name: 'R 未知', value: 3 },
    ];
    expect(scoresOfReview(inputs, criteriaOf(result))).toEqual({
      'environmental-effect': 9,
      implementability: 8,
    });
  });
});

describe('roles', () => {
  it('lists the contract’s roles in its order and names the organisation each needs', () => {
    expect(ROLE_VALUES).toEqual([...ROLES]);
    expect(ROLE_VALUES.map(orgFieldOf)).toEqual([
      undefined,
      'bureauId',
      undefined,
      undefined,
      'consultingFirmId',
      'enterpriseId',
    ]);
  });
});

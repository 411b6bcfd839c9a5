/**
 * The pure parts of the admin, expert and bureau-enterprise pages (no React, tested in Node): the region tree
 * search, the audit log's before/after comparison, the indicator-system import body, the review stage an option
 * calls for, and the reading of the core's `screen` calculation result.
 */
import type { Api, BodyOf, OptionJson, RegionNodeDto, Role } from '@cpaudit/contract';

// ---------------------------------------------------------------------------------------------------------------
// Roles

/**
 * Every role, in the contract's order. A record keyed by `Role` (not the contract's `ROLES` value, which would pull
 * zod and the contract into the bundle) so that the compiler reports a role added to the contract and missing here.
 */
const ROLE_ORDER: Record<Role, number> = {
  platform_admin: 0,
  bureau_staff: 1,
  panel_member: 2,
  expert: 3,
  consultant: 4,
  enterprise_user: 5,
};
export const ROLE_VALUES: readonly Role[] = (Object.keys(ROLE_ORDER) as Role[]).sort(
  (a, b) => ROLE_ORDER[a] - ROLE_ORDER[b],
);

/** The organisation field a role grant needs (contract `roleGrantBody`), if any. */
export function orgFieldOf(
  role: Role | undefined,
): 'bureauId' | 'enterpriseId' | 'consultingFirmId' | undefined {
  if (role === 'bureau_staff') return 'bureauId';
  if (role === 'enterprise_user') return 'enterpriseId';
  if (role === 'consultant') return 'consultingFirmId';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Regions

export interface RegionRow {
  readonly code: string;
  readonly name: string;
  readonly level: RegionNodeDto['level'];
  readonly active: boolean;
  readonly children?: RegionRow[];
}

/**
 * The tree pruned to the regions whose name contains `q` or whose code starts with it, with their ancestors; a
 * matching region keeps all its descendants. An empty `q` keeps everything.
 */
export function filterRegionTree(nodes: readonly RegionNodeDto[], q: string): RegionRow[] {
  const needle = q.trim().toLowerCase();
  const out: RegionRow[] = [];
  for (const n of nodes) {
    const self = needle === '' || n.name.toLowerCase().includes(needle) || n.code.startsWith(needle);
    const children = filterRegionTree(n.children, self ? '' : needle);
    if (self || children.length > 0) {
      out.push({
        code: n.code,
        name: n.name,
        level: n.level,
        active: n.active,
        ...(children.length > 0 ? { children } : {}),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Audit log

export interface DiffRow {
  readonly field: string;
  readonly before: string;
  readonly after: string;
  readonly changed: boolean;
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Field-by-field comparison of a row's before and after: changed fields first, then the others, each group by
 * name. On an insert or a delete (one side null) every field counts as changed.
 */
export function diffRows(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
): DiffRow[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  const rows = keys.map((field) => {
    const b = show(before?.[field]);
    const a = show(after?.[field]);
    return { field, before: b, after: a, changed: before !== null && after !== null ? a !== b : true };
  });
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

/** Fields an update really changed (the version and timestamp bumped by the database triggers left out). */
export function changedFields(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
): string[] {
  if (before === null || after === null) return [];
  return diffRows(before, after)
    .filter((r) => r.changed && r.field !== 'version' && r.field !== 'updated_at')
    .map((r) => r.field);
}

// ---------------------------------------------------------------------------------------------------------------
// Indicator systems

/** The import body from the text pasted or read from a file: `{ "system": … }` or the system itself. Throws on bad JSON. */
export function importBodyOf(text: string): { system: unknown } {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed === 'object' && parsed !== null && 'system' in parsed && !('groups' in parsed)) {
    return { system: (parsed as { system: unknown }).system };
  }
  return { system: parsed };
}

// ---------------------------------------------------------------------------------------------------------------
// Reviews

type ReviewBody = BodyOf<Api['createOptionReview']>;
export type ReviewStage = ReviewBody['stage'];
export type ReviewVerdict = ReviewBody['verdict'];

// Keyed by the contract's types, so a stage or verdict added there and missing here does not compile.
export const REVIEW_STAGES = Object.keys({ screening: 0, feasibility: 0, verification: 0 } satisfies Record<
  ReviewStage,
  0
>) as ReviewStage[];
export const REVIEW_VERDICTS = Object.keys({ approve: 0, revise: 0, reject: 0 } satisfies Record<
  ReviewVerdict,
  0
>) as ReviewVerdict[];

/**
 * The review stage an option's status calls for: screening (7.3.2) until it is screened, feasibility (7.3.3) while
 * it is feasible or being implemented, verification (7.4.2) once implemented (the server accepts verification
 * reviews of implemented and verified options only).
 */
export function stageFor(status: OptionJson['status']): ReviewStage {
  if (status === 'implemented' || status === 'verified') return 'verification';
  if (status === 'feasible' || status === 'implementing') return 'feasibility';
  return 'screening';
}

export interface Criterion {
  readonly id: string;
  readonly name: string;
  readonly weight: number;
}

function isCriterion(c: unknown): c is Criterion {
  if (typeof c !== 'object' || c === null) return false;
  const x = c as Record<string, unknown>;
  return typeof x.id === 'string' && typeof x.name === 'string' && typeof x.weight === 'number';
}

/** The criteria listed in a `screen` calculation result (core `rankByWeightedSum`); the result is untyped JSON. */
export function criteriaOf(result: unknown): Criterion[] {
  const list =
    typeof result === 'object' && result !== null ? (result as { criteria?: unknown }).criteria : undefined;
  return Array.isArray(list) ? list.filter(isCriterion) : [];
}

/** Σ R × W of the first-ranked candidate of a `screen` result, as the core computed it. */
export function firstTotalOf(result: unknown): number | undefined {
  const ranking =
    typeof result === 'object' && result !== null ? (result as { ranking?: unknown }).ranking : undefined;
  const first: unknown = Array.isArray(ranking) ? ranking[0] : undefined;
  const total =
    typeof first === 'object' && first !== null ? (first as { total?: unknown }).total : undefined;
  return typeof total === 'number' ? total : undefined;
}

/** The scores of a stored review by criterion id: its breakdown names each score `R <criterion name>`. */
export function scoresOfReview(
  inputs: readonly { name: string; value: unknown }[],
  criteria: readonly Criterion[],
): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const input of inputs) {
    const c = criteria.find((x) => `R ${x.name}` === input.name);
    if (c && typeof input.value === 'number') scores[c.id] = input.value;
  }
  return scores;
}

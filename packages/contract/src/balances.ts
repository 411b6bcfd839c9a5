/**
 * 物料平衡 / 水平衡 / 能量平衡 of an enterprise's processes (guideline 7.2.4.3 诊断方法), for the balance editor.
 *
 * A balance is stored as the core's balance input (`balanceInputSchema` of `@cpaudit/core`: kind, unit, nodes,
 * flows with categories, tolerance). Every response carries what the core computes from it (`computeBalance`):
 * overall and per-node closure error, the ratios of its kind (water reuse rate, energy efficiency, material
 * yield), the ECharts Sankey data, and the breakdown citing the clauses. An input the core refuses (unit of the
 * wrong dimension, a negative flow, a flow whose category contradicts its ends, no inputs) is refused with the
 * field at fault (`input.flows.2.quantity`).
 *
 * Scope: whoever sees the enterprise reads its balances; the enterprise's users, its current consultants and the
 * platform admin write them.
 */
import { BALANCE_FLOW_CATEGORIES, BALANCE_KINDS, balanceInputSchema } from '@cpaudit/core';
import { z } from 'zod';
import { calcBreakdownSchema } from './annual.ts';
import { isoDateTime, okSchema, page, versioned } from './common.ts';
import { endpoint } from './endpoint.ts';

export const balanceKindSchema = z.enum(BALANCE_KINDS);
export type BalanceKindName = z.infer<typeof balanceKindSchema>;

const year = z.number().int().min(1949).max(2100);
const processName = z.string().trim().min(1).max(200);

export const createBalanceBody = z.strictObject({
  year,
  /** 工序/车间/装置 the balance is drawn for; unique per enterprise, year and kind. */
  processName,
  /** The balance itself; its `kind` is the balance's kind. */
  input: balanceInputSchema,
});
export type CreateBalanceBody = z.infer<typeof createBalanceBody>;

/** Send only what changes, with the version read. A new `input` replaces the whole balance input. */
export const updateBalanceBody = z.strictObject({
  ...versioned.shape,
  year: year.optional(),
  processName: processName.optional(),
  input: balanceInputSchema.optional(),
});
export type UpdateBalanceBody = z.infer<typeof updateBalanceBody>;

export const listBalancesQuery = z.object({
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  kind: balanceKindSchema.optional(),
});

const categorySums = z.object(
  Object.fromEntries(BALANCE_FLOW_CATEGORIES.map((c) => [c, z.number()])) as Record<
    (typeof BALANCE_FLOW_CATEGORIES)[number],
    z.ZodNumber
  >,
);

/** The core's `BalanceResult` (balances/balance.ts). */
export const balanceResultSchema = z
  .object({
    kind: balanceKindSchema,
    /** The unit of every figure below (the input's unit, canonical symbol). */
    unit: z.string(),
    totalInput: z.number(),
    totalOutput: z.number(),
    byCategory: categorySums,
    /** Σ inputs − Σ outputs. */
    difference: z.number(),
    /** (Σ inputs − Σ outputs) / Σ inputs × 100. */
    closureErrorPct: z.number(),
    tolerancePct: z.number(),
    closes: z.boolean(),
    nodes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        in: z.number(),
        out: z.number(),
        difference: z.number(),
        errorPct: z.number().nullable(),
        closes: z.boolean(),
      }),
    ),
    water: z
      .object({
        fresh: z.number(),
        reused: z.number(),
        totalUse: z.number(),
        discharge: z.number(),
        loss: z.number(),
        reuseRatePct: z.number().nullable(),
        freshSharePct: z.number().nullable(),
        dischargeRatePct: z.number().nullable(),
        lossRatePct: z.number().nullable(),
      })
      .nullable(),
    energy: z.object({ useful: z.number(), input: z.number(), efficiencyPct: z.number() }).nullable(),
    material: z.object({ product: z.number(), yieldPct: z.number() }).nullable(),
    /** ECharts Sankey series data. */
    sankey: z.object({
      nodes: z.array(z.object({ name: z.string() })),
      links: z.array(z.object({ source: z.string(), target: z.string(), value: z.number() })),
    }),
    /** Flow ids left out of the Sankey links (self-loops and flows closing a cycle, e.g. recycle loops). */
    sankeyExcluded: z.array(z.string()),
  })
  .meta({ id: 'BalanceResult' });
export type BalanceResultView = z.infer<typeof balanceResultSchema>;

const userRef = z.object({ id: z.uuid(), displayName: z.string() }).nullable();

/** A balance in a list: what it is and whether it closes. */
export const balanceSummarySchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    year: z.number().int(),
    kind: balanceKindSchema,
    processName: z.string(),
    unit: z.string(),
    flowCount: z.number().int(),
    /** Closure computed by the core; null only when the stored input no longer computes (see `error`). */
    closureErrorPct: z.number().nullable(),
    tolerancePct: z.number(),
    closes: z.boolean().nullable(),
    /** Why the stored input does not compute any more (e.g. a unit withdrawn from the core), else null. */
    error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).nullable(),
    createdBy: userRef,
    updatedBy: userRef,
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'BalanceSummary' });
export type BalanceSummary = z.infer<typeof balanceSummarySchema>;

/** A balance with its input and everything the core computes from it. */
export const balanceSchema = balanceSummarySchema
  .extend({
    input: balanceInputSchema,
    result: balanceResultSchema.nullable(),
    breakdown: calcBreakdownSchema.nullable(),
  })
  .meta({ id: 'Balance' });
export type BalanceView = z.infer<typeof balanceSchema>;

const idOnly = z.object({ id: z.uuid() });
const versionQuery = z.object({ version: z.coerce.number().int().positive() });

/** enterpriseWritable: the enterprise's users, its current consultants, the admin. */
const WRITERS = ['platform_admin', 'enterprise_user', 'consultant'] as const;

export const balancesEndpoints = {
  listBalances: endpoint({
    method: 'GET',
    path: '/api/enterprises/:id/balances',
    summary:
      'The material, water and energy balances of an enterprise, with their closure (filter by year, kind)',
    tags: ['balances'],
    access: 'authenticated',
    params: idOnly,
    query: listBalancesQuery,
    response: page(balanceSummarySchema),
  }),
  createBalance: endpoint({
    method: 'POST',
    path: '/api/enterprises/:id/balances',
    summary:
      'Add a balance of a process (the core balance input); answers it with closure, ratios, Sankey data',
    tags: ['balances'],
    access: WRITERS,
    params: idOnly,
    body: createBalanceBody,
    response: balanceSchema,
    status: 201,
  }),
  getBalance: endpoint({
    method: 'GET',
    path: '/api/balances/:id',
    summary:
      'A balance: its input and the core result (closure error, nodes, ratios, Sankey data, breakdown)',
    tags: ['balances'],
    access: 'authenticated',
    params: idOnly,
    response: balanceSchema,
  }),
  updateBalance: endpoint({
    method: 'PATCH',
    path: '/api/balances/:id',
    summary: 'Change a balance (year, process name or the whole input); send the version read',
    tags: ['balances'],
    access: WRITERS,
    params: idOnly,
    body: updateBalanceBody,
    response: balanceSchema,
  }),
  deleteBalance: endpoint({
    method: 'DELETE',
    path: '/api/balances/:id',
    summary: 'Remove a balance (send the version read as ?version=)',
    tags: ['balances'],
    access: WRITERS,
    params: idOnly,
    query: versionQuery,
    response: okSchema,
  }),
};

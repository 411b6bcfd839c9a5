/**
 * 物料平衡 / 水平衡 / 能量平衡 of an enterprise's processes (guideline 7.2.4.3 诊断方法), as entered in the balance
 * editor. `input` is the core's balance input (`balanceInputSchema` of `@cpaudit/core`: kind, unit, nodes, flows,
 * tolerance); the results (closure error, per-node balance, ratios, Sankey data) are computed by the core on read,
 * never stored. `kind` repeats `input.kind` so lists can filter on it; a CHECK keeps the two equal.
 * One balance per enterprise, year, kind and process name.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { currentActorSql, editable, idColumn, oneOf, plausibleYear } from './columns.ts';
import { enterprises } from './enterprises.ts';
import { users } from './users-sessions.ts';

/** Same list as the core's `BALANCE_KINDS`. */
export const PROCESS_BALANCE_KINDS = ['material', 'water', 'energy'] as const;

/** The core's balance input as stored (validated by `balanceInputSchema` before every write). */
export type StoredBalanceInput = Record<string, unknown>;

export const processBalances = pgTable(
  'process_balances',
  {
    id: idColumn(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    kind: text('kind', { enum: PROCESS_BALANCE_KINDS }).notNull(),
    /** 工序/车间/装置 the balance is drawn for. */
    processName: text('process_name').notNull(),
    input: jsonb('input').$type<StoredBalanceInput>().notNull(),
    createdBy: uuid('created_by')
      .references(() => users.id)
      .default(currentActorSql),
    updatedBy: uuid('updated_by')
      .references(() => users.id)
      .default(currentActorSql),
    ...editable(),
  },
  (t) => [
    oneOf('process_balances_kind_valid', t.kind, PROCESS_BALANCE_KINDS),
    plausibleYear('process_balances_year_range', t.year),
    check('process_balances_kind_matches_input', sql`${t.input} ->> 'kind' = ${t.kind}`),
    check('process_balances_process_name_nonblank', sql`btrim(${t.processName}) <> ''`),
    unique('process_balances_enterprise_year_kind_process_unique').on(
      t.enterpriseId,
      t.year,
      t.kind,
      t.processName,
    ),
    index('process_balances_enterprise_year_idx').on(t.enterpriseId, t.year),
  ],
);

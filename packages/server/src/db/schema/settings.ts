/**
 * Platform settings as key → jsonb value (e.g. 'economics.low_cost_threshold_wan_yuan', 'evidence.max_bytes').
 * Keys are lower-case dotted names (CHECK); the services validate each value with its own zod schema.
 */
import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { currentActorSql, editable } from './columns.ts';
import { users } from './users-sessions.ts';

export const settings = pgTable(
  'settings',
  {
    key: text('key').primaryKey(),
    value: jsonb('value').$type<unknown>().notNull(),
    description: text('description'),
    updatedBy: uuid('updated_by')
      .references(() => users.id)
      .default(currentActorSql),
    ...editable(),
  },
  (t) => [check('settings_key_format', sql`${t.key} ~ '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$'`)],
);

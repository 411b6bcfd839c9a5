/**
 * Reference data frozen per audit: the factors, coefficients and indicator systems an audit used, each with its
 * `Source`, so a finished audit keeps its figures when the core's tables are updated (issue 3 "Reference data").
 * One row per item chosen (e.g. the Guangdong 2023 grid factor, the GB/T 2589 natural-gas coefficient picked
 * in 1.1000–1.3300 kgce/m3, the 2.7725 tCO2/tce of form note 13), for an industry audit or a mandatory audit.
 */

import type { FactorRef, Source } from '@cpaudit/core';
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { industryAudits } from './audits.ts';
import { currentActorSql, editable, idColumn, oneOf, tstz } from './columns.ts';
import { mandatoryAudits } from './mandatory-audits.ts';
import { users } from './users-sessions.ts';

export const SNAPSHOT_KINDS = [
  'grid_factor',
  'energy_coefficients',
  'co2_factors',
  'indicator_system',
  'tax_rates',
  'economic_parameters',
  'emission_standard',
  'other',
] as const;

/** A single factor, a table of factors, or a whole definition (an indicator system) as the core shipped it. */
export type SnapshotData = FactorRef | FactorRef[] | Record<string, unknown>;

export const auditReferenceSnapshots = pgTable(
  'audit_reference_snapshots',
  {
    id: idColumn(),
    auditId: uuid('audit_id').references(() => industryAudits.id, { onDelete: 'cascade' }),
    mandatoryAuditId: uuid('mandatory_audit_id').references(() => mandatoryAudits.id, {
      onDelete: 'cascade',
    }),
    kind: text('kind', { enum: SNAPSHOT_KINDS }).notNull(),
    /** Id of the reference item in the core (a FactorRef id, an indicator system code@edition). */
    refId: text('ref_id').notNull(),
    label: text('label'),
    data: jsonb('data').$type<SnapshotData>().notNull(),
    /** The source of the item (for a single factor it repeats `data.source`). */
    source: jsonb('source').$type<Source>(),
    takenAt: tstz('taken_at').notNull().defaultNow(),
    takenBy: uuid('taken_by')
      .references(() => users.id)
      .default(currentActorSql),
    ...editable(),
  },
  (t) => [
    check('audit_reference_snapshots_one_audit', sql`num_nonnulls(${t.auditId}, ${t.mandatoryAuditId}) = 1`),
    oneOf('audit_reference_snapshots_kind_valid', t.kind, SNAPSHOT_KINDS),
    unique('audit_reference_snapshots_unique')
      .on(t.auditId, t.mandatoryAuditId, t.kind, t.refId)
      .nullsNotDistinct(),
    index('audit_reference_snapshots_mandatory_idx').on(t.mandatoryAuditId),
  ],
);

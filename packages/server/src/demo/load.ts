/**
 * Loads the demo data set into a database: builds it (pure and deterministic for the seed), stores the evidence
 * files in the evidence store of the data folder, then writes every row in ONE transaction of batched multi-row
 * inserts (PGlite: one backend, one fsync), attributed to `cpaudit-demo` in the audit log, and marks the database
 * with the setting `demo.loaded`. Loading twice is refused.
 */
import { CpError } from '@cpaudit/core';
import { and, eq, inArray } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  annualSubmissions,
  annualValues,
  auditAnalysisSections,
  auditEnterprises,
  auditFocuses,
  auditPanelMembers,
  auditPhases,
  auditProblems,
  auditReferenceSnapshots,
  auditTargetEnterprises,
  auditTargets,
  auditTrainingAttendance,
  auditTrainings,
  bureaus,
  complianceFacts,
  consultingEngagements,
  consultingFirms,
  cpOptions,
  cpPlanTasks,
  type Database,
  type Db,
  enterpriseEquipment,
  enterpriseProcesses,
  enterpriseProducts,
  enterprises,
  evaluations,
  evaluationValues,
  expertAssignments,
  indicatorSystems,
  indicators,
  industryAudits,
  mandatoryAudits,
  mandatoryAuditTargets,
  mapDbError,
  monitoringSamples,
  optionBenefits,
  optionEvidence,
  optionProblems,
  optionReviews,
  processBalances,
  regions,
  settings,
  siteSurveys,
  standards,
  type Tx,
  treatmentFacilities,
  userRoles,
  users,
} from '../db/index.ts';
import { hashPassword } from '../services/auth/passwords.ts';
import { type BlobStore, evidenceStore } from '../storage/index.ts';
import { DEMO_PASSWORD, type DemoAccount } from './accounts.ts';
import { buildDemoDataset, DEMO_SEED, type DemoDataset } from './dataset.ts';

/** The setting that marks a database holding the demo data. */
export const DEMO_SETTING_KEY = 'demo.loaded';

export interface LoadDemoOptions {
  /** The data folder whose evidence store (`<dataDir>/files`) receives the demo files. */
  dataDir: string;
  /** Another store (tests); default `evidenceStore(dataDir)`. */
  store?: BlobStore;
  seed?: number;
}

export interface DemoSummary {
  accounts: DemoAccount[];
  password: string;
  /** Rows written per table, and files stored. */
  counts: Record<string, number>;
}

export async function isDemoLoaded(db: Db): Promise<boolean> {
  const rows = await db
    .select({ key: settings.key })
    .from(settings)
    .where(eq(settings.key, DEMO_SETTING_KEY));
  return rows.length > 0;
}

/** Whether the database holds no users and no enterprises (a fresh installation). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [u] = await db.select({ id: users.id }).from(users).limit(1);
  const [e] = await db.select({ id: enterprises.id }).from(enterprises).limit(1);
  return u === undefined && e === undefined;
}

const BATCH = 400;

async function insertAll<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
  counts: Record<string, number>,
  name: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.insert(table).values(rows.slice(i, i + BATCH));
  }
  counts[name] = (counts[name] ?? 0) + rows.length;
}

async function storeEvidence(
  store: BlobStore,
  list: DemoDataset['audit']['evidence'],
): Promise<(typeof optionEvidence.$inferInsert)[]> {
  const rows: (typeof optionEvidence.$inferInsert)[] = [];
  for (const e of list) {
    const stored = await store.put(e.bytes);
    rows.push({ ...e.row, storageKey: stored.key, sha256: stored.sha256, sizeBytes: stored.sizeBytes });
  }
  return rows;
}

export async function loadDemo(database: Database, opts: LoadDemoOptions): Promise<DemoSummary> {
  const seed = opts.seed ?? DEMO_SEED;
  if (await isDemoLoaded(database.db)) {
    throw new CpError('CONFLICT', 'the demo data are already loaded in this database (setting demo.loaded)');
  }
  const data = buildDemoDataset(seed);
  const taken = await database.db
    .select({ username: users.username })
    .from(users)
    .where(
      inArray(
        users.username,
        data.orgs.users.map((u) => u.username),
      ),
    );
  if (taken.length > 0) {
    throw new CpError(
      'CONFLICT',
      `the database already has user(s) ${taken.map((t) => t.username).join(', ')}: load the demo into an empty database`,
    );
  }
  // One hash for the one documented demo password (argon2id, salted once).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const store = opts.store ?? evidenceStore(opts.dataDir);
  const auditEvidence = await storeEvidence(store, data.audit.evidence);
  const gdEvidence = await storeEvidence(store, data.guangdong.evidence);
  const counts: Record<string, number> = { files: auditEvidence.length + gdEvidence.length };

  try {
    await database.transaction(
      async (tx) => {
        const o = data.orgs;
        await tx.insert(regions).values(o.regions).onConflictDoNothing();
        counts.regions = o.regions.length;
        await insertAll(tx, bureaus, o.bureaus, counts, 'bureaus');
        await insertAll(tx, consultingFirms, o.firms, counts, 'consulting_firms');
        await insertAll(tx, enterprises, o.enterprises, counts, 'enterprises');
        await insertAll(tx, enterpriseProducts, o.products, counts, 'enterprise_products');
        await insertAll(tx, enterpriseProcesses, o.processes, counts, 'enterprise_processes');
        await insertAll(tx, enterpriseEquipment, o.equipment, counts, 'enterprise_equipment');
        await insertAll(tx, treatmentFacilities, o.facilities, counts, 'treatment_facilities');
        await insertAll(tx, consultingEngagements, o.engagements, counts, 'consulting_engagements');
        await insertAll(
          tx,
          users,
          o.users.map((u) => ({ ...u, passwordHash })),
          counts,
          'users',
        );
        await insertAll(tx, userRoles, o.userRoles, counts, 'user_roles');

        const a = data.annual;
        const g = data.guangdong;
        await insertAll(tx, indicatorSystems, [a.system], counts, 'indicator_systems');
        // Tier-1 rows first: tier-2 rows reference them.
        await insertAll(
          tx,
          indicators,
          a.indicators.filter((r) => r.tier === 1),
          counts,
          'indicators',
        );
        await insertAll(
          tx,
          indicators,
          a.indicators.filter((r) => r.tier === 2),
          counts,
          'indicators',
        );
        // Values go in while their submissions are drafts (submitted/accepted data are locked), then the statuses.
        await insertAll(
          tx,
          annualSubmissions,
          [...a.submissions, ...g.submissions],
          counts,
          'annual_submissions',
        );
        await insertAll(tx, annualValues, [...a.values, ...g.values], counts, 'annual_values');
        for (const s of [...a.finalStatuses, ...g.finalStatuses]) {
          await tx
            .update(annualSubmissions)
            .set(s.set)
            .where(
              and(eq(annualSubmissions.enterpriseId, s.enterpriseId), eq(annualSubmissions.year, s.year)),
            );
        }
        await insertAll(tx, evaluations, a.evaluations, counts, 'evaluations');
        await insertAll(tx, evaluationValues, a.evaluationValues, counts, 'evaluation_values');
        await insertAll(tx, processBalances, data.balances, counts, 'process_balances');
        await insertAll(tx, standards, data.compliance.standards, counts, 'standards');
        await insertAll(tx, monitoringSamples, data.compliance.samples, counts, 'monitoring_samples');
        await insertAll(tx, complianceFacts, data.compliance.facts, counts, 'compliance_facts');

        const d = data.audit;
        await insertAll(tx, industryAudits, [d.audit], counts, 'industry_audits');
        await insertAll(tx, auditPhases, d.phases, counts, 'audit_phases');
        await insertAll(tx, auditPanelMembers, d.panel, counts, 'audit_panel_members');
        await insertAll(tx, auditEnterprises, d.enterprises, counts, 'audit_enterprises');
        await insertAll(tx, auditTrainings, d.trainings, counts, 'audit_trainings');
        await insertAll(tx, auditTrainingAttendance, d.attendance, counts, 'audit_training_attendance');
        await insertAll(tx, siteSurveys, d.surveys, counts, 'site_surveys');
        await insertAll(tx, auditAnalysisSections, d.sections, counts, 'audit_analysis_sections');
        await insertAll(tx, auditFocuses, d.focuses, counts, 'audit_focuses');
        await insertAll(tx, auditTargets, d.targets, counts, 'audit_targets');
        await insertAll(tx, auditTargetEnterprises, d.targetEnterprises, counts, 'audit_target_enterprises');
        await insertAll(tx, auditProblems, d.problems, counts, 'audit_problems');
        // Industry-level options before their enterprise-level roll-outs (parent_id).
        await insertAll(
          tx,
          cpOptions,
          d.options.filter((x) => x.level === 'industry'),
          counts,
          'cp_options',
        );
        await insertAll(
          tx,
          cpOptions,
          d.options.filter((x) => x.level !== 'industry'),
          counts,
          'cp_options',
        );
        await insertAll(tx, optionProblems, d.optionProblems, counts, 'option_problems');
        await insertAll(tx, optionBenefits, d.benefits, counts, 'option_benefits');
        await insertAll(tx, optionReviews, d.reviews, counts, 'option_reviews');
        await insertAll(tx, optionEvidence, auditEvidence, counts, 'option_evidence');
        await insertAll(tx, expertAssignments, d.assignments, counts, 'expert_assignments');
        await insertAll(tx, cpPlanTasks, d.planTasks, counts, 'cp_plan_tasks');
        await insertAll(tx, auditReferenceSnapshots, d.snapshots, counts, 'audit_reference_snapshots');

        await insertAll(tx, mandatoryAudits, [g.audit], counts, 'mandatory_audits');
        await insertAll(tx, mandatoryAuditTargets, g.targets, counts, 'mandatory_audit_targets');
        await insertAll(tx, cpOptions, g.options, counts, 'cp_options');
        await insertAll(tx, optionBenefits, g.benefits, counts, 'option_benefits');
        await insertAll(tx, optionEvidence, gdEvidence, counts, 'option_evidence');
        await insertAll(tx, expertAssignments, g.assignments, counts, 'expert_assignments');

        await tx.insert(settings).values({
          key: DEMO_SETTING_KEY,
          value: {
            seed,
            enterprises: o.enterprises.length,
            options: counts.cp_options ?? 0,
            accounts: o.accounts,
          },
          description:
            'cpaudit demo data (synthetic enterprises); accounts share the documented demo password',
        });
      },
      { actor: { userId: null, name: 'cpaudit-demo' } },
    );
  } catch (e) {
    throw mapDbError(e) ?? e;
  }
  return { accounts: data.orgs.accounts, password: DEMO_PASSWORD, counts };
}

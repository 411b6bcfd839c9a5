/**
 * `cpaudit synth`: a synthetic province (江苏省: 13 cities, 4 synthetic counties each) written into a database in
 * batches, deterministic for a seed (the demo's mulberry32 streams, one per enterprise, so enterprise i is the same
 * whatever the batch size). Memory stays bounded: only one batch of enterprises is held at a time (their rows, then
 * their evidence stubs one by one into the content-addressed store), never province-wide arrays.
 *
 * Written like the demo loader (multi-row INSERTs through the Drizzle schema, one transaction per batch attributed
 * to `cpaudit-synth`, so every row passes the database's checks, triggers and audit log), refused on a database
 * that is not empty unless `forceAppend`.
 */
import { CpError, ELECTROPLATING_2015 } from '@cpaudit/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  annualSubmissions,
  annualValues,
  auditEnterprises,
  bureaus,
  consultingEngagements,
  consultingFirms,
  cpOptions,
  type Database,
  type Db,
  enterpriseProducts,
  enterprises,
  executeRows,
  indicatorSystems,
  industryAudits,
  mapDbError,
  optionBenefits,
  optionEvidence,
  regions,
  settings,
  type Tx,
  userRoles,
  users,
} from '../db/index.ts';
import { DEMO_PASSWORD } from '../demo/accounts.ts';
import { isDatabaseEmpty } from '../demo/load.ts';
import { createRng } from '../demo/prng.ts';
import { ensureBuiltInIndicatorSystems, indicatorRowIds } from '../services/annual/systems.ts';
import { hashPassword } from '../services/auth/passwords.ts';
import { type BlobStore, evidenceStore } from '../storage/index.ts';
import {
  buildEnterprise,
  type EnterpriseRows,
  enterpriseAttributes,
  evidenceBytes,
  type SynthAnomaly,
  type SynthContext,
  synthUscc,
} from './enterprise.ts';
import { CITIES, COUNTY_SUFFIXES, PROVINCE } from './profiles.ts';

/** Bump when the generated data change (the bench rebuilds its cached province when this differs). */
export const SYNTH_VERSION = 1;

/** Largest industry audit: a (city, industry) group is split into audits of at most this many enterprises. */
export const AUDIT_SIZE = 500;

export interface SynthOptions {
  enterprises: number;
  years: number;
  seed: number;
  /** Options per enterprise, on average (default 10). */
  optionsPerEnterprise?: number;
  /** Last data year (default 2024). */
  lastYear?: number;
  /** Share of implemented/verified options with an evidence file (default 0.15). */
  evidenceShare?: number;
  /** Enterprises per transaction (default 250). */
  batchSize?: number;
  /** Write into a database that already holds data (another seed). */
  forceAppend?: boolean;
  /** The data folder whose evidence store receives the stubs (or `store`). */
  dataDir?: string;
  store?: BlobStore;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface SynthAccount {
  username: string;
  role: string;
  organisation: string;
}

export interface SynthSummary {
  version: number;
  seed: number;
  enterprises: number;
  years: number[];
  /** Rows per table (and `files`, `file_bytes`). */
  counts: Record<string, number>;
  anomalies: (SynthAnomaly & { enterpriseId: string })[];
  accounts: SynthAccount[];
  password: string;
  seconds: number;
}

/** The setting that records a synthetic data set of a seed. */
export const synthSettingKey = (seed: number) => `synth.${seed}`;

function validate(opts: SynthOptions): void {
  const int = (v: number, field: string, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new CpError('VALIDATION', `${field}: an integer from ${min} to ${max} (got ${v})`, { field });
    }
  };
  int(opts.enterprises, 'enterprises', 1, 1_000_000);
  int(opts.years, 'years', 1, 10);
  int(opts.seed, 'seed', 0, 4_294_967_295);
  int(opts.optionsPerEnterprise ?? 10, 'options', 0, 100);
  int(opts.batchSize ?? 250, 'batchSize', 1, 5_000);
  const share = opts.evidenceShare ?? 0.15;
  if (!(share >= 0 && share <= 1)) {
    throw new CpError('VALIDATION', `evidenceShare: a share from 0 to 1 (got ${share})`, {
      field: 'evidenceShare',
    });
  }
}

/**
 * The planted anomalies of a province: per kind, one per 5 000 enterprises (at least one), on distinct enterprises
 * drawn from the seed. Kinds needing a year-on-year comparison are planted only when there are ≥ 2 years.
 */
export function plantedAnomalies(
  seed: number,
  enterpriseCount: number,
  years: readonly number[],
): SynthAnomaly[] {
  const rng = createRng(`${seed}:anomalies`);
  const per = Math.max(1, Math.ceil(enterpriseCount / 5000));
  const first = years[0] ?? 2024;
  const lastY = years[years.length - 1] ?? first;
  const middle = years[Math.floor((years.length - 1) / 2)] ?? first;
  const kinds: Omit<SynthAnomaly, 'enterpriseIndex'>[] = [
    {
      year: middle,
      item: 'pollutant_emitted.cod',
      rule: 'emitted-exceeds-generated',
      what: `${middle}年COD排放量大于产生量（排放量按进水浓度误算）`,
    },
    { year: first, item: 'economy.value_added', rule: 'missing-required', what: `${first}年缺少工业增加值` },
  ];
  if (years.length >= 2) {
    kinds.push(
      {
        year: lastY,
        item: 'energy.electricity',
        rule: 'yoy-jump-quantity',
        what: `${lastY}年用电量约为上年的3倍（电表倍率重复录入）`,
      },
      {
        year: lastY,
        item: 'pollutant_generated.hazardous_waste',
        rule: 'yoy-jump-quantity',
        what: `${lastY}年危险废物产生量约为上年的1/100（单位误填）`,
      },
    );
  }
  const taken = new Set<number>();
  const out: SynthAnomaly[] = [];
  for (const kind of kinds) {
    for (let n = 0; n < per && taken.size < enterpriseCount; n++) {
      for (let tries = 0; tries < 10_000; tries++) {
        const i = rng.int(0, enterpriseCount - 1);
        if (taken.has(i)) continue;
        const ind = enterpriseAttributes(seed, i).industry;
        if (kind.item === 'pollutant_generated.hazardous_waste' && ind.hazardous_tPerUnit === null) continue;
        taken.add(i);
        out.push({ ...kind, enterpriseIndex: i });
        break;
      }
    }
  }
  return out.sort((a, b) => a.enterpriseIndex - b.enterpriseIndex);
}

const CHUNK = 500;

async function insertChunks<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
  counts: Record<string, number>,
  name: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(table).values(rows.slice(i, i + CHUNK));
  counts[name] = (counts[name] ?? 0) + rows.length;
}

interface AuditRef {
  id: string;
  row: typeof industryAudits.$inferInsert;
}

/** Generates the province into `database`. */
export async function synthesize(database: Database, opts: SynthOptions): Promise<SynthSummary> {
  validate(opts);
  const t0 = performance.now();
  const seed = opts.seed;
  const N = opts.enterprises;
  const lastYear = opts.lastYear ?? 2024;
  const years = Array.from({ length: opts.years }, (_, k) => lastYear - opts.years + 1 + k);
  const batchSize = opts.batchSize ?? 250;
  const db = database.db;
  const key = synthSettingKey(seed);
  const [present] = await db.select({ key: settings.key }).from(settings).where(eq(settings.key, key));
  if (present)
    throw new CpError(
      'CONFLICT',
      `synthetic data of seed ${seed} are already in this database (setting ${key})`,
    );
  if (!opts.forceAppend && !(await isDatabaseEmpty(db))) {
    throw new CpError(
      'CONFLICT',
      'the database is not empty: synth writes into an empty database (use --force-append to add a province of another seed)',
    );
  }
  const store = opts.store ?? (opts.dataDir ? evidenceStore(opts.dataDir) : undefined);
  if (!store)
    throw new CpError('VALIDATION', 'dataDir: the data folder of the evidence store is required', {
      field: 'dataDir',
    });

  // Built-in indicator systems (the electroplating system benchmarking reads), as the services seed them.
  await ensureBuiltInIndicatorSystems(database);
  const [epRow] = await db
    .select({ id: indicatorSystems.id, code: indicatorSystems.code, definition: indicatorSystems.definition })
    .from(indicatorSystems)
    .where(
      and(
        sql`${indicatorSystems.definition} ->> 'id' = ${ELECTROPLATING_2015.id}`,
        eq(indicatorSystems.status, 'active'),
      ),
    )
    .limit(1);
  const electroplating = epRow
    ? { id: epRow.id, code: epRow.code, indicatorRows: (await indicatorRowIds(db, epRow)).indicators }
    : null;

  const counts: Record<string, number> = {};
  const rng = createRng(`${seed}:orgs`);
  const u = (label: string) => createRng(`${seed}:${label}`).uuid();

  // -- Organisations and accounts ------------------------------------------------------------------------------
  const regionRows: (typeof regions.$inferInsert)[] = [
    { code: PROVINCE.code, name: PROVINCE.name, parentCode: null },
  ];
  for (const c of CITIES) {
    regionRows.push({ code: c.code, name: c.name, parentCode: PROVINCE.code });
    for (const s of COUNTY_SUFFIXES) {
      regionRows.push({
        code: `${c.code.slice(0, 4)}${s.code}`,
        name: `${c.name.replace(/市$/, '')}${s.name}`,
        parentCode: c.code,
      });
    }
  }
  const provinceBureau = u('bureau:province');
  const cityBureau = new Map(CITIES.map((c) => [c.code, u(`bureau:${c.code}`)]));
  const bureauRows: (typeof bureaus.$inferInsert)[] = [
    { id: provinceBureau, name: `${PROVINCE.name}生态环境厅（合成）`, jurisdictionCode: PROVINCE.code },
    ...CITIES.map((c) => ({
      id: cityBureau.get(c.code) ?? '',
      name: `${c.name}生态环境局（合成）`,
      jurisdictionCode: c.code,
      parentBureauId: provinceBureau,
    })),
  ];
  const firmCount = Math.max(3, Math.ceil(N / 400));
  const firms = Array.from({ length: firmCount }, (_, f) => ({
    id: u(`firm:${f}`),
    cityIndex: f % CITIES.length,
  }));
  const firmRows: (typeof consultingFirms.$inferInsert)[] = firms.map((f, k) => {
    const city = CITIES[f.cityIndex] ?? CITIES[0];
    return {
      id: f.id,
      uscc: synthUscc(rng, city?.code ?? PROVINCE.code, 'N', k),
      name: `${city?.name ?? ''}清洁生产咨询服务有限公司（合成${k + 1}）`,
      regionCode: city?.code ?? PROVINCE.code,
      note: 'cpaudit 合成数据：虚构咨询机构',
    };
  });
  const prefix = `s${seed}`;
  const accounts: (SynthAccount & { id: string; scope: Partial<typeof userRoles.$inferInsert> })[] = [
    {
      username: `${prefix}-admin`,
      role: 'platform_admin',
      organisation: '平台',
      id: u('user:admin'),
      scope: {},
    },
    {
      username: `${prefix}-province`,
      role: 'bureau_staff',
      organisation: `${PROVINCE.name}生态环境厅`,
      id: u('user:province'),
      scope: { bureauId: provinceBureau },
    },
    ...CITIES.map((c) => ({
      username: `${prefix}-${c.code}`,
      role: 'bureau_staff',
      organisation: `${c.name}生态环境局`,
      id: u(`user:${c.code}`),
      scope: { bureauId: cityBureau.get(c.code) ?? null },
    })),
    {
      username: `${prefix}-consultant`,
      role: 'consultant',
      organisation: firmRows[0]?.name ?? '',
      id: u('user:consultant'),
      scope: { consultingFirmId: firms[0]?.id ?? null },
    },
    {
      username: `${prefix}-expert`,
      role: 'expert',
      organisation: '评审专家',
      id: u('user:expert'),
      scope: {},
    },
  ];
  const entUser = {
    username: `${prefix}-ent-1`,
    role: 'enterprise_user',
    organisation: '',
    id: u('user:ent-1'),
  };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const actor = { actor: { userId: null, name: 'cpaudit-synth' } };
  const anomalies = plantedAnomalies(seed, N, years);
  const anomalyBy = new Map(anomalies.map((a) => [a.enterpriseIndex, a]));
  const ctx: SynthContext = {
    seed,
    years,
    optionsPerEnterprise: opts.optionsPerEnterprise ?? 10,
    evidenceShare: opts.evidenceShare ?? 0.15,
    anomalies: anomalyBy,
    electroplating: electroplating
      ? { code: electroplating.code, indicatorRows: electroplating.indicatorRows }
      : null,
    firms,
  };

  try {
    await database.transaction(async (tx) => {
      await tx.insert(regions).values(regionRows).onConflictDoNothing();
      counts.regions = regionRows.length;
      await insertChunks(tx, bureaus, bureauRows, counts, 'bureaus');
      await insertChunks(tx, consultingFirms, firmRows, counts, 'consulting_firms');
      await insertChunks(
        tx,
        users,
        [...accounts, entUser].map((a) => ({
          id: a.id,
          username: a.username,
          displayName: `${a.organisation || a.username}（合成账号）`,
          passwordHash,
        })),
        counts,
        'users',
      );
      await insertChunks(
        tx,
        userRoles,
        accounts.map((a) => ({
          userId: a.id,
          role: a.role as (typeof userRoles.$inferInsert)['role'],
          ...a.scope,
        })),
        counts,
        'user_roles',
      );
    }, actor);
  } catch (e) {
    throw mapDbError(e) ?? e;
  }

  // -- Enterprises, batch by batch -----------------------------------------------------------------------------
  const groupCount = new Map<string, number>();
  const auditTitle = new Map<string, number>();
  const anomalyIds: SynthSummary['anomalies'] = [];
  let files = 0;
  let fileBytes = 0;
  let firstEnterprise: { id: string; name: string } | null = null;
  for (let start = 0; start < N; start += batchSize) {
    const end = Math.min(N, start + batchSize);
    const newAudits: AuditRef[] = [];
    const batch: { rows: EnterpriseRows; auditId: string }[] = [];
    for (let i = start; i < end; i++) {
      const attrs = enterpriseAttributes(seed, i);
      const group = `${attrs.city.code}|${attrs.industry.code}`;
      const n = groupCount.get(group) ?? 0;
      groupCount.set(group, n + 1);
      const part = Math.floor(n / AUDIT_SIZE);
      const auditId = u(`audit:${group}:${part}`);
      if (n % AUDIT_SIZE === 0) {
        const seq = (auditTitle.get(group) ?? 0) + 1;
        auditTitle.set(group, seq);
        const bureauUser = accounts.find((a) => a.username === `${prefix}-${attrs.city.code}`)?.id ?? null;
        newAudits.push({
          id: auditId,
          row: {
            id: auditId,
            title: `${attrs.city.name}${attrs.industry.short}行业清洁生产审核（${lastYear + 1}年度${seq > 1 ? `，第${seq}批` : ''}）`,
            bureauId: cityBureau.get(attrs.city.code) ?? provinceBureau,
            regionCode: attrs.city.code,
            industryCodes: [attrs.industry.code],
            industryName: attrs.industry.short,
            periodStart: `${lastYear + 1}-03-01`,
            periodEnd: `${lastYear + 2}-02-28`,
            status: 'implementation',
            scope: `${attrs.city.name}辖区内${attrs.industry.short}企业，数据年度${years[0]}–${lastYear}年（合成数据）`,
            indicatorSystemId: attrs.industry.code === '3360' ? (electroplating?.id ?? null) : null,
            lowCostThreshold_wanYuan: 5,
            createdBy: bureauUser,
          },
        });
      }
      const rows = buildEnterprise(ctx, attrs, auditId);
      batch.push({ rows, auditId });
      if (i === 0) firstEnterprise = { id: rows.enterprise.id ?? '', name: rows.enterprise.name };
      const a = anomalyBy.get(i);
      if (a) anomalyIds.push({ ...a, enterpriseId: attrs.id });
    }
    // Evidence stubs into the store one at a time (only their rows stay in memory).
    const evidenceRows: (typeof optionEvidence.$inferInsert)[] = [];
    for (const { rows } of batch) {
      for (const e of rows.evidence) {
        const bytes = evidenceBytes(e.row.optionId, e.row.title, e.sizeBytes);
        const stored = await store.put(bytes);
        evidenceRows.push({
          ...e.row,
          storageKey: stored.key,
          sha256: stored.sha256,
          sizeBytes: stored.sizeBytes,
        });
        files++;
        fileBytes += stored.sizeBytes;
      }
    }
    try {
      await database.transaction(async (tx) => {
        await insertChunks(
          tx,
          industryAudits,
          newAudits.map((a) => a.row),
          counts,
          'industry_audits',
        );
        await insertChunks(
          tx,
          enterprises,
          batch.map((b) => b.rows.enterprise),
          counts,
          'enterprises',
        );
        await insertChunks(
          tx,
          enterpriseProducts,
          batch.map((b) => b.rows.product),
          counts,
          'enterprise_products',
        );
        await insertChunks(
          tx,
          consultingEngagements,
          batch.flatMap((b) => (b.rows.engagement ? [b.rows.engagement] : [])),
          counts,
          'consulting_engagements',
        );
        // Values go in while their submissions are drafts (submitted/accepted data are locked), then the statuses.
        await insertChunks(
          tx,
          annualSubmissions,
          batch.flatMap((b) => b.rows.submissions),
          counts,
          'annual_submissions',
        );
        await insertChunks(
          tx,
          annualValues,
          batch.flatMap((b) => b.rows.values),
          counts,
          'annual_values',
        );
        for (const year of years) {
          const at = (m: number, d: number) => new Date(Date.UTC(year + 1, m - 1, d, 2));
          const ids = (status: string) =>
            batch
              .filter((b) => b.rows.finalStatus.get(year) === status)
              .map((b) => b.rows.enterprise.id ?? '');
          const accepted = ids('accepted');
          if (accepted.length > 0) {
            await tx
              .update(annualSubmissions)
              .set({ status: 'accepted', submittedAt: at(3, 10), acceptedAt: at(4, 15) })
              .where(
                and(eq(annualSubmissions.year, year), inArray(annualSubmissions.enterpriseId, accepted)),
              );
          }
          const submitted = ids('submitted');
          if (submitted.length > 0) {
            await tx
              .update(annualSubmissions)
              .set({ status: 'submitted', submittedAt: at(3, 28) })
              .where(
                and(eq(annualSubmissions.year, year), inArray(annualSubmissions.enterpriseId, submitted)),
              );
          }
          for (const b of batch) {
            if (b.rows.finalStatus.get(year) !== 'returned') continue;
            await tx
              .update(annualSubmissions)
              .set({
                status: 'returned',
                submittedAt: at(3, 10),
                returnedAt: at(3, 25),
                returnReason: b.rows.returnReason ?? '请核实',
              })
              .where(
                and(
                  eq(annualSubmissions.year, year),
                  eq(annualSubmissions.enterpriseId, b.rows.enterprise.id ?? ''),
                ),
              );
          }
        }
        await insertChunks(
          tx,
          auditEnterprises,
          batch.map((b) => ({
            auditId: b.auditId,
            enterpriseId: b.rows.enterprise.id ?? '',
            status: 'selected' as const,
            selectionReasons: ['environmental_impact' as const, 'representativeness' as const],
            dataStatus: b.rows.lastStatus === 'draft' ? ('in_progress' as const) : b.rows.lastStatus,
            dataYears: years,
            dataRequestedOn: `${lastYear + 1}-04-25`,
            dataDueOn: `${lastYear + 1}-05-31`,
            consultingFirmId: b.rows.consultingFirmId,
          })),
          counts,
          'audit_enterprises',
        );
        await insertChunks(
          tx,
          cpOptions,
          batch.flatMap((b) => b.rows.options),
          counts,
          'cp_options',
        );
        await insertChunks(
          tx,
          optionBenefits,
          batch.flatMap((b) => b.rows.benefits),
          counts,
          'option_benefits',
        );
        await insertChunks(tx, optionEvidence, evidenceRows, counts, 'option_evidence');
      }, actor);
    } catch (e) {
      throw mapDbError(e) ?? e;
    }
    opts.onProgress?.(end, N, `${end}/${N} 家企业`);
  }

  // -- The first enterprise's account, and the record of this data set ------------------------------------------
  const summaryCounts: Record<string, number> = { ...counts, files, file_bytes: fileBytes };
  try {
    await database.transaction(async (tx) => {
      if (firstEnterprise) {
        await tx
          .update(users)
          .set({ displayName: `${firstEnterprise.name} 环保专员（合成账号）` })
          .where(eq(users.id, entUser.id));
        await tx
          .insert(userRoles)
          .values({ userId: entUser.id, role: 'enterprise_user', enterpriseId: firstEnterprise.id });
        summaryCounts.user_roles = (summaryCounts.user_roles ?? 0) + 1;
      }
      await tx.insert(settings).values({
        key,
        value: {
          version: SYNTH_VERSION,
          seed,
          enterprises: N,
          years,
          optionsPerEnterprise: ctx.optionsPerEnterprise,
          counts: summaryCounts,
          anomalies: anomalyIds,
        },
        description:
          'cpaudit synth: synthetic province (fictitious enterprises); accounts share the documented demo password',
      });
    }, actor);
  } catch (e) {
    throw mapDbError(e) ?? e;
  }
  // After a bulk load, what autovacuum would do a few minutes later (and what a server with it off, as the one
  // here, never does): fresh planner statistics (a table grown from empty is planned as nearly empty: the province
  // bench saw a sequential scan of every benefit line for one audit's options), and the visibility map, without
  // which no index-only scan is possible (the dashboard's data-collection counts read the presence index of
  // annual_values: 26 → 16 ms for the 500-enterprise audit).
  await database.db.execute(sql`vacuum analyze`);
  return {
    version: SYNTH_VERSION,
    seed,
    enterprises: N,
    years,
    counts: summaryCounts,
    anomalies: anomalyIds,
    accounts: [
      ...accounts.map(({ username, role, organisation }) => ({ username, role, organisation })),
      { username: entUser.username, role: entUser.role, organisation: firstEnterprise?.name ?? '' },
    ],
    password: DEMO_PASSWORD,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** The record of a synthetic data set (setting `synth.<seed>`), or null. */
export async function synthRecord(db: Db, seed: number): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, synthSettingKey(seed)));
  return (row?.value as Record<string, unknown> | undefined) ?? null;
}

/** Tables the checksums cover. */
export const CHECKSUM_TABLES = [
  'regions',
  'bureaus',
  'consulting_firms',
  'consulting_engagements',
  'users',
  'user_roles',
  'enterprises',
  'enterprise_products',
  'annual_submissions',
  'annual_values',
  'industry_audits',
  'audit_enterprises',
  'cp_options',
  'option_benefits',
  'option_evidence',
] as const;

/**
 * Row count and MD5 of every covered table's rows (as JSON, sorted), leaving out what differs between two runs by
 * design: random row ids of child rows, timestamps of the write, salted password hashes, the ids of the built-in
 * indicator system's rows (seeded by the services).
 */
export async function synthChecksums(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  const drop = [
    'id',
    'created_at',
    'updated_at',
    'entered_at',
    'uploaded_at',
    'status_changed_at',
    'password_hash',
    'version',
    // Rows of the built-in indicator systems, seeded by the services with ids of their own.
    'indicator_id',
    'indicator_system_id',
  ];
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const table of CHECKSUM_TABLES) {
    const [row] = await executeRows(
      db,
      sql.raw(
        `select count(*)::int as n, md5(coalesce(string_agg(x, '|' order by x), '')) as h from (select (to_jsonb(t) - array[${drop.map((d) => `'${d}'`).join(',')}])::text as x from ${table} t) s`,
      ),
    );
    out[table] = { rows: Number(row?.n ?? 0), md5: String(row?.h ?? '') };
  }
  return out;
}

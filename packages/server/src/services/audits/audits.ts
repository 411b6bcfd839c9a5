/**
 * Industry audits (guideline 3.1, 3.3, 6, 7.1.3): create, list, read, change, move through the five phases,
 * plan each phase, and the work plan view.
 */
import type {
  createAuditBody,
  IndustryAuditDto,
  industryAuditDetailSchema,
  listAuditsQuery,
  transitionAuditBody,
  updateAuditBody,
  updateAuditPhaseBody,
} from '@cpaudit/contract';
import { CpError, findIndustry, normalizeIndustryCode } from '@cpaudit/core';
import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  AUDIT_PHASES,
  type AuditPhase,
  type AuditPhaseRow,
  auditEnterprises,
  auditPhases,
  bureaus,
  type Db,
  type IndustryAudit,
  indicatorSystems,
  industryAudits,
  regionPath,
  regions,
  type Tx,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { hasRole } from '../context.ts';
import { notFound } from '../scope.ts';
import {
  type AuditAccess,
  auditReadable,
  likePattern,
  loadAuditAccess,
  loadPhases,
  requireManage,
  requireNotFuture,
  stamps,
  todayIn,
  writeAudit,
} from './access.ts';
import {
  type AuditStatus,
  auditSchedule,
  isPhase,
  PHASE_ZH,
  STATUS_ZH,
  transitionKind,
  twelveMonthsAfter,
} from './schedule.ts';

type CreateAudit = z.output<typeof createAuditBody>;
type UpdateAudit = z.output<typeof updateAuditBody>;
type ListAudits = z.output<typeof listAuditsQuery>;
type AuditDetail = z.input<typeof industryAuditDetailSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Rules.

/**
 * GB/T 4754-2017 codes of the industry audited, checked and normalised by the core. Sections (letters) are
 * refused: enterprises carry 2–4 digit codes, which an audit's codes are matched against by prefix.
 */
export function checkIndustryCodes(codes: readonly string[]): { codes: string[]; names: string[] } {
  const out: string[] = [];
  const names: string[] = [];
  codes.forEach((raw, k) => {
    const field = `industryCodes.${k}`;
    const row = findIndustry(raw);
    if (!row) {
      throw new CpError(
        'VALIDATION',
        `${field}: “${raw}”不是GB/T 4754-2017行业代码 / not a GB/T 4754-2017 industry code`,
        { field },
      );
    }
    if (row.level === 'section') {
      throw new CpError(
        'VALIDATION',
        `${field}: “${raw}”是门类；请填写大类、中类或小类代码 / a section is too broad: give a division, group or class code`,
        { field },
      );
    }
    if (out.includes(row.code)) {
      throw new CpError('VALIDATION', `${field}: duplicate industry code ${row.code}`, { field });
    }
    out.push(normalizeIndustryCode(row.code));
    names.push(row.name);
  });
  return { codes: out, names };
}

/** Guideline 3.3: an audit period ends after it starts and at most 12 months later. */
export function checkPeriod(periodStart: string, periodEnd: string): void {
  if (periodEnd <= periodStart) {
    throw new CpError('VALIDATION', `periodEnd (${periodEnd}) must be after periodStart (${periodStart})`, {
      field: 'periodEnd',
    });
  }
  const limit = twelveMonthsAfter(periodStart);
  if (periodEnd > limit) {
    throw new CpError(
      'VALIDATION',
      `periodEnd: 审核周期原则上不超过12个月（指南3.3）: a period starting ${periodStart} ends on ${limit} at the latest, got ${periodEnd}`,
      { field: 'periodEnd' },
    );
  }
}

async function regionRow(db: Db, code: string): Promise<{ code: string; name: string; path: string }> {
  const [row] = await db
    .select({ code: regions.code, name: regions.name, path: regions.path })
    .from(regions)
    .where(eq(regions.code, code));
  if (!row) {
    throw new CpError('VALIDATION', `regionCode: unknown administrative division ${code}`, {
      field: 'regionCode',
    });
  }
  return row;
}

function within(path: string, jurisdiction: string): boolean {
  return path === jurisdiction || path.startsWith(`${jurisdiction}/`);
}

async function checkIndicatorSystem(db: Db, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const [row] = await db
    .select({ id: indicatorSystems.id })
    .from(indicatorSystems)
    .where(eq(indicatorSystems.id, id));
  if (!row) {
    throw new CpError('VALIDATION', `indicatorSystemId: no indicator system ${id}`, {
      field: 'indicatorSystemId',
    });
  }
}

/** Planned phase dates must lie within the audit period (3.3). */
function checkPhasesInPeriod(phases: readonly AuditPhaseRow[], periodStart: string, periodEnd: string): void {
  for (const p of phases) {
    for (const d of [p.plannedStart, p.plannedEnd]) {
      if (d === null) continue;
      if (d < periodStart) {
        throw new CpError(
          'VALIDATION',
          `periodStart: phase ${p.phase} is planned from ${d}, before the new period starts (${periodStart})`,
          { field: 'periodStart' },
        );
      }
      if (d > periodEnd) {
        throw new CpError(
          'VALIDATION',
          `periodEnd: phase ${p.phase} is planned until ${d}, after the new period ends (${periodEnd})`,
          { field: 'periodEnd' },
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

const auditColumns = {
  audit: industryAudits,
  bureauName: bureaus.name,
  regionName: regions.name,
  selectedEnterprises: sql<number>`(select cast(count(*) as int) from ${auditEnterprises} ae
    where ae.audit_id = ${industryAudits.id} and ae.status = 'selected')`,
};

function auditDto(
  row: { audit: IndustryAudit; bureauName: string; regionName: string; selectedEnterprises: number },
  phases: readonly AuditPhaseRow[],
  today: string,
): IndustryAuditDto {
  const a = row.audit;
  return {
    id: a.id,
    title: a.title,
    bureauId: a.bureauId,
    bureauName: row.bureauName,
    regionCode: a.regionCode,
    regionName: row.regionName,
    industryCodes: a.industryCodes,
    industryName: a.industryName,
    periodStart: a.periodStart,
    periodEnd: a.periodEnd,
    status: a.status,
    scope: a.scope,
    purpose: a.purpose,
    indicatorSystemId: a.indicatorSystemId,
    lowCostThreshold_wanYuan: a.lowCostThreshold_wanYuan,
    createdBy: a.createdBy,
    selectedEnterprises: Number(row.selectedEnterprises),
    schedule: auditSchedule(a.status, phases, today),
    ...stamps(a),
  };
}

export function phaseDto(p: AuditPhaseRow) {
  return {
    id: p.id,
    phase: p.phase,
    nameZh: PHASE_ZH[p.phase],
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    actualStart: p.actualStart,
    actualEnd: p.actualEnd,
    workContent: p.workContent,
    responsible: p.responsible,
    outputs: p.outputs,
    ...stamps(p),
  };
}

export function sortPhases<T extends { phase: AuditPhase }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => AUDIT_PHASES.indexOf(a.phase) - AUDIT_PHASES.indexOf(b.phase));
}

async function detail(db: Db, access: AuditAccess, today: string): Promise<AuditDetail> {
  const id = access.audit.id;
  const [row] = await db
    .select(auditColumns)
    .from(industryAudits)
    .innerJoin(bureaus, eq(bureaus.id, industryAudits.bureauId))
    .innerJoin(regions, eq(regions.code, industryAudits.regionCode))
    .where(eq(industryAudits.id, id));
  if (!row) throw notFound('audit', id);
  const phases = sortPhases((await loadPhases(db, [id])).get(id) ?? []);
  return {
    ...auditDto(row, phases, today),
    phases: phases.map(phaseDto),
    access: {
      manage: access.manage,
      assignExperts: access.lead,
      limitedToEnterprises: access.enterprises,
    },
  };
}

const SORTS = {
  title: industryAudits.title,
  periodStart: industryAudits.periodStart,
  periodEnd: industryAudits.periodEnd,
  status: industryAudits.status,
  createdAt: industryAudits.createdAt,
  updatedAt: industryAudits.updatedAt,
} as const;

export async function listAudits(
  ctx: ServiceContext,
  q: ListAudits,
): Promise<{ items: IndustryAuditDto[]; total: number }> {
  const conds: SQL[] = [auditReadable(ctx.actor)];
  if (q.q) {
    const p = likePattern(q.q);
    const text = or(ilike(industryAudits.title, p), ilike(industryAudits.industryName, p));
    if (text) conds.push(text);
  }
  if (q.status) conds.push(eq(industryAudits.status, q.status));
  if (q.bureauId) conds.push(eq(industryAudits.bureauId, q.bureauId));
  if (q.regionCode) {
    const path = regionPath(q.regionCode);
    conds.push(
      sql`(${industryAudits.regionPath} = ${path} or ${industryAudits.regionPath} like ${`${path}/%`})`,
    );
  }
  if (q.industryCode) {
    // The audit covers the code when one of its codes is the code or an ancestor of it, or lies under it.
    conds.push(sql`exists (select 1 from unnest(${industryAudits.industryCodes}) c
      where ${q.industryCode} like c || '%' or c like ${`${q.industryCode}%`})`);
  }
  if (q.year !== undefined) {
    conds.push(
      sql`${industryAudits.periodStart} <= ${`${q.year}-12-31`} and ${industryAudits.periodEnd} >= ${`${q.year}-01-01`}`,
    );
  }
  const where = and(...conds);
  // Without an explicit sort the newest audits come first.
  const sortCol = SORTS[q.sort ?? 'createdAt'];
  const direction = q.sort === undefined || q.order === 'desc' ? desc : asc;
  const rows = await ctx.db
    .select(auditColumns)
    .from(industryAudits)
    .innerJoin(bureaus, eq(bureaus.id, industryAudits.bureauId))
    .innerJoin(regions, eq(regions.code, industryAudits.regionCode))
    .where(where)
    .orderBy(direction(sortCol), asc(industryAudits.id))
    .limit(q.limit)
    .offset(q.offset);
  const [count] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(industryAudits)
    .where(where);
  const phases = await loadPhases(
    ctx.db,
    rows.map((r) => r.audit.id),
  );
  const today = todayIn(ctx.now());
  return {
    items: rows.map((r) => auditDto(r, phases.get(r.audit.id) ?? [], today)),
    total: Number(count?.n ?? 0),
  };
}

export async function getAudit(ctx: ServiceContext, id: string): Promise<AuditDetail> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, id);
  return detail(ctx.db, access, todayIn(ctx.now()));
}

// ---------------------------------------------------------------------------------------------------------------
// Writing.

/** The bureau leading a new audit: the caller's own (bureau staff) or any (admin, who must name it). */
async function leadBureau(
  db: Db,
  ctx: ServiceContext,
  bureauId: string | undefined,
): Promise<{ id: string; name: string; jurisdictionPath: string }> {
  const own = ctx.actor.roles
    .filter((g) => g.role === 'bureau_staff' && g.bureauId !== null)
    .map((g) => g.bureauId ?? '');
  const admin = hasRole(ctx.actor, 'platform_admin');
  let id = bureauId;
  if (id === undefined) {
    if (!admin && own.length === 1) id = own[0];
    else {
      throw new CpError('VALIDATION', 'bureauId: name the bureau that leads the audit', {
        field: 'bureauId',
      });
    }
  }
  if (id === undefined) throw new CpError('VALIDATION', 'bureauId is required', { field: 'bureauId' });
  if (!admin && !own.includes(id)) {
    throw new CpError('FORBIDDEN', 'bureauId: you can create audits only for your own bureau', {
      field: 'bureauId',
    });
  }
  const [row] = await db
    .select({ id: bureaus.id, name: bureaus.name, jurisdictionPath: bureaus.jurisdictionPath })
    .from(bureaus)
    .where(eq(bureaus.id, id));
  if (!row) throw new CpError('VALIDATION', `bureauId: no bureau ${id}`, { field: 'bureauId' });
  return row;
}

export async function createAudit(ctx: ServiceContext, body: CreateAudit): Promise<AuditDetail> {
  checkPeriod(body.periodStart, body.periodEnd);
  const industry = checkIndustryCodes(body.industryCodes);
  const id = await writeAudit(ctx, async (tx) => {
    const bureau = await leadBureau(tx, ctx, body.bureauId);
    const region = await regionRow(tx, body.regionCode);
    if (!within(region.path, bureau.jurisdictionPath)) {
      throw new CpError(
        hasRole(ctx.actor, 'platform_admin') ? 'VALIDATION' : 'FORBIDDEN',
        `regionCode: ${region.name} (${region.code}) is not in the jurisdiction of ${bureau.name}`,
        { field: 'regionCode' },
      );
    }
    await checkIndicatorSystem(tx, body.indicatorSystemId);
    const [audit] = await tx
      .insert(industryAudits)
      .values({
        title: body.title,
        bureauId: bureau.id,
        regionCode: region.code,
        industryCodes: industry.codes,
        industryName: body.industryName ?? industry.names.join('、'),
        periodStart: body.periodStart,
        periodEnd: body.periodEnd,
        scope: body.scope ?? null,
        purpose: body.purpose ?? null,
        indicatorSystemId: body.indicatorSystemId ?? null,
        lowCostThreshold_wanYuan: body.lowCostThreshold_wanYuan ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning({ id: industryAudits.id });
    if (!audit) throw new CpError('INTERNAL', 'audit insert returned nothing');
    await tx.insert(auditPhases).values(AUDIT_PHASES.map((phase) => ({ auditId: audit.id, phase })));
    return audit.id;
  });
  return getAudit(ctx, id);
}

export async function updateAudit(ctx: ServiceContext, id: string, body: UpdateAudit): Promise<AuditDetail> {
  await writeAudit(ctx, async (tx) => {
    const access = await requireManage(tx, ctx.actor, id, { allowClosed: false });
    const a = access.audit;
    const periodStart = body.periodStart ?? a.periodStart;
    const periodEnd = body.periodEnd ?? a.periodEnd;
    if (body.periodStart !== undefined || body.periodEnd !== undefined) {
      checkPeriod(periodStart, periodEnd);
      const phases = (await loadPhases(tx, [id])).get(id) ?? [];
      checkPhasesInPeriod(phases, periodStart, periodEnd);
    }
    const set: Partial<typeof industryAudits.$inferInsert> = {};
    if (body.industryCodes !== undefined) {
      const industry = checkIndustryCodes(body.industryCodes);
      set.industryCodes = industry.codes;
      if (body.industryName === undefined) set.industryName = industry.names.join('、');
    }
    if (body.regionCode !== undefined) {
      const region = await regionRow(tx, body.regionCode);
      const [bureau] = await tx
        .select({ name: bureaus.name, path: bureaus.jurisdictionPath })
        .from(bureaus)
        .where(eq(bureaus.id, a.bureauId));
      if (!bureau || !within(region.path, bureau.path)) {
        throw new CpError(
          'VALIDATION',
          `regionCode: ${region.name} (${region.code}) is not in the jurisdiction of the audit's bureau`,
          { field: 'regionCode' },
        );
      }
      set.regionCode = region.code;
    }
    if (body.indicatorSystemId !== undefined) {
      await checkIndicatorSystem(tx, body.indicatorSystemId);
      set.indicatorSystemId = body.indicatorSystemId;
    }
    if (body.title !== undefined) set.title = body.title;
    if (body.industryName !== undefined) set.industryName = body.industryName;
    if (body.periodStart !== undefined) set.periodStart = body.periodStart;
    if (body.periodEnd !== undefined) set.periodEnd = body.periodEnd;
    if (body.scope !== undefined) set.scope = body.scope;
    if (body.purpose !== undefined) set.purpose = body.purpose;
    if (body.lowCostThreshold_wanYuan !== undefined)
      set.lowCostThreshold_wanYuan = body.lowCostThreshold_wanYuan;
    await updateVersioned(tx, id, body.version, set);
  });
  return getAudit(ctx, id);
}

/** Updates the audit row when `version` matches (an empty change still bumps the version). */
async function updateVersioned(
  tx: Tx,
  id: string,
  version: number,
  set: Partial<typeof industryAudits.$inferInsert>,
): Promise<void> {
  const [row] = await tx
    .update(industryAudits)
    .set({ ...set, updatedAt: new Date() })
    .where(versionMatches(industryAudits, id, version))
    .returning({ id: industryAudits.id });
  if (!row) await throwVersionFailure(tx, industryAudits, id, version, 'audit');
}

/**
 * Moves the audit along the five phases (6): one step forward (the phase left gets its actual end, the phase
 * entered its actual start, both on `on`), one step back (reopening: the phase left loses its actual dates,
 * the phase re-entered its actual end), or cancelled from any open status.
 */
export async function transitionAudit(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof transitionAuditBody>,
): Promise<AuditDetail> {
  const today = todayIn(ctx.now());
  const on = body.on ?? today;
  requireNotFuture(on, today, 'on');
  await writeAudit(ctx, async (tx) => {
    const access = await loadAuditAccess(tx, ctx.actor, id, { lock: true });
    if (!access.manage) throw notFound('audit', id);
    const from: AuditStatus = access.audit.status;
    const kind = transitionKind(from, body.to);
    if (kind === null) {
      throw new CpError(
        'STATE_CONFLICT',
        `to: an audit in 「${STATUS_ZH[from]}」 (${from}) cannot move to 「${STATUS_ZH[body.to]}」 (${body.to}); ` +
          'phases follow the order of guideline 6 one step at a time',
        { field: 'to' },
      );
    }
    await updateVersioned(tx, id, body.version, { status: body.to });
    const phases = (await loadPhases(tx, [id])).get(id) ?? [];
    const row = (p: string) => phases.find((x) => x.phase === p);
    const setPhase = async (phase: AuditPhase, set: Partial<typeof auditPhases.$inferInsert>) => {
      await tx
        .update(auditPhases)
        .set({ ...set, updatedAt: new Date() })
        .where(and(eq(auditPhases.auditId, id), eq(auditPhases.phase, phase)));
    };
    if (kind === 'forward') {
      if (isPhase(from)) {
        const left = row(from);
        if (left?.actualStart && on < left.actualStart) {
          throw new CpError(
            'VALIDATION',
            `on: ${on} is before the phase ${from} started (${left.actualStart})`,
            { field: 'on' },
          );
        }
        await setPhase(from, { actualEnd: on });
      }
      if (isPhase(body.to)) {
        const entered = row(body.to);
        await setPhase(body.to, { actualStart: entered?.actualStart ?? on, actualEnd: null });
      }
    } else if (kind === 'back') {
      if (isPhase(from)) await setPhase(from, { actualStart: null, actualEnd: null });
      if (isPhase(body.to)) await setPhase(body.to, { actualEnd: null });
    }
  });
  return getAudit(ctx, id);
}

export async function updateAuditPhase(
  ctx: ServiceContext,
  id: string,
  phase: AuditPhase,
  body: z.output<typeof updateAuditPhaseBody>,
) {
  const today = todayIn(ctx.now());
  return writeAudit(ctx, async (tx) => {
    const access = await requireManage(tx, ctx.actor, id, { allowClosed: false });
    const [current] = await tx
      .select()
      .from(auditPhases)
      .where(and(eq(auditPhases.auditId, id), eq(auditPhases.phase, phase)));
    if (!current) throw notFound('phase', `${id}/${phase}`);
    const merged = {
      plannedStart: body.plannedStart === undefined ? current.plannedStart : body.plannedStart,
      plannedEnd: body.plannedEnd === undefined ? current.plannedEnd : body.plannedEnd,
      actualStart: body.actualStart === undefined ? current.actualStart : body.actualStart,
      actualEnd: body.actualEnd === undefined ? current.actualEnd : body.actualEnd,
    };
    const { periodStart, periodEnd } = access.audit;
    for (const f of ['plannedStart', 'plannedEnd'] as const) {
      const d = merged[f];
      if (d !== null && (d < periodStart || d > periodEnd)) {
        throw new CpError(
          'VALIDATION',
          `${f}: ${d} lies outside the audit period ${periodStart} – ${periodEnd} (指南3.3)`,
          { field: f },
        );
      }
    }
    if (merged.plannedStart && merged.plannedEnd && merged.plannedEnd < merged.plannedStart) {
      throw new CpError('VALIDATION', 'plannedEnd: the planned end is before the planned start', {
        field: 'plannedEnd',
      });
    }
    if (merged.actualStart && merged.actualEnd && merged.actualEnd < merged.actualStart) {
      throw new CpError('VALIDATION', 'actualEnd: the actual end is before the actual start', {
        field: 'actualEnd',
      });
    }
    requireNotFuture(merged.actualStart, today, 'actualStart');
    requireNotFuture(merged.actualEnd, today, 'actualEnd');
    const set: Partial<typeof auditPhases.$inferInsert> = { ...merged, updatedAt: new Date() };
    if (body.workContent !== undefined) set.workContent = body.workContent;
    if (body.responsible !== undefined) set.responsible = body.responsible;
    if (body.outputs !== undefined) set.outputs = body.outputs;
    const [row] = await tx
      .update(auditPhases)
      .set(set)
      .where(versionMatches(auditPhases, current.id, body.version))
      .returning();
    if (!row) return throwVersionFailure(tx, auditPhases, current.id, body.version, 'phase');
    return phaseDto(row);
  });
}

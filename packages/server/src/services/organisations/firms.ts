/**
 * Consulting firms (咨询服务机构) and their engagements by enterprises (委托咨询服务机构).
 *
 * Firms: listed by scope (visibility.ts), created and edited by platform admins; the credit code is checked with
 * the core's GB 32100-2015 parser and stored normalised.
 * Engagements: the enterprise's own users and admins record them; a consultant of the firm sees and edits the
 * enterprise while the engagement is current (`ended_on` null or not passed, services/scope.ts). Ending an
 * engagement sets its last day; by default yesterday, so the firm's access ends at once.
 */
import type {
  ConsultingFirmDto,
  createConsultingFirmBody,
  createEngagementBody,
  EngagementDto,
  endEngagementBody,
  listConsultingFirmsQuery,
  updateConsultingFirmBody,
} from '@cpaudit/contract';
import { CpError, isCpError, parseUscc } from '@cpaudit/core';
import { and, asc, count, desc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type ConsultingEngagement,
  type ConsultingFirm,
  consultingEngagements,
  consultingFirms,
  type Db,
  enterprises,
  executeRows,
  preparedFor,
  regions,
} from '../../db/index.ts';
import { type Actor, type ServiceContext, write } from '../context.ts';
import { enterpriseVisible, isAdmin, notFound } from '../scope.ts';
import { atField, containsPattern, guardDb, isEmpty, iso, patchOf, versionConflict } from './common.ts';
import { consultingFirmVisible } from './visibility.ts';

/** The normalised credit code, or VALIDATION naming `field` and the position at fault. */
export function validCreditCode(code: string, field: string): string {
  try {
    return parseUscc(code).normalized;
  } catch (e) {
    throw isCpError(e) ? atField(e, field) : e;
  }
}

export function toFirmDto(f: ConsultingFirm, regionName: string | null): ConsultingFirmDto {
  return {
    id: f.id,
    uscc: f.uscc,
    name: f.name,
    regionCode: f.regionCode,
    regionName,
    address: f.address,
    contactPerson: f.contactPerson,
    contactPhone: f.contactPhone,
    note: f.note,
    version: f.version,
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.updatedAt),
  };
}

const FIRM_SORT = {
  name: consultingFirms.name,
  uscc: consultingFirms.uscc,
  createdAt: consultingFirms.createdAt,
} as const;

export async function listConsultingFirms(
  ctx: ServiceContext,
  query: z.output<typeof listConsultingFirmsQuery>,
): Promise<{ items: ConsultingFirmDto[]; total: number }> {
  const conds: SQL[] = [consultingFirmVisible(ctx.actor)];
  if (query.q) {
    const p = containsPattern(query.q);
    conds.push(or(ilike(consultingFirms.name, p), ilike(consultingFirms.uscc, p)) ?? sql`false`);
  }
  const where = and(...conds);
  const dir = query.order === 'desc' ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ firm: consultingFirms, regionName: regions.name })
      .from(consultingFirms)
      .leftJoin(regions, eq(regions.code, consultingFirms.regionCode))
      .where(where)
      .orderBy(dir(FIRM_SORT[query.sort]), asc(consultingFirms.id))
      .limit(query.limit)
      .offset(query.offset),
    ctx.db.select({ n: count() }).from(consultingFirms).where(where),
  ]);
  return { items: rows.map((r) => toFirmDto(r.firm, r.regionName)), total: total?.n ?? 0 };
}

async function loadFirm(db: Db, id: string, visible: SQL): Promise<ConsultingFirmDto | undefined> {
  const [row] = await db
    .select({ firm: consultingFirms, regionName: regions.name })
    .from(consultingFirms)
    .leftJoin(regions, eq(regions.code, consultingFirms.regionCode))
    .where(and(eq(consultingFirms.id, id), visible));
  return row ? toFirmDto(row.firm, row.regionName) : undefined;
}

export async function getConsultingFirm(ctx: ServiceContext, id: string): Promise<ConsultingFirmDto> {
  const f = await loadFirm(ctx.db, id, consultingFirmVisible(ctx.actor));
  if (!f) throw notFound('consulting firm', id);
  return f;
}

async function requireRegion(db: Db, code: string, field: string): Promise<void> {
  const [r] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  if (!r) throw new CpError('VALIDATION', `region ${code} does not exist`, { field });
}

const FIRM_FIELDS = {
  consulting_firms_uscc_unique: 'body.uscc',
  consulting_firms_uscc_valid: 'body.uscc',
  consulting_firms_region_code_regions_code_fk: 'body.regionCode',
};

export async function createConsultingFirm(
  ctx: ServiceContext,
  body: z.output<typeof createConsultingFirmBody>,
): Promise<ConsultingFirmDto> {
  const uscc = validCreditCode(body.uscc, 'body.uscc');
  return write(ctx, async (tx) => {
    if (body.regionCode) await requireRegion(tx, body.regionCode, 'body.regionCode');
    const [row] = await guardDb(
      () =>
        tx
          .insert(consultingFirms)
          .values({
            uscc,
            name: body.name,
            regionCode: body.regionCode ?? null,
            address: body.address ?? null,
            contactPerson: body.contactPerson ?? null,
            contactPhone: body.contactPhone ?? null,
            note: body.note ?? null,
          })
          .returning({ id: consultingFirms.id }),
      FIRM_FIELDS,
    );
    if (!row) throw new CpError('INTERNAL', 'consulting firm insert returned nothing');
    const dto = await loadFirm(tx, row.id, sql`true`);
    if (!dto) throw new CpError('INTERNAL', 'consulting firm vanished after insert');
    return dto;
  });
}

export async function updateConsultingFirm(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof updateConsultingFirmBody>,
): Promise<ConsultingFirmDto> {
  const patch = patchOf(body);
  if (patch.uscc !== undefined) patch.uscc = validCreditCode(patch.uscc, 'body.uscc');
  return write(ctx, async (tx) => {
    const [current] = await tx.select().from(consultingFirms).where(eq(consultingFirms.id, id));
    if (!current) throw notFound('consulting firm', id);
    if (current.version !== body.version)
      throw versionConflict('consulting firm', id, current.version, body.version);
    if (patch.regionCode) await requireRegion(tx, patch.regionCode, 'body.regionCode');
    if (!isEmpty(patch)) {
      const [row] = await guardDb(
        () =>
          tx
            .update(consultingFirms)
            .set(patch)
            .where(and(eq(consultingFirms.id, id), eq(consultingFirms.version, body.version)))
            .returning({ id: consultingFirms.id }),
        FIRM_FIELDS,
      );
      if (!row) throw versionConflict('consulting firm', id, null, body.version);
    }
    const dto = await loadFirm(tx, id, sql`true`);
    if (!dto) throw notFound('consulting firm', id);
    return dto;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Engagements

const CURRENT = sql<boolean>`(${consultingEngagements.endedOn} is null or ${consultingEngagements.endedOn} >= current_date)`;

function toEngagementDto(
  e: ConsultingEngagement,
  firm: { name: string; uscc: string },
  current: boolean,
): EngagementDto {
  return {
    id: e.id,
    enterpriseId: e.enterpriseId,
    consultingFirmId: e.consultingFirmId,
    firmName: firm.name,
    firmUscc: firm.uscc,
    startedOn: e.startedOn,
    endedOn: e.endedOn,
    current,
    scope: e.scope,
    contactPerson: e.contactPerson,
    contactPhone: e.contactPhone,
    version: e.version,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  };
}

/** The engagements of an enterprise (newest first), or one of them. */
function engagementsQuery(db: Db) {
  return db
    .select({
      e: consultingEngagements,
      firmName: consultingFirms.name,
      firmUscc: consultingFirms.uscc,
      current: CURRENT,
    })
    .from(consultingEngagements)
    .innerJoin(consultingFirms, eq(consultingFirms.id, consultingEngagements.consultingFirmId))
    .$dynamic();
}

export async function loadEngagements(
  db: Db,
  enterpriseId: string,
  engagementId?: string,
): Promise<EngagementDto[]> {
  const rows = engagementId
    ? await engagementsQuery(db)
        .where(
          and(
            eq(consultingEngagements.enterpriseId, enterpriseId),
            eq(consultingEngagements.id, engagementId),
          ),
        )
        .orderBy(desc(consultingEngagements.startedOn), asc(consultingEngagements.id))
    : // Every enterprise page view lists them: prepared once per database handle (db/prepared.ts).
      await preparedFor(db, 'enterprise-engagements', (d) =>
        engagementsQuery(d)
          .where(eq(consultingEngagements.enterpriseId, sql.placeholder('enterpriseId')))
          .orderBy(desc(consultingEngagements.startedOn), asc(consultingEngagements.id))
          .prepare('cp_enterprise_engagements'),
      ).execute({ enterpriseId });
  return rows.map((r) => toEngagementDto(r.e, { name: r.firmName, uscc: r.firmUscc }, Boolean(r.current)));
}

/** The enterprise must be visible (else 404); recording engagements is for its own users and admins (else 403). */
async function requireEngagementEditor(db: Db, actor: Actor, enterpriseId: string): Promise<void> {
  const [ent] = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.id, enterpriseId), enterpriseVisible(actor)));
  if (!ent) throw notFound('enterprise', enterpriseId);
  const own = actor.roles.some((g) => g.role === 'enterprise_user' && g.enterpriseId === enterpriseId);
  if (!isAdmin(actor) && !own) {
    throw new CpError(
      'FORBIDDEN',
      "only the enterprise's own users and platform admins record its consulting firms",
    );
  }
}

export async function listEngagements(
  ctx: ServiceContext,
  enterpriseId: string,
): Promise<{ items: EngagementDto[] }> {
  const [ent] = await ctx.db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.id, enterpriseId), enterpriseVisible(ctx.actor)));
  if (!ent) throw notFound('enterprise', enterpriseId);
  return { items: await loadEngagements(ctx.db, enterpriseId) };
}

async function todayAndYesterday(db: Db): Promise<{ today: string; yesterday: string }> {
  const [row] = await executeRows(
    db,
    sql`select current_date::text as today, (current_date - 1)::text as yesterday`,
  );
  const today = row?.today;
  const yesterday = row?.yesterday;
  if (typeof today !== 'string' || typeof yesterday !== 'string')
    throw new CpError('INTERNAL', 'no current date');
  return { today, yesterday };
}

const ENGAGEMENT_FIELDS = {
  consulting_engagements_unique: 'body.startedOn',
  consulting_engagements_dates_ordered: 'body.endedOn',
  consulting_engagements_consulting_firm_id_consulting_firms_id_fk: 'body.consultingFirmId',
};

export async function createEngagement(
  ctx: ServiceContext,
  enterpriseId: string,
  body: z.output<typeof createEngagementBody>,
): Promise<EngagementDto> {
  const usccGiven = body.consultingFirmUscc;
  const uscc = usccGiven === undefined ? undefined : validCreditCode(usccGiven, 'body.consultingFirmUscc');
  if (body.endedOn && body.endedOn < body.startedOn) {
    throw new CpError(
      'VALIDATION',
      `the engagement cannot end (${body.endedOn}) before it starts (${body.startedOn})`,
      {
        field: 'body.endedOn',
      },
    );
  }
  return write(ctx, async (tx) => {
    await requireEngagementEditor(tx, ctx.actor, enterpriseId);
    let firmId: string;
    if (uscc !== undefined) {
      const [firm] = await tx
        .select({ id: consultingFirms.id })
        .from(consultingFirms)
        .where(eq(consultingFirms.uscc, uscc));
      if (!firm) {
        throw new CpError(
          'VALIDATION',
          `no consulting firm with credit code ${uscc} is registered; ask a platform administrator to add it`,
          { field: 'body.consultingFirmUscc' },
        );
      }
      firmId = firm.id;
    } else {
      const id = body.consultingFirmId ?? '';
      const [firm] = await tx
        .select({ id: consultingFirms.id })
        .from(consultingFirms)
        .where(and(eq(consultingFirms.id, id), consultingFirmVisible(ctx.actor)));
      if (!firm) {
        throw new CpError('VALIDATION', `consulting firm ${id} not found (give its credit code instead)`, {
          field: 'body.consultingFirmId',
        });
      }
      firmId = firm.id;
    }
    const [open] = await tx
      .select({ id: consultingEngagements.id, startedOn: consultingEngagements.startedOn })
      .from(consultingEngagements)
      .where(
        and(
          eq(consultingEngagements.enterpriseId, enterpriseId),
          eq(consultingEngagements.consultingFirmId, firmId),
          or(isNull(consultingEngagements.endedOn), sql`${consultingEngagements.endedOn} >= current_date`),
        ),
      );
    if (open) {
      throw new CpError(
        'CONFLICT',
        `this firm is already engaged (since ${open.startedOn}); end that engagement first`,
        {
          field: uscc === undefined ? 'body.consultingFirmId' : 'body.consultingFirmUscc',
        },
      );
    }
    const [row] = await guardDb(
      () =>
        tx
          .insert(consultingEngagements)
          .values({
            consultingFirmId: firmId,
            enterpriseId,
            startedOn: body.startedOn,
            endedOn: body.endedOn ?? null,
            scope: body.scope ?? null,
            contactPerson: body.contactPerson ?? null,
            contactPhone: body.contactPhone ?? null,
          })
          .returning({ id: consultingEngagements.id }),
      ENGAGEMENT_FIELDS,
    );
    if (!row) throw new CpError('INTERNAL', 'engagement insert returned nothing');
    const [dto] = await loadEngagements(tx, enterpriseId, row.id);
    if (!dto) throw new CpError('INTERNAL', 'engagement vanished after insert');
    return dto;
  });
}

async function currentEngagement(
  db: Db,
  enterpriseId: string,
  engagementId: string,
): Promise<ConsultingEngagement> {
  const [row] = await db
    .select()
    .from(consultingEngagements)
    .where(
      and(eq(consultingEngagements.id, engagementId), eq(consultingEngagements.enterpriseId, enterpriseId)),
    );
  if (!row) throw notFound('engagement', engagementId);
  return row;
}

export async function endEngagement(
  ctx: ServiceContext,
  enterpriseId: string,
  engagementId: string,
  body: z.output<typeof endEngagementBody>,
): Promise<EngagementDto> {
  return write(ctx, async (tx) => {
    await requireEngagementEditor(tx, ctx.actor, enterpriseId);
    const e = await currentEngagement(tx, enterpriseId, engagementId);
    if (e.version !== body.version)
      throw versionConflict('engagement', engagementId, e.version, body.version);
    const { today, yesterday } = await todayAndYesterday(tx);
    if (e.endedOn !== null && e.endedOn < today) {
      throw new CpError('STATE_CONFLICT', `the engagement already ended on ${e.endedOn}`, {
        field: 'body.endedOn',
      });
    }
    const endedOn = body.endedOn ?? yesterday;
    if (endedOn < e.startedOn) {
      throw new CpError(
        'VALIDATION',
        `the engagement started on ${e.startedOn}: it cannot end on ${endedOn}${body.endedOn ? '' : ' (yesterday, so that access ends now)'}; delete it if it was recorded by mistake`,
        { field: 'body.endedOn' },
      );
    }
    const [row] = await guardDb(
      () =>
        tx
          .update(consultingEngagements)
          .set({ endedOn })
          .where(
            and(eq(consultingEngagements.id, engagementId), eq(consultingEngagements.version, body.version)),
          )
          .returning({ id: consultingEngagements.id }),
      ENGAGEMENT_FIELDS,
    );
    if (!row) throw versionConflict('engagement', engagementId, null, body.version);
    const [dto] = await loadEngagements(tx, enterpriseId, engagementId);
    if (!dto) throw notFound('engagement', engagementId);
    return dto;
  });
}

export async function deleteEngagement(
  ctx: ServiceContext,
  enterpriseId: string,
  engagementId: string,
  version: number,
): Promise<{ ok: true }> {
  return write(ctx, async (tx) => {
    await requireEngagementEditor(tx, ctx.actor, enterpriseId);
    const e = await currentEngagement(tx, enterpriseId, engagementId);
    if (e.version !== version) throw versionConflict('engagement', engagementId, e.version, version);
    const deleted = await guardDb(() =>
      tx
        .delete(consultingEngagements)
        .where(and(eq(consultingEngagements.id, engagementId), eq(consultingEngagements.version, version)))
        .returning({ id: consultingEngagements.id }),
    );
    if (deleted.length === 0) throw versionConflict('engagement', engagementId, null, version);
    return { ok: true as const };
  });
}

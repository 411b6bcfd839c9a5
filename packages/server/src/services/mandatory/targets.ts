/**
 * 本轮清洁生产目标完成情况 [11] of the Guangdong performance form: rows of 指标名称（单位）, 审核前, 审核后, 近期目标值.
 * A row measured on an annual-data item (`itemCode`) takes its 审核前 value from that item in the audit's data
 * year when none is given, converted to the row's unit by the core's units (left empty when the units differ in
 * dimension). Rows are edited under the audit's permission and status rules (audits.ts `loadEditable`).
 */
import type {
  createMandatoryAuditTargetBody,
  MandatoryAuditTarget,
  updateMandatoryAuditTargetBody,
} from '@cpaudit/contract';
import { CpError, convertValue, isCpError } from '@cpaudit/core';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  annualValues,
  type Db,
  type MandatoryAudit,
  mandatoryAuditTargets,
  type MandatoryAuditTarget as TargetRow,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import { type ServiceContext, write } from '../context.ts';
import { notFound } from '../scope.ts';
import { loadEditable } from './audits.ts';
import { targetView, withDbErrors } from './common.ts';

type CreateBody = z.output<typeof createMandatoryAuditTargetBody>;
type UpdateBody = z.output<typeof updateMandatoryAuditTargetBody>;

/** The item's value in the audit's data year, in `unit`; null when absent or of another dimension. */
async function annualValueIn(
  db: Db,
  audit: MandatoryAudit,
  itemCode: string,
  unit: string,
): Promise<number | null> {
  const [v] = await db
    .select({ quantity: annualValues.quantity, unit: annualValues.unit })
    .from(annualValues)
    .where(
      and(
        eq(annualValues.enterpriseId, audit.enterpriseId),
        eq(annualValues.year, audit.dataYear),
        eq(annualValues.itemCode, itemCode),
      ),
    );
  if (!v) return null;
  if (v.unit === unit) return v.quantity;
  try {
    return convertValue(v.quantity, v.unit, unit);
  } catch (e) {
    if (isCpError(e)) return null;
    throw e;
  }
}

async function loadTarget(db: Db, auditId: string, targetId: string): Promise<TargetRow> {
  const [t] = await db
    .select()
    .from(mandatoryAuditTargets)
    .where(and(eq(mandatoryAuditTargets.id, targetId), eq(mandatoryAuditTargets.mandatoryAuditId, auditId)));
  if (!t) throw notFound('target', targetId);
  return t;
}

export async function createMandatoryAuditTarget(
  ctx: ServiceContext,
  auditId: string,
  body: CreateBody,
): Promise<MandatoryAuditTarget> {
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      const { audit } = await loadEditable(tx, ctx, auditId);
      const itemCode = body.itemCode ?? null;
      let beforeValue = body.beforeValue ?? null;
      if (body.beforeValue === undefined && itemCode !== null) {
        beforeValue = await annualValueIn(tx, audit, itemCode, body.unit);
      }
      let sortOrder = body.sortOrder;
      if (sortOrder === undefined) {
        const [m] = await tx
          .select({ max: sql<number | null>`max(${mandatoryAuditTargets.sortOrder})` })
          .from(mandatoryAuditTargets)
          .where(eq(mandatoryAuditTargets.mandatoryAuditId, auditId));
        sortOrder = m?.max === null || m?.max === undefined ? 0 : Number(m.max) + 1;
      }
      const [row] = await tx
        .insert(mandatoryAuditTargets)
        .values({
          mandatoryAuditId: auditId,
          indicator: body.indicator,
          unit: body.unit,
          itemCode,
          beforeValue,
          afterValue: body.afterValue ?? null,
          nearTermTarget: body.nearTermTarget ?? null,
          sortOrder,
        })
        .returning();
      if (!row) throw new CpError('INTERNAL', 'target insert returned nothing');
      return targetView(row);
    }),
  );
}

export async function updateMandatoryAuditTarget(
  ctx: ServiceContext,
  auditId: string,
  targetId: string,
  body: UpdateBody,
): Promise<MandatoryAuditTarget> {
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      await loadEditable(tx, ctx, auditId);
      const current = await loadTarget(tx, auditId, targetId);
      const { version, ...rest } = body;
      const changes: Partial<Omit<TargetRow, 'id' | 'version'>> = {};
      if (rest.indicator !== undefined) changes.indicator = rest.indicator;
      if (rest.unit !== undefined) changes.unit = rest.unit;
      if (rest.itemCode !== undefined) changes.itemCode = rest.itemCode;
      if (rest.beforeValue !== undefined) changes.beforeValue = rest.beforeValue;
      if (rest.afterValue !== undefined) changes.afterValue = rest.afterValue;
      if (rest.nearTermTarget !== undefined) changes.nearTermTarget = rest.nearTermTarget;
      if (rest.sortOrder !== undefined) changes.sortOrder = rest.sortOrder;
      if (Object.keys(changes).length === 0) {
        if (current.version !== version) {
          await throwVersionFailure(tx, mandatoryAuditTargets, targetId, version, 'target');
        }
        return targetView(current);
      }
      const [row] = await tx
        .update(mandatoryAuditTargets)
        .set(changes)
        .where(versionMatches(mandatoryAuditTargets, targetId, version))
        .returning();
      if (!row) return throwVersionFailure(tx, mandatoryAuditTargets, targetId, version, 'target');
      return targetView(row);
    }),
  );
}

export async function deleteMandatoryAuditTarget(
  ctx: ServiceContext,
  auditId: string,
  targetId: string,
  version: number,
): Promise<{ ok: true }> {
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      await loadEditable(tx, ctx, auditId);
      await loadTarget(tx, auditId, targetId);
      const deleted = await tx
        .delete(mandatoryAuditTargets)
        .where(versionMatches(mandatoryAuditTargets, targetId, version))
        .returning({ id: mandatoryAuditTargets.id });
      if (deleted.length === 0)
        await throwVersionFailure(tx, mandatoryAuditTargets, targetId, version, 'target');
      return { ok: true as const };
    }),
  );
}

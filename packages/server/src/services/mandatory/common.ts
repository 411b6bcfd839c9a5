/**
 * Helpers shared by the mandatory-audit services: database errors as CpErrors, and the target row as returned.
 */
import type { MandatoryAuditTarget } from '@cpaudit/contract';
import { mapDbError, type MandatoryAuditTarget as TargetRow } from '../../db/index.ts';

/** Runs `fn`; a database rule violation (CHECK, unique, foreign key) becomes a CpError naming the rule. */
export async function withDbErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw mapDbError(e) ?? e;
  }
}

export function targetView(t: TargetRow): MandatoryAuditTarget {
  return {
    id: t.id,
    mandatoryAuditId: t.mandatoryAuditId,
    indicator: t.indicator,
    unit: t.unit,
    itemCode: t.itemCode,
    beforeValue: t.beforeValue,
    afterValue: t.afterValue,
    nearTermTarget: t.nearTermTarget,
    sortOrder: t.sortOrder,
    version: t.version,
  };
}

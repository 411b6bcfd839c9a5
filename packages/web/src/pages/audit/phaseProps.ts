/** What every phase tab of the audit workspace receives from the workspace shell (pages/audit/AuditWorkspacePage). */
import type { Api, ResponseOf } from '@cpaudit/contract';

export type AuditDetail = ResponseOf<Api['getAudit']>;

export interface PhaseProps {
  /** The audit as last loaded by the shell (GET /api/audits/:id). */
  readonly audit: AuditDetail;
  /** Reloads the audit in the shell (after a write that changes it: phase dates, status, …). */
  readonly reload: () => void;
  /** True when the current user may change the audit (bureau staff of its jurisdiction, its panel). */
  readonly canEdit: boolean;
}

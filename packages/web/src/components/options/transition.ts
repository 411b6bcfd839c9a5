/**
 * Moving an option to another status (`transitionOption`): what the move needs besides the target (a reason to
 * reject, the implementation date, the verification date) and the call. The server decides whether the move is
 * allowed; a refusal comes back as its message.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { apiClient } from '../../api/apiClient.ts';
import type { OptionStatus } from './labels.ts';

export { transitionNeeds } from './workflow.ts';

export type OptionDetail = ResponseOf<Api['getOption']>;

export function transition(
  id: string,
  version: number,
  to: OptionStatus,
  extra: { reason?: string; implementedOn?: string; verifiedOn?: string } = {},
): Promise<OptionDetail> {
  return apiClient.call('transitionOption', { params: { id }, body: { version, to, ...extra } });
}

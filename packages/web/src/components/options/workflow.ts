/** What a status move of an option needs from the user besides its target (pure: no API, no React). */
import type { OptionStatus } from './labels.ts';

/** What the user must give for the move to `to`. */
export function transitionNeeds(
  to: OptionStatus,
  implementedOn: string | null,
): 'reason' | 'implementedOn' | 'verifiedOn' | null {
  if (to === 'rejected') return 'reason';
  if (to === 'implemented' && !implementedOn) return 'implementedOn';
  if (to === 'verified') return 'verifiedOn';
  return null;
}

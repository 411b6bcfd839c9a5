// Handoff file: replaced by the workspace helper (options / implementation / performance phases).
import type { PhaseProps } from '../phaseProps.ts';

export default function OptionsPhase(_props: PhaseProps) {
  return null;
}

// Handoff file: replaced by the workspace helper (options / implementation / performance phases).
import type { PhaseProps } from '../phaseProps.ts';

export default function PerformancePhase(_props: PhaseProps) {
  return null;
}

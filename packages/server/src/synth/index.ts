/** `cpaudit synth`: a deterministic synthetic province written through the schema in batches (see generate.ts). */

export type { SynthAnomaly } from './enterprise.ts';
export {
  AUDIT_SIZE,
  CHECKSUM_TABLES,
  plantedAnomalies,
  SYNTH_VERSION,
  type SynthAccount,
  type SynthOptions,
  type SynthSummary,
  synthChecksums,
  synthesize,
  synthRecord,
  synthSettingKey,
} from './generate.ts';

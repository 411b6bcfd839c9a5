/**
 * The whole demo data set, built in memory from a seed: the same seed gives the same rows (ids included) on every
 * machine. Nothing here touches a database or a file; `load.ts` writes it.
 */
import { type AnnualRows, buildAnnual } from './annual.ts';
import { type AuditRows, buildAudit } from './audit.ts';
import { buildBalances } from './balances.ts';
import { buildCompliance, type ComplianceRows } from './compliance.ts';
import { buildGuangdong, type GuangdongRows } from './guangdong.ts';
import { buildOrgs, type DemoOrgs } from './orgs.ts';
import { createRng } from './prng.ts';

/** The seed of the shipped demo. */
export const DEMO_SEED = 20_250_301;

export interface DemoDataset {
  seed: number;
  orgs: DemoOrgs;
  annual: AnnualRows;
  audit: AuditRows;
  guangdong: GuangdongRows;
  balances: ReturnType<typeof buildBalances>;
  compliance: ComplianceRows;
}

export function buildDemoDataset(seed: number = DEMO_SEED): DemoDataset {
  const rng = createRng(seed);
  const orgs = buildOrgs(rng.fork('orgs'));
  const annual = buildAnnual(rng.fork('annual'), orgs);
  const audit = buildAudit({ rng: rng.fork('audit'), orgs, annual });
  const guangdong = buildGuangdong(rng.fork('guangdong'), orgs);
  const balances = buildBalances(rng.fork('balances'), annual);
  const compliance = buildCompliance(rng.fork('compliance'), orgs, annual);
  return { seed, orgs, annual, audit, guangdong, balances, compliance };
}

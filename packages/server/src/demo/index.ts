/** The demo data: a 常州 electroplating industry audit and a 惠州 PCB mandatory audit, deterministic for a seed. */
export { DEMO_PASSWORD, type DemoAccount, formatDemoAccounts } from './accounts.ts';
export { DATA_YEARS, PLANTED_ANOMALIES, type PlantedAnomaly, REQUIRED_ITEMS } from './annual.ts';
export { demoChecksInput, pollutantPairs } from './checks.ts';
export { buildDemoDataset, DEMO_SEED, type DemoDataset } from './dataset.ts';
export {
  DEMO_SETTING_KEY,
  type DemoSummary,
  isDatabaseEmpty,
  isDemoLoaded,
  type LoadDemoOptions,
  loadDemo,
} from './load.ts';
export { PCB_NAME } from './orgs.ts';

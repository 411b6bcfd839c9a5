/**
 * The demo accounts: one per role (and per organisation where a role is scoped), all with the one documented
 * demo password. Printed by `cpaudit start` / `cpaudit demo` so a visitor can log in as anyone.
 */
import type { Role } from '@cpaudit/contract';

/** The password of every demo account (documented; change it or disable the accounts before real use). */
export const DEMO_PASSWORD = 'Demo-2025!';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** What the account stands for, in words (printed next to it). */
  organisation: string;
}

/** Printable lines: user name, role, organisation, then the password once. */
export function formatDemoAccounts(accounts: readonly DemoAccount[]): string {
  const width = Math.max(...accounts.map((a) => a.username.length));
  const lines = accounts.map((a) => `  ${a.username.padEnd(width)}  ${a.role.padEnd(15)}  ${a.organisation}`);
  return [...lines, `  password of every demo account: ${DEMO_PASSWORD}`].join('\n');
}

/**
 * Accounts (used by the CLI `cpaudit user add`, the demo loader and the admin API).
 */
import type { Role } from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import { userRoles, users } from '../db/index.ts';
import { hashPassword, passwordProblem } from './auth/passwords.ts';

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  roles: { role: Role; bureauId?: string; enterpriseId?: string; consultingFirmId?: string }[];
  /** Skip the password policy (demo accounts with documented passwords). */
  allowWeakPassword?: boolean;
}

export async function createAccount(
  database: Database,
  a: NewAccount,
  actorUserId: string | null = null,
): Promise<string> {
  const username = a.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(username)) {
    throw new CpError('VALIDATION', 'user name: 1–64 characters, letters, digits, . _ -', {
      field: 'username',
    });
  }
  if (!a.allowWeakPassword) {
    const problem = passwordProblem(a.password);
    if (problem) throw new CpError('VALIDATION', problem, { field: 'password' });
  }
  if (a.roles.length === 0)
    throw new CpError('VALIDATION', 'a user needs at least one role', { field: 'roles' });
  const passwordHash = await hashPassword(a.password);
  return database.transaction(
    async (tx) => {
      const exists = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (exists.length)
        throw new CpError('CONFLICT', `user name "${username}" is taken`, { field: 'username' });
      const [u] = await tx
        .insert(users)
        .values({ username, displayName: a.displayName, passwordHash })
        .returning({ id: users.id });
      if (!u) throw new CpError('INTERNAL', 'user insert returned nothing');
      await tx.insert(userRoles).values(
        a.roles.map((r) => ({
          userId: u.id,
          role: r.role,
          bureauId: r.bureauId ?? null,
          enterpriseId: r.enterpriseId ?? null,
          consultingFirmId: r.consultingFirmId ?? null,
          grantedBy: actorUserId,
        })),
      );
      return u.id;
    },
    { actor: { userId: actorUserId, name: actorUserId ? undefined : 'cpaudit-cli' } },
  );
}

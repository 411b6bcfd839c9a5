/**
 * User accounts (platform admins): list, create with roles (services/users.ts `createAccount`), edit, disable and
 * enable, grant and revoke roles, reset a password; and every user's own password change.
 *
 * Password hashes never leave the database through this API (DTOs are built field by field); the audit-log trigger
 * replaces them by a fingerprint. Safety rules: an admin cannot disable their own account, the last enabled
 * platform admin keeps that role and stays enabled, and a user keeps at least one role.
 */
import { randomBytes } from 'node:crypto';
import type {
  changeOwnPasswordBody,
  createUserBody,
  listUsersQuery,
  resetPasswordBody,
  roleGrantBody,
  UserDto,
  updateUserBody,
} from '@cpaudit/contract';
import { CpError, isCpError } from '@cpaudit/core';
import { and, asc, count, desc, eq, exists, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  bureaus,
  consultingFirms,
  type Db,
  enterprises,
  sessions,
  type User,
  userRoles,
  users,
} from '../../db/index.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.ts';
import { type ServiceContext, write } from '../context.ts';
import { notFound } from '../scope.ts';
import { createAccount } from '../users.ts';
import {
  atField,
  containsPattern,
  guardDb,
  isEmpty,
  iso,
  isoOrNull,
  patchOf,
  versionConflict,
} from './common.ts';

type RoleGrantBody = z.output<typeof roleGrantBody>;

function toUserDto(u: User, roles: UserDto['roles']): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    phone: u.phone,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    failedLogins: u.failedLogins,
    lastLoginAt: isoOrNull(u.lastLoginAt),
    roles,
    version: u.version,
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.updatedAt),
  };
}

async function rolesOf(db: Db, userIds: string[]): Promise<Map<string, UserDto['roles']>> {
  const out = new Map<string, UserDto['roles']>();
  if (userIds.length === 0) return out;
  const rows = await db
    .select({
      id: userRoles.id,
      userId: userRoles.userId,
      role: userRoles.role,
      bureauId: userRoles.bureauId,
      enterpriseId: userRoles.enterpriseId,
      consultingFirmId: userRoles.consultingFirmId,
      bureauName: bureaus.name,
      enterpriseName: enterprises.name,
      firmName: consultingFirms.name,
    })
    .from(userRoles)
    .leftJoin(bureaus, eq(bureaus.id, userRoles.bureauId))
    .leftJoin(enterprises, eq(enterprises.id, userRoles.enterpriseId))
    .leftJoin(consultingFirms, eq(consultingFirms.id, userRoles.consultingFirmId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(userRoles.role), asc(userRoles.createdAt), asc(userRoles.id));
  for (const r of rows) {
    const list = out.get(r.userId) ?? [];
    list.push({
      id: r.id,
      role: r.role,
      bureauId: r.bureauId,
      enterpriseId: r.enterpriseId,
      consultingFirmId: r.consultingFirmId,
      organizationName: r.bureauName ?? r.enterpriseName ?? r.firmName ?? null,
    });
    out.set(r.userId, list);
  }
  return out;
}

async function loadUser(db: Db, id: string): Promise<UserDto> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  if (!u) throw notFound('user', id);
  const roles = await rolesOf(db, [id]);
  return toUserDto(u, roles.get(id) ?? []);
}

const USER_SORT = {
  username: users.username,
  displayName: users.displayName,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
} as const;

export async function listUsers(
  ctx: ServiceContext,
  query: z.output<typeof listUsersQuery>,
): Promise<{ items: UserDto[]; total: number }> {
  const conds: SQL[] = [];
  if (query.q) {
    const p = containsPattern(query.q);
    conds.push(
      or(ilike(users.username, p), ilike(users.displayName, p), ilike(users.email, p)) ?? sql`false`,
    );
  }
  if (query.role || query.organizationId) {
    const roleConds: SQL[] = [eq(userRoles.userId, users.id)];
    if (query.role) roleConds.push(eq(userRoles.role, query.role));
    if (query.organizationId) {
      const o = query.organizationId;
      roleConds.push(
        or(eq(userRoles.bureauId, o), eq(userRoles.enterpriseId, o), eq(userRoles.consultingFirmId, o)) ??
          sql`false`,
      );
    }
    conds.push(
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(userRoles)
          .where(and(...roleConds)),
      ),
    );
  }
  if (query.disabled !== undefined) conds.push(eq(users.disabled, query.disabled));
  const where = and(...conds);
  const dir = query.order === 'desc' ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(users)
      .where(where)
      .orderBy(dir(USER_SORT[query.sort]), asc(users.id))
      .limit(query.limit)
      .offset(query.offset),
    ctx.db.select({ n: count() }).from(users).where(where),
  ]);
  const roles = await rolesOf(
    ctx.db,
    rows.map((u) => u.id),
  );
  return { items: rows.map((u) => toUserDto(u, roles.get(u.id) ?? [])), total: total?.n ?? 0 };
}

export async function getUser(ctx: ServiceContext, id: string): Promise<UserDto> {
  return loadUser(ctx.db, id);
}

/**
 * A role grant must carry exactly the scope column its role needs (user_roles_scope_matches_role), and that
 * organisation must exist.
 */
async function checkGrant(db: Db, g: RoleGrantBody, at: string): Promise<void> {
  const needs =
    g.role === 'bureau_staff'
      ? 'bureauId'
      : g.role === 'enterprise_user'
        ? 'enterpriseId'
        : g.role === 'consultant'
          ? 'consultingFirmId'
          : null;
  for (const key of ['bureauId', 'enterpriseId', 'consultingFirmId'] as const) {
    const given = g[key] !== undefined;
    if (key === needs && !given) {
      throw new CpError('VALIDATION', `role ${g.role} needs ${key}`, { field: `${at}.${key}` });
    }
    if (key !== needs && given) {
      throw new CpError('VALIDATION', `role ${g.role} takes no ${key}`, { field: `${at}.${key}` });
    }
  }
  if (needs === null) return;
  const id = g[needs] ?? '';
  const table = { bureauId: bureaus, enterpriseId: enterprises, consultingFirmId: consultingFirms }[needs];
  const found = await db.select({ id: table.id }).from(table).where(eq(table.id, id));
  if (found.length === 0) {
    throw new CpError('VALIDATION', `${needs} ${id} does not exist`, { field: `${at}.${needs}` });
  }
}

function roleKey(g: RoleGrantBody): string {
  return [g.role, g.bureauId ?? '', g.enterpriseId ?? '', g.consultingFirmId ?? ''].join('|');
}

export async function createUser(
  ctx: ServiceContext,
  body: z.output<typeof createUserBody>,
): Promise<UserDto> {
  const seen = new Set<string>();
  for (const [i, g] of body.roles.entries()) {
    await checkGrant(ctx.db, g, `body.roles.${i}`);
    if (seen.has(roleKey(g)))
      throw new CpError('VALIDATION', 'the same role is listed twice', { field: `body.roles.${i}` });
    seen.add(roleKey(g));
  }
  let id: string;
  try {
    id = await createAccount(
      ctx.database,
      {
        username: body.username,
        displayName: body.displayName,
        password: body.password,
        roles: body.roles.map((g) => ({
          role: g.role,
          ...(g.bureauId ? { bureauId: g.bureauId } : {}),
          ...(g.enterpriseId ? { enterpriseId: g.enterpriseId } : {}),
          ...(g.consultingFirmId ? { consultingFirmId: g.consultingFirmId } : {}),
        })),
      },
      ctx.actor.userId,
    );
  } catch (e) {
    if (isCpError(e)) throw e.field ? atField(e, `body.${e.field}`) : e;
    throw e;
  }
  if ((body.email ?? null) !== null || (body.phone ?? null) !== null) {
    await write(ctx, (tx) =>
      tx
        .update(users)
        .set({ email: body.email ?? null, phone: body.phone ?? null })
        .where(eq(users.id, id)),
    );
  }
  return loadUser(ctx.db, id);
}

async function lockedUser(db: Db, id: string, version: number): Promise<User> {
  const [u] = await db.select().from(users).where(eq(users.id, id)).for('update');
  if (!u) throw notFound('user', id);
  if (u.version !== version) throw versionConflict('user', id, u.version, version);
  return u;
}

async function setUser(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof users.$inferInsert>,
): Promise<void> {
  const [row] = await guardDb(() =>
    db
      .update(users)
      .set(set)
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning({ id: users.id }),
  );
  if (!row) throw versionConflict('user', id, null, version);
}

export async function updateUser(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof updateUserBody>,
): Promise<UserDto> {
  return write(ctx, async (tx) => {
    await lockedUser(tx, id, body.version);
    const patch = patchOf(body);
    if (!isEmpty(patch)) await setUser(tx, id, body.version, patch);
    return loadUser(tx, id);
  });
}

/** Enabled platform admins other than `exceptUserId`. Serialised by locking their role rows. */
async function otherEnabledAdmins(db: Db, exceptUserId: string): Promise<number> {
  const rows = await db
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, 'platform_admin'), eq(users.disabled, false), ne(users.id, exceptUserId)))
    .for('update');
  return new Set(rows.map((r) => r.userId)).size;
}

async function isPlatformAdmin(db: Db, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: userRoles.id })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'platform_admin')));
  return rows.length > 0;
}

export async function disableUser(ctx: ServiceContext, id: string, version: number): Promise<UserDto> {
  if (id === ctx.actor.userId) {
    throw new CpError('STATE_CONFLICT', 'you cannot disable your own account');
  }
  return write(ctx, async (tx) => {
    const u = await lockedUser(tx, id, version);
    if (!u.disabled) {
      if ((await isPlatformAdmin(tx, id)) && (await otherEnabledAdmins(tx, id)) === 0) {
        throw new CpError(
          'STATE_CONFLICT',
          'this is the last enabled platform admin; enable or create another first',
        );
      }
      await setUser(tx, id, version, { disabled: true });
      await tx.delete(sessions).where(eq(sessions.userId, id));
    }
    return loadUser(tx, id);
  });
}

export async function enableUser(ctx: ServiceContext, id: string, version: number): Promise<UserDto> {
  return write(ctx, async (tx) => {
    const u = await lockedUser(tx, id, version);
    if (u.disabled || u.failedLogins !== 0)
      await setUser(tx, id, version, { disabled: false, failedLogins: 0 });
    return loadUser(tx, id);
  });
}

const ROLE_FIELDS = {
  user_roles_unique: 'body.role',
  user_roles_scope_matches_role: 'body.role',
  user_roles_bureau_id_bureaus_id_fk: 'body.bureauId',
  user_roles_enterprise_id_enterprises_id_fk: 'body.enterpriseId',
  user_roles_consulting_firm_id_consulting_firms_id_fk: 'body.consultingFirmId',
};

export async function grantRole(ctx: ServiceContext, id: string, body: RoleGrantBody): Promise<UserDto> {
  await checkGrant(ctx.db, body, 'body');
  return write(ctx, async (tx) => {
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, id));
    if (!u) throw notFound('user', id);
    const existing = await tx
      .select({
        id: userRoles.id,
        bureauId: userRoles.bureauId,
        enterpriseId: userRoles.enterpriseId,
        firm: userRoles.consultingFirmId,
      })
      .from(userRoles)
      .where(and(eq(userRoles.userId, id), eq(userRoles.role, body.role)));
    if (
      existing.some(
        (r) =>
          r.bureauId === (body.bureauId ?? null) &&
          r.enterpriseId === (body.enterpriseId ?? null) &&
          r.firm === (body.consultingFirmId ?? null),
      )
    ) {
      throw new CpError('CONFLICT', `the user already holds this ${body.role} role`, { field: 'body.role' });
    }
    await guardDb(
      () =>
        tx.insert(userRoles).values({
          userId: id,
          role: body.role,
          bureauId: body.bureauId ?? null,
          enterpriseId: body.enterpriseId ?? null,
          consultingFirmId: body.consultingFirmId ?? null,
          grantedBy: ctx.actor.userId,
        }),
      ROLE_FIELDS,
    );
    return loadUser(tx, id);
  });
}

export async function revokeRole(ctx: ServiceContext, id: string, roleId: string): Promise<UserDto> {
  return write(ctx, async (tx) => {
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, id)).for('update');
    if (!u) throw notFound('user', id);
    const held = await tx.select().from(userRoles).where(eq(userRoles.userId, id));
    const grant = held.find((r) => r.id === roleId);
    if (!grant) throw notFound('role grant', roleId);
    if (held.length === 1) {
      throw new CpError('STATE_CONFLICT', 'a user keeps at least one role; disable the account instead');
    }
    if (grant.role === 'platform_admin' && (await otherEnabledAdmins(tx, id)) === 0) {
      throw new CpError(
        'STATE_CONFLICT',
        'this is the last enabled platform admin; the role cannot be revoked',
      );
    }
    await tx.delete(userRoles).where(eq(userRoles.id, roleId));
    return loadUser(tx, id);
  });
}

/** A random password meeting the policy (16 base64url characters: letters of both cases, digits, - and _). */
function temporaryPassword(): string {
  for (;;) {
    const p = randomBytes(12).toString('base64url');
    if (passwordProblem(p) === null) return p;
  }
}

export async function resetPassword(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof resetPasswordBody>,
): Promise<{ user: UserDto; temporaryPassword: string | null }> {
  const generated = body.newPassword === undefined ? temporaryPassword() : null;
  const password = body.newPassword ?? generated ?? '';
  const problem = passwordProblem(password);
  if (problem) throw new CpError('VALIDATION', problem, { field: 'body.newPassword' });
  const passwordHash = await hashPassword(password);
  return write(ctx, async (tx) => {
    await lockedUser(tx, id, body.version);
    await setUser(tx, id, body.version, { passwordHash, mustChangePassword: true, failedLogins: 0 });
    await tx.delete(sessions).where(eq(sessions.userId, id));
    return { user: await loadUser(tx, id), temporaryPassword: generated };
  });
}

export async function changeOwnPassword(
  ctx: ServiceContext,
  body: z.output<typeof changeOwnPasswordBody>,
): Promise<{ ok: true }> {
  const id = ctx.actor.userId;
  const [u] = await ctx.db
    .select({ hash: users.passwordHash, version: users.version })
    .from(users)
    .where(eq(users.id, id));
  if (!u) throw notFound('user', id);
  if (!u.hash || !(await verifyPassword(u.hash, body.currentPassword))) {
    throw new CpError('VALIDATION', 'the current password is wrong', { field: 'body.currentPassword' });
  }
  const problem = passwordProblem(body.newPassword);
  if (problem) throw new CpError('VALIDATION', problem, { field: 'body.newPassword' });
  if (body.newPassword === body.currentPassword) {
    throw new CpError('VALIDATION', 'the new password must differ from the current one', {
      field: 'body.newPassword',
    });
  }
  const passwordHash = await hashPassword(body.newPassword);
  await write(ctx, async (tx) => {
    // Version as read above: a concurrent reset by an admin wins, this change is refused.
    await setUser(tx, id, u.version, { passwordHash, mustChangePassword: false });
    await tx.delete(sessions).where(and(eq(sessions.userId, id), ne(sessions.id, ctx.actor.sessionId)));
  });
  return { ok: true as const };
}

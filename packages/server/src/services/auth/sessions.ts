/**
 * Sessions: an opaque random token in an httpOnly, SameSite=Lax cookie; the database keeps only its SHA-256,
 * so a leaked sessions table cannot be replayed. Each session has a CSRF secret, sent once at login (and in a
 * readable `cpaudit_csrf` cookie) and required as the `x-csrf-token` header on every state-changing request
 * (double submit bound to the server-side session). Sessions live in the database, so any server process behind
 * the same PostgreSQL recognises them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Me } from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.ts';
import {
  bureaus,
  consultingFirms,
  type Db,
  enterprises,
  sessions,
  userRoles,
  users,
  writeAuditEntry,
} from '../../db/index.ts';
import type { Actor, RoleGrant } from '../context.ts';
import { dataVersionSql } from '../read-cache.ts';
import { dummyHash, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'cpaudit_session';
export const CSRF_COOKIE = 'cpaudit_csrf';

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function loadGrants(
  db: Db,
  userId: string,
): Promise<(RoleGrant & { organizationName: string | null })[]> {
  const rows = await db
    .select({
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
    .where(eq(userRoles.userId, userId))
    .orderBy(userRoles.role);
  return rows.map((r) => ({
    role: r.role,
    bureauId: r.bureauId,
    enterpriseId: r.enterpriseId,
    consultingFirmId: r.consultingFirmId,
    organizationName: r.bureauName ?? r.enterpriseName ?? r.firmName ?? null,
  }));
}

/** The actor of a user acting outside a session (the command line's `--as`, tests): its role grants, no session. */
export async function actorOfUser(
  db: Db,
  user: { id: string; username: string; displayName: string },
): Promise<Actor> {
  const grants = await loadGrants(db, user.id);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: grants.map((g) => ({
      role: g.role,
      bureauId: g.bureauId,
      enterpriseId: g.enterpriseId,
      consultingFirmId: g.consultingFirmId,
    })),
    sessionId: '',
    csrfToken: '',
  };
}

export async function describeMe(db: Db, actor: Actor): Promise<Me> {
  const grants = await loadGrants(db, actor.userId);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: grants.map((g) => ({
      role: g.role,
      organizationId: g.bureauId ?? g.enterpriseId ?? g.consultingFirmId,
      organizationName: g.organizationName,
    })),
    locale: 'zh-CN',
  };
}

/** One role grant as the session query returns it (json_build_object of a `user_roles` row). */
interface GrantJson {
  role: RoleGrant['role'];
  bureauId: string | null;
  enterpriseId: string | null;
  consultingFirmId: string | null;
}

/**
 * The session lookup, built once per database handle as a named prepared statement: every API request runs it, so
 * neither the query builder nor the server's planner should work on it again (issue 6: the fixed cost per request).
 */
function buildSessionLookup(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      csrf: sessions.csrfSecret,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      grants: sql<string>`coalesce((select json_agg(json_build_object('role', r.role, 'bureauId', r.bureau_id,
          'enterpriseId', r.enterprise_id, 'consultingFirmId', r.consulting_firm_id) order by r.role, r.id)
        from ${userRoles} r where r.user_id = ${users.id}), '[]')::text`,
      // The data version (services/read-cache.ts): the newest audit-log entry this statement sees and the
      // transactions still in progress (the third field of the snapshot, xip), read in the same snapshot.
      dataVersion: dataVersionSql(),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('id')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(users.disabled, false),
      ),
    )
    .prepare('cp_session_lookup');
}

const sessionLookups = new WeakMap<Db, ReturnType<typeof buildSessionLookup>>();

/**
 * The actor of a session token, in one indexed query (sessions by primary key ⨝ users by primary key, the grants
 * aggregated by `user_roles_unique`'s leading user_id), plus the data version the request starts from (the key of
 * the read caches, services/read-cache.ts). No cache: logout, a password
 * change, disabling the user or a role change take effect on the next request of every process.
 */
async function actorFromToken(
  db: Db,
  token: string,
  now: Date,
): Promise<{ actor: Actor; dataVersion: string } | null> {
  const id = sha256Hex(token);
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = buildSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  // A placeholder skips the column encoder on postgres-js: the instant goes as ISO text (timestamptz input).
  const [row] = await lookup.execute({ id, now: now.toISOString() });
  if (!row) return null;
  // Touch at most once a minute: cheap, and enough to show activity.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const grants = JSON.parse(row.grants) as GrantJson[];
  return {
    actor: {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      roles: grants.map((g) => ({
        role: g.role,
        bureauId: g.bureauId,
        enterpriseId: g.enterpriseId,
        consultingFirmId: g.consultingFirmId,
      })),
      sessionId: row.sessionId,
      csrfToken: row.csrf,
    },
    dataVersion: row.dataVersion,
  };
}

export function installSessions(app: FastifyInstance, deps: AppDeps): void {
  const now = deps.now ?? (() => new Date());
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return;
    const found = await actorFromToken(deps.database.db, token, now());
    req.actor = found?.actor ?? null;
    req.dataVersion = found?.dataVersion ?? null;
    if (req.actor) {
      // Constant-time comparison of the CSRF header happens in register.ts; normalise it here.
      const sent = req.headers['x-csrf-token'];
      if (typeof sent === 'string' && !sameSecret(sent, req.actor.csrfToken))
        req.headers['x-csrf-token'] = '';
    }
  });
}

function setCookies(
  reply: FastifyReply,
  deps: AppDeps,
  token: string,
  csrf: string,
  maxAgeSeconds: number,
): void {
  const secure = deps.config.secureCookies;
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: maxAgeSeconds,
  });
  reply.setCookie(CSRF_COOKIE, csrf, {
    path: '/',
    httpOnly: false,
    sameSite: 'strict',
    secure,
    maxAge: maxAgeSeconds,
  });
}

export async function login(
  deps: AppDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  username: string,
  password: string,
): Promise<{ user: Me; csrfToken: string }> {
  const db = deps.database.db;
  const at = (deps.now ?? (() => new Date()))();
  const name = username.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.username, name));
  // Verify against a dummy hash when the user is unknown, so the timing does not reveal which names exist.
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : await verifyPassword(await dummyHash(), password).then(() => false);
  if (!user || !ok || user.disabled) {
    await deps.database.transaction(
      async (tx) => {
        if (user)
          await tx
            .update(users)
            .set({ failedLogins: sql`${users.failedLogins} + 1` })
            .where(eq(users.id, user.id));
        await writeAuditEntry(tx, {
          actorUserId: user?.id ?? null,
          actorName: name,
          actorIp: req.ip,
          requestId: req.id,
          entity: 'session',
          action: 'login_failed',
          note: !user ? 'unknown user' : user.disabled ? 'account disabled' : 'wrong password',
        });
      },
      { actor: { userId: user?.id ?? null, name, ip: req.ip, requestId: req.id } },
    );
    throw new CpError('UNAUTHENTICATED', 'wrong user name or password (用户名或密码错误)');
  }
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const ttlMs = deps.config.sessionTtlHours * 3_600_000;
  await deps.database.transaction(
    async (tx) => {
      await tx.delete(sessions).where(lt(sessions.expiresAt, at));
      await tx.insert(sessions).values({
        id: sha256Hex(token),
        userId: user.id,
        createdAt: at,
        lastSeenAt: at,
        expiresAt: new Date(at.getTime() + ttlMs),
        csrfSecret: csrf,
        ip: req.ip,
        userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
      });
      await tx.update(users).set({ failedLogins: 0, lastLoginAt: at }).where(eq(users.id, user.id));
      await writeAuditEntry(tx, {
        actorUserId: user.id,
        actorName: user.username,
        actorIp: req.ip,
        requestId: req.id,
        entity: 'session',
        action: 'login',
      });
    },
    { actor: { userId: user.id, name: user.username, ip: req.ip, requestId: req.id } },
  );
  setCookies(reply, deps, token, csrf, Math.floor(ttlMs / 1000));
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [],
    sessionId: sha256Hex(token),
    csrfToken: csrf,
  };
  return { user: await describeMe(db, actor), csrfToken: csrf };
}

export async function logout(
  deps: AppDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
): Promise<void> {
  await deps.database.transaction(
    async (tx) => {
      await tx.delete(sessions).where(eq(sessions.id, actor.sessionId));
      await writeAuditEntry(tx, {
        actorUserId: actor.userId,
        actorName: actor.username,
        actorIp: req.ip,
        requestId: req.id,
        entity: 'session',
        action: 'logout',
      });
    },
    { actor: { userId: actor.userId, name: actor.username, ip: req.ip, requestId: req.id } },
  );
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

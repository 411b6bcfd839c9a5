/**
 * Users, their roles and sessions.
 *
 * A user holds one or more roles; a role row carries the scope column its role needs (CHECK enforced):
 * - platform_admin: everything, no scope;
 * - bureau_staff: `bureau_id` → the bureau's jurisdiction (regions below its path);
 * - panel_member: no scope column; the audits whose panel lists the user (`audit_panel_members.user_id`);
 * - expert: no scope column; the audits / options in `expert_assignments`;
 * - consultant: `consulting_firm_id` → enterprises with a current `consulting_engagements` row;
 * - enterprise_user: `enterprise_id` → that enterprise.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { editable, idColumn, oneOf, tstz } from './columns.ts';
import { enterprises } from './enterprises.ts';
import { bureaus, consultingFirms } from './regions-orgs.ts';

export const ROLES = [
  'platform_admin',
  'bureau_staff',
  'panel_member',
  'expert',
  'consultant',
  'enterprise_user',
] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  'users',
  {
    id: idColumn(),
    /** Login name, stored lower-case (CHECK) so uniqueness is case-insensitive. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    /** argon2id hash (PHC string). Never written to the audit log (the trigger strips it). */
    passwordHash: text('password_hash'),
    disabled: boolean('disabled').notNull().default(false),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lastLoginAt: tstz('last_login_at'),
    ...editable(),
  },
  (t) => [
    unique('users_username_unique').on(t.username),
    check(
      'users_username_format',
      sql`${t.username} = lower(${t.username}) and length(${t.username}) between 1 and 64`,
    ),
    check('users_failed_logins_nonneg', sql`${t.failedLogins} >= 0`),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    bureauId: uuid('bureau_id').references(() => bureaus.id),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    consultingFirmId: uuid('consulting_firm_id').references(() => consultingFirms.id),
    grantedBy: uuid('granted_by').references(() => users.id),
    ...editable(),
  },
  (t) => [
    oneOf('user_roles_role_valid', t.role, ROLES),
    check(
      'user_roles_scope_matches_role',
      sql`case ${t.role}
        when 'bureau_staff' then ${t.bureauId} is not null and ${t.enterpriseId} is null and ${t.consultingFirmId} is null
        when 'consultant' then ${t.consultingFirmId} is not null and ${t.bureauId} is null and ${t.enterpriseId} is null
        when 'enterprise_user' then ${t.enterpriseId} is not null and ${t.bureauId} is null and ${t.consultingFirmId} is null
        else ${t.bureauId} is null and ${t.enterpriseId} is null and ${t.consultingFirmId} is null end`,
    ),
    // PostgreSQL 15: NULLS NOT DISTINCT, so ('u', 'platform_admin', null, null, null) cannot be granted twice.
    unique('user_roles_unique')
      .on(t.userId, t.role, t.bureauId, t.enterpriseId, t.consultingFirmId)
      .nullsNotDistinct(),
    index('user_roles_bureau_idx').on(t.bureauId),
    index('user_roles_enterprise_idx').on(t.enterpriseId),
    index('user_roles_consulting_firm_idx').on(t.consultingFirmId),
  ],
);

/**
 * Login sessions. `id` is the lowercase hex SHA-256 of the session token (the token itself is never stored,
 * so a leaked table cannot be replayed). Not audit-logged (every request touches `last_seen_at`).
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tstz('created_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    /** Secret the CSRF token of this session is derived from / compared with. */
    csrfSecret: text('csrf_secret').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    check('sessions_id_is_sha256_hex', sql`${t.id} ~ '^[0-9a-f]{64}$'`),
    check('sessions_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`),
    index('sessions_user_idx').on(t.userId),
    index('sessions_expires_idx').on(t.expiresAt),
  ],
);

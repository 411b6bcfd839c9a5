/**
 * The one table of the app's navigation: every menu entry with its path, label, group and the roles that see it.
 * An entry with a `page` is a working route; an entry without one is planned (its API does not exist yet): it is
 * shown disabled in the menu and has no route, so nothing pretends to work. A later page plugs in by adding
 * `page: () => import('../pages/XxxPage.tsx')` to its entry.
 */
import type { Role } from '@cpaudit/contract';
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/messages.ts';

export type MenuGroup = 'common' | 'bureau' | 'enterprise' | 'expert' | 'admin';

/** Group order in the side menu and the heading of each group. */
export const MENU_GROUPS: readonly { group: MenuGroup; label: MessageKey }[] = [
  { group: 'common', label: 'menu.group.common' },
  { group: 'bureau', label: 'menu.group.bureau' },
  { group: 'enterprise', label: 'menu.group.enterprise' },
  { group: 'expert', label: 'menu.group.expert' },
  { group: 'admin', label: 'menu.group.admin' },
];

export type PageModule = { default: ComponentType };

export interface MenuEntry {
  /** Stable key (menu key, route id). */
  readonly key: string;
  /** Absolute path of the route. */
  readonly path: string;
  readonly label: MessageKey;
  readonly group: MenuGroup;
  /** Roles that see the entry and may open its route; 'authenticated' for every logged-in user. */
  readonly roles: readonly Role[] | 'authenticated';
  /** The page, loaded on demand; absent while the feature's API does not exist. */
  readonly page?: () => Promise<PageModule>;
  /** A route that exists but is not listed in the menu. */
  readonly hidden?: boolean;
}

const BUREAU: readonly Role[] = ['bureau_staff', 'panel_member'];
const ENTERPRISE: readonly Role[] = ['enterprise_user'];
const EXPERT: readonly Role[] = ['expert'];
const ADMIN: readonly Role[] = ['platform_admin'];

export const MENU: readonly MenuEntry[] = [
  {
    key: 'home',
    path: '/',
    label: 'menu.home',
    group: 'common',
    roles: 'authenticated',
    page: () => import('../pages/HomePage.tsx'),
  },
  // 生态环境部门 / 审核小组
  {
    key: 'audits',
    path: '/audits',
    label: 'menu.audits',
    group: 'bureau',
    roles: BUREAU,
    page: () => import('../pages/audits/AuditsPage.tsx'),
  },
  {
    key: 'auditWorkspace',
    path: '/audits/:id/*',
    label: 'menu.audits',
    group: 'bureau',
    roles: ['bureau_staff', 'panel_member', 'expert', 'platform_admin'],
    hidden: true,
    page: () => import('../pages/audit/AuditWorkspacePage.tsx'),
  },
  {
    key: 'optionDetail',
    path: '/options/:id',
    label: 'menu.options',
    group: 'bureau',
    roles: ['bureau_staff', 'panel_member', 'expert', 'consultant', 'enterprise_user', 'platform_admin'],
    hidden: true,
    page: () => import('../pages/options/OptionPage.tsx'),
  },
  {
    key: 'enterprises',
    path: '/enterprises',
    label: 'menu.enterprises',
    group: 'bureau',
    roles: BUREAU,
    page: () => import('../pages/enterprises/EnterprisesPage.tsx'),
  },
  {
    key: 'enterpriseDetail',
    path: '/enterprises/:id',
    label: 'menu.enterprises',
    group: 'bureau',
    roles: BUREAU,
    hidden: true,
    page: () => import('../pages/enterprises/EnterpriseDetailPage.tsx'),
  },
  // 企业
  {
    key: 'enterpriseProfile',
    path: '/my/profile',
    label: 'menu.enterpriseProfile',
    group: 'enterprise',
    roles: [...ENTERPRISE, 'consultant'],
    page: () => import('../pages/enterprise/ProfilePage.tsx'),
  },
  {
    key: 'annualData',
    path: '/my/annual-data',
    label: 'menu.annualData',
    group: 'enterprise',
    roles: [...ENTERPRISE, 'consultant'],
    page: () => import('../pages/enterprise/AnnualDataPage.tsx'),
  },
  {
    key: 'benchmark',
    path: '/my/benchmark',
    label: 'menu.benchmark',
    group: 'enterprise',
    roles: [...ENTERPRISE, 'consultant'],
    page: () => import('../pages/enterprise/BenchmarkPage.tsx'),
  },
  {
    key: 'options',
    path: '/my/options',
    label: 'menu.options',
    group: 'enterprise',
    roles: [...ENTERPRISE, 'consultant'],
    page: () => import('../pages/enterprise/OptionsPage.tsx'),
  },
  {
    key: 'compliance',
    path: '/my/compliance',
    label: 'compliance.menu.enterprise',
    group: 'enterprise',
    roles: [...ENTERPRISE, 'consultant'],
    page: () => import('../pages/enterprise/CompliancePage.tsx'),
  },
  {
    key: 'performanceForm',
    path: '/my/performance-form',
    label: 'menu.performanceForm',
    group: 'enterprise',
    roles: [...ENTERPRISE, 'consultant'],
    page: () => import('../pages/enterprise/PerformanceFormPage.tsx'),
  },
  {
    key: 'balances',
    path: '/balances',
    label: 'enterprise.menu.balances',
    // 通用: enterprises, their consultants and the bureau's panels all use it.
    group: 'common',
    roles: ['enterprise_user', 'consultant', 'bureau_staff', 'panel_member'],
    page: () => import('../pages/balances/BalancesPage.tsx'),
  },
  // 专家
  {
    key: 'assignments',
    path: '/assignments',
    label: 'menu.assignments',
    group: 'expert',
    roles: EXPERT,
    page: () => import('../pages/expert/AssignmentsPage.tsx'),
  },
  // 平台管理
  {
    key: 'users',
    path: '/admin/users',
    label: 'menu.users',
    group: 'admin',
    roles: ADMIN,
    page: () => import('../pages/admin/UsersPage.tsx'),
  },
  {
    key: 'organizations',
    path: '/admin/organizations',
    label: 'menu.organizations',
    group: 'admin',
    roles: ADMIN,
    page: () => import('../pages/admin/OrganizationsPage.tsx'),
  },
  {
    key: 'regions',
    path: '/admin/regions',
    label: 'menu.regions',
    group: 'admin',
    roles: ADMIN,
    page: () => import('../pages/admin/RegionsPage.tsx'),
  },
  {
    key: 'indicatorSystems',
    path: '/admin/indicator-systems',
    label: 'menu.indicatorSystems',
    group: 'admin',
    roles: ADMIN,
    page: () => import('../pages/admin/IndicatorSystemsPage.tsx'),
  },
  {
    key: 'standards',
    path: '/admin/standards',
    label: 'compliance.menu.standards',
    group: 'admin',
    roles: ADMIN,
    page: () => import('../pages/admin/StandardsPage.tsx'),
  },
  {
    key: 'factors',
    path: '/admin/factors',
    label: 'menu.factors',
    group: 'admin',
    roles: ADMIN,
    page: () => import('../pages/admin/FactorsPage.tsx'),
  },
  {
    key: 'auditLog',
    path: '/admin/audit-log',
    label: 'admin.menu.auditLog',
    group: 'admin',
    roles: ADMIN,
    page: () => import('../pages/admin/AuditLogPage.tsx'),
  },
  // The same log for bureau staff, under their own menu group (the API limits it to their jurisdiction).
  {
    key: 'jurisdictionAuditLog',
    path: '/audit-log',
    label: 'admin.menu.auditLog',
    group: 'bureau',
    roles: ['bureau_staff'],
    page: () => import('../pages/admin/AuditLogPage.tsx'),
  },
];

export function mayOpen(entry: MenuEntry, roles: readonly Role[]): boolean {
  return entry.roles === 'authenticated' || entry.roles.some((r) => roles.includes(r));
}

export interface MenuSection {
  readonly group: MenuGroup;
  readonly label: MessageKey;
  readonly entries: readonly (MenuEntry & { readonly available: boolean })[];
}

/** The side menu for a user holding `roles`: the groups they see, in order, each with its visible entries. */
export function menuFor(roles: readonly Role[], table: readonly MenuEntry[] = MENU): MenuSection[] {
  return MENU_GROUPS.map(({ group, label }) => ({
    group,
    label,
    entries: table
      .filter((e) => e.group === group && !e.hidden && mayOpen(e, roles))
      .map((e) => ({ ...e, available: e.page !== undefined })),
  })).filter((s) => s.entries.length > 0);
}

/** The routes to register: entries that have a page. */
export function routedEntries(table: readonly MenuEntry[] = MENU): MenuEntry[] {
  return table.filter((e) => e.page !== undefined);
}

/** The entry a location belongs to: the one with the longest path that is a prefix of it (by whole segments). */
export function entryForPath(pathname: string, table: readonly MenuEntry[] = MENU): MenuEntry | undefined {
  let best: MenuEntry | undefined;
  for (const e of table) {
    const match =
      e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`);
    if (match && (!best || e.path.length > best.path.length)) best = e;
  }
  return best;
}

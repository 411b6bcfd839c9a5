import { describe, expect, it } from 'vitest';
import { entryForPath, MENU, type MenuEntry, mayOpen, menuFor, routedEntries } from './menu.ts';

const keysOf = (roles: Parameters<typeof menuFor>[0]) =>
  menuFor(roles).map((s) => [s.group, s.entries.map((e) => e.key)] as const);

describe('menuFor', () => {
  it('gives bureau staff the dashboard, balances, audits, enterprises and their audit log; a panel member no log', () => {
    expect(keysOf(['bureau_staff'])).toEqual([
      ['common', ['home', 'balances']],
      ['bureau', ['audits', 'enterprises', 'jurisdictionAuditLog']],
    ]);
    expect(keysOf(['panel_member'])).toEqual([
      ['common', ['home', 'balances']],
      ['bureau', ['audits', 'enterprises']],
    ]);
  });
  it('gives an enterprise user (and a consultant) the six enterprise entries, hidden routes left out', () => {
    const expected = [
      ['common', ['home', 'balances']],
      [
        'enterprise',
        ['enterpriseProfile', 'annualData', 'benchmark', 'options', 'compliance', 'performanceForm'],
      ],
    ];
    expect(keysOf(['enterprise_user'])).toEqual(expected);
    expect(keysOf(['consultant'])).toEqual(expected);
  });
  it('gives an expert the assignments and an administrator the admin tables and the audit log', () => {
    expect(keysOf(['expert'])).toEqual([
      ['common', ['home']],
      ['expert', ['assignments']],
    ]);
    expect(keysOf(['platform_admin'])).toEqual([
      ['common', ['home']],
      [
        'admin',
        ['users', 'organizations', 'regions', 'indicatorSystems', 'standards', 'factors', 'auditLog'],
      ],
    ]);
  });
  it('gives a user with several roles the union, each entry once, in group order', () => {
    expect(keysOf(['platform_admin', 'expert', 'bureau_staff', 'panel_member']).map(([g]) => g)).toEqual([
      'common',
      'bureau',
      'expert',
      'admin',
    ]);
    expect(menuFor(['bureau_staff', 'panel_member'])[1]?.entries).toHaveLength(3);
  });
  it('shows a user without any role the dashboard only', () => {
    expect(keysOf([])).toEqual([['common', ['home']]]);
  });
  it('marks entries without a page as not available and does not route them', () => {
    const page = async () => ({ default: () => null });
    const table: readonly MenuEntry[] = [
      { key: 'a', path: '/a', label: 'menu.home', group: 'common', roles: 'authenticated' },
      { key: 'b', path: '/b', label: 'menu.home', group: 'common', roles: 'authenticated', page },
    ];
    expect(menuFor([], table)[0]?.entries.map((e) => [e.key, e.available])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(routedEntries(table).map((e) => e.key)).toEqual(['b']);
  });
});

describe('the table', () => {
  it('has unique keys and paths', () => {
    expect(new Set(MENU.map((e) => e.key)).size).toBe(MENU.length);
    expect(new Set(MENU.map((e) => e.path)).size).toBe(MENU.length);
  });
  it('routes every entry: each has its page', () => {
    expect(routedEntries()).toHaveLength(MENU.length);
  });
});

describe('mayOpen', () => {
  it('opens a role-restricted entry only for one of its roles', () => {
    const users = MENU.find((e) => e.key === 'users');
    expect(users && mayOpen(users, ['platform_admin'])).toBe(true);
    expect(users && mayOpen(users, ['bureau_staff', 'expert'])).toBe(false);
  });
});

describe('entryForPath', () => {
  it('matches by whole segments, the longest path winning', () => {
    expect(entryForPath('/')?.key).toBe('home');
    expect(entryForPath('/audits/123')?.key).toBe('audits');
    expect(entryForPath('/admin/users')?.key).toBe('users');
    expect(entryForPath('/auditsx')).toBeUndefined();
    expect(entryForPath('/nowhere')).toBeUndefined();
  });
});

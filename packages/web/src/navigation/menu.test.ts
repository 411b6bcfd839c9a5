import { describe, expect, it } from 'vitest';
import { entryForPath, MENU, mayOpen, menuFor, routedEntries } from './menu.ts';

const keysOf = (roles: Parameters<typeof menuFor>[0]) =>
  menuFor(roles).map((s) => [s.group, s.entries.map((e) => e.key)] as const);

describe('menuFor', () => {
  it('gives bureau staff and panel members the dashboard, audits and enterprises', () => {
    const expected = [
      ['common', ['home']],
      ['bureau', ['audits', 'enterprises']],
    ];
    expect(keysOf(['bureau_staff'])).toEqual(expected);
    expect(keysOf(['panel_member'])).toEqual(expected);
  });
  it('gives an enterprise user the five enterprise entries', () => {
    expect(keysOf(['enterprise_user'])).toEqual([
      ['common', ['home']],
      ['enterprise', ['enterpriseProfile', 'annualData', 'benchmark', 'options', 'performanceForm']],
    ]);
  });
  it('gives an expert the assignments and an administrator the five admin tables (not the hidden UI kit)', () => {
    expect(keysOf(['expert'])).toEqual([
      ['common', ['home']],
      ['expert', ['assignments']],
    ]);
    expect(keysOf(['platform_admin'])).toEqual([
      ['common', ['home']],
      ['admin', ['users', 'organizations', 'regions', 'indicatorSystems', 'factors']],
    ]);
  });
  it('gives a user with several roles the union, each entry once, in group order', () => {
    expect(keysOf(['platform_admin', 'expert', 'bureau_staff', 'panel_member']).map(([g]) => g)).toEqual([
      'common',
      'bureau',
      'expert',
      'admin',
    ]);
    expect(menuFor(['bureau_staff', 'panel_member'])[1]?.entries).toHaveLength(2);
  });
  it('shows a user without any role the dashboard only', () => {
    expect(keysOf([])).toEqual([['common', ['home']]]);
  });
  it('marks entries without a page as not available', () => {
    const bureau = menuFor(['bureau_staff']);
    expect(bureau[0]?.entries[0]).toMatchObject({ key: 'home', available: true });
    expect(bureau[1]?.entries.every((e) => !e.available)).toBe(true);
  });
});

describe('the table', () => {
  it('has unique keys and paths', () => {
    expect(new Set(MENU.map((e) => e.key)).size).toBe(MENU.length);
    expect(new Set(MENU.map((e) => e.path)).size).toBe(MENU.length);
  });
  it('routes only entries that have a page (today: home and the UI kit)', () => {
    expect(routedEntries().map((e) => e.key)).toEqual(['home']);
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

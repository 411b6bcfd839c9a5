/**
 * The administration commands: `--help` of each, `migrate`, `user add` (options, password from standard input,
 * refusals with one line and exit code 2), and the rule that decides when `cpaudit start` rebuilds the web app.
 * Backup and restore: cli-backup.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { webBuildReason } from '../src/commands/start.ts';
import { main } from '../src/main.ts';
import { runCli } from './spawn.ts';

const root = mkdtempSync(join(tmpdir(), 'cpaudit-cli-'));
const source = { DATA_DIR: join(root, 'source'), PORT: '0' };
const PASSWORD = 'Cli-password-42';

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

async function inProcess(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    stdin: Readable.from(['']),
  });
  return { code, out, err };
}

describe('help', () => {
  it.each(['serve', 'start', 'demo', 'migrate', 'user', 'backup', 'restore'])(
    'cpaudit %s --help',
    async (name) => {
      const r = await inProcess([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: cpaudit ${name}`);
      expect(r.err).toBe('');
    },
  );

  it('lists every command', async () => {
    const r = await inProcess(['--help']);
    for (const name of ['start', 'serve', 'calc', 'demo', 'migrate', 'user', 'backup', 'restore']) {
      expect(r.out).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });
});

describe('options the command does not know', () => {
  it.each([
    ['backup', '--frobnicate'],
    ['migrate', '--nope'],
  ])('cpaudit %s %s: bad input, exit 2, one line naming the option', async (name, option) => {
    const r = await inProcess([name, option]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^cpaudit ${name}: .*${option}.*--help`));
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });
});

describe('user add: refused before anything is written (exit 2, one line)', () => {
  it.each([
    [['user', 'add', '--name', 'X', '--role', 'platform_admin'], /--username is required/],
    [['user', 'add', '--username', 'x', '--name', 'X', '--role', 'boss'], /--role must be one of/],
    [['user', 'add', '--username', 'x', '--name', 'X', '--role', 'bureau_staff'], /needs --org-id/],
    [
      ['user', 'add', '--username', 'x', '--name', 'X', '--role', 'expert', '--org-id', 'abc'],
      /not used with role expert/,
    ],
    [
      ['user', 'add', '--username', 'x', '--name', 'X', '--role', 'consultant', '--org-id', 'abc'],
      /must be a uuid/,
    ],
    [['user', 'remove'], /unknown subcommand/],
    [
      ['user', 'add', '--username', 'w', '--name', 'X', '--role', 'expert', '--password', 'short'],
      /at least 10 characters/,
    ],
  ])('%j', async (args, message) => {
    const r = await inProcess(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cpaudit: VALIDATION: /);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('migrate, user add', () => {
  it('migrates and creates accounts (password as option or on standard input); refuses weak, taken, unknown', async () => {
    const m = await runCli(['migrate'], source);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/^migrated: pglite .*source[/\\]db/);

    const add = await runCli(
      [
        'user',
        'add',
        '--username',
        'Chief',
        '--name',
        '总管理员',
        '--role',
        'platform_admin',
        '--password',
        PASSWORD,
      ],
      source,
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^created user chief \(platform_admin\) with id [0-9a-f-]{36}/);

    const piped = await runCli(
      ['user', 'add', '--username', 'expert2', '--name', '专家二', '--role', 'expert'],
      source,
      `${PASSWORD}\n`,
    );
    expect(piped.code, piped.stderr).toBe(0);

    const taken = await runCli(
      ['user', 'add', '--username', 'chief', '--name', 'X', '--role', 'expert', '--password', PASSWORD],
      source,
    );
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/^cpaudit: CONFLICT: user name "chief" is taken/);

    const unknown = await runCli(
      [
        'user',
        'add',
        '--username',
        'ent',
        '--name',
        'X',
        '--role',
        'enterprise_user',
        '--org-id',
        '00000000-0000-4000-8000-000000000000',
        '--password',
        PASSWORD,
      ],
      source,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--org-id 00000000-0000-4000-8000-000000000000 names no enterprise/);
  }, 60_000);
});

describe('when `cpaudit start` builds the web app', () => {
  it('builds when dist is missing or older than a source, not otherwise', () => {
    const web = join(root, 'web');
    mkdirSync(join(web, 'src'), { recursive: true });
    writeFileSync(join(web, 'src', 'main.tsx'), 'x');
    expect(webBuildReason(web)).toBe('packages/web/dist is missing');
    mkdirSync(join(web, 'dist'), { recursive: true });
    writeFileSync(join(web, 'dist', 'index.html'), '<html>');
    const t0 = new Date('2025-01-01T00:00:00Z');
    const t1 = new Date('2025-01-02T00:00:00Z');
    utimesSync(join(web, 'src', 'main.tsx'), t0, t0);
    utimesSync(join(web, 'dist', 'index.html'), t1, t1);
    expect(webBuildReason(web)).toBeNull();
    utimesSync(join(web, 'src', 'main.tsx'), t1, new Date('2025-01-03T00:00:00Z'));
    expect(webBuildReason(web)).toBe('the web sources changed since the last build');
  });
});

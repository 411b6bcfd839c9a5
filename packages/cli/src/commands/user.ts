/**
 * `cpaudit user add --username --name --role [--org-id] [--password]`: create an account. The organisation id
 * scopes the role (bureau for bureau_staff, consulting firm for consultant, enterprise for enterprise_user); the
 * password is asked for (not echoed) when it is not given, or read from the first line of standard input.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { loadConfig } from '@cpaudit/server/config';
import { DB_ERRCODES, dbErrorInfo, openDatabase } from '../../../server/src/db/index.ts';
import { passwordProblem } from '../../../server/src/services/auth/passwords.ts';
import { createAccount, type NewAccount } from '../../../server/src/services/users.ts';
import type { CliIO } from '../main.ts';
import type { Command } from './types.ts';

const HELP = [
  'Usage: cpaudit user add --username <name> --name <display name> --role <role> [--org-id <uuid>] [--password <pw>]',
  '',
  `Roles: ${ROLES.join(', ')}.`,
  '--org-id is required for bureau_staff (the bureau), consultant (the consulting firm) and enterprise_user (the',
  'enterprise), and refused for the other roles. Without --password the password is asked for (hidden) on a',
  'terminal, or read from the first line of standard input. Passwords: 10+ characters mixing two of lower case,',
  'upper case, digits, symbols.',
  '',
].join('\n');

function isRole(s: string): s is Role {
  return ROLES.some((r) => r === s);
}

/** The first line of a piped standard input, or a hidden prompt on a terminal. */
async function readPassword(io: CliIO): Promise<string> {
  const stdin = io.stdin;
  const tty = 'isTTY' in stdin && stdin.isTTY === true;
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) io.stderr(chunk.toString());
      done();
    },
  });
  const rl = createInterface({ input: stdin, output, terminal: tty });
  try {
    if (tty) {
      io.stderr('password: ');
      muted = true;
    }
    for await (const line of rl) {
      if (tty) io.stderr('\n');
      return line;
    }
    throw new CpError('VALIDATION', 'no password given (--password, or a line on standard input)', {
      field: 'password',
    });
  } finally {
    rl.close();
  }
}

function roleGrant(role: Role, orgId: string | undefined): NewAccount['roles'][number] {
  const scoped = {
    bureau_staff: 'bureauId',
    consultant: 'consultingFirmId',
    enterprise_user: 'enterpriseId',
  } as const;
  const key =
    role === 'bureau_staff' || role === 'consultant' || role === 'enterprise_user' ? scoped[role] : null;
  if (key === null) {
    if (orgId) throw new CpError('VALIDATION', `--org-id is not used with role ${role}`, { field: 'org-id' });
    return { role };
  }
  if (!orgId)
    throw new CpError('VALIDATION', `role ${role} needs --org-id (the organisation it is scoped to)`, {
      field: 'org-id',
    });
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(orgId)) {
    throw new CpError('VALIDATION', `--org-id must be a uuid, got "${orgId}"`, { field: 'org-id' });
  }
  return { role, [key]: orgId };
}

export const userCommand: Command = {
  name: 'user',
  summary: 'manage accounts: `cpaudit user add --username … --name … --role …`',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'org-id': { type: 'string' },
        password: { type: 'string' },
      },
    });
    const [sub] = positionals;
    if (values.help || sub === undefined) {
      io.stdout(HELP);
      return values.help ? 0 : 2;
    }
    if (sub !== 'add') throw new CpError('VALIDATION', `unknown subcommand "user ${sub}" (use: user add)`);
    const username = values.username;
    const displayName = values.name;
    const role = values.role;
    if (!username) throw new CpError('VALIDATION', '--username is required', { field: 'username' });
    if (!displayName) throw new CpError('VALIDATION', '--name is required', { field: 'name' });
    if (!role || !isRole(role)) {
      throw new CpError('VALIDATION', `--role must be one of ${ROLES.join(', ')}`, { field: 'role' });
    }
    const grant = roleGrant(role, values['org-id']);
    const password = values.password ?? (await readPassword(io));
    // The password policy before the database is opened: nothing to undo.
    const weak = passwordProblem(password);
    if (weak) throw new CpError('VALIDATION', weak, { field: 'password' });
    const config = loadConfig();
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
    );
    try {
      await database.migrate();
      const id = await createAccount(database, { username, displayName, password, roles: [grant] });
      io.stdout(`created user ${username.trim().toLowerCase()} (${role}) with id ${id}\n`);
    } catch (e) {
      // A scope id that names no organisation is a foreign-key violation: say which option is wrong.
      if (dbErrorInfo(e)?.code === DB_ERRCODES.FOREIGN_KEY) {
        const what =
          role === 'bureau_staff' ? 'bureau' : role === 'consultant' ? 'consulting firm' : 'enterprise';
        throw new CpError('VALIDATION', `--org-id ${values['org-id'] ?? ''} names no ${what}`, {
          field: 'org-id',
        });
      }
      throw e;
    } finally {
      await database.close();
    }
    return 0;
  },
};

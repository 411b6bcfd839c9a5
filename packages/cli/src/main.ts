/**
 * The `cpaudit` command line. Each command is a module under ./commands; this file only dispatches.
 */
import { CpError } from '@cpaudit/core';
import { COMMANDS } from './commands/index.ts';
import { errorLine } from './io.ts';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: NodeJS.ReadableStream;
}

const defaultIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: process.stdin,
};

export function usage(): string {
  const lines = [
    'cpaudit: cleaner production audit platform (清洁生产审核平台)',
    '',
    'Usage: cpaudit <command> [options]',
    '',
  ];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Run `cpaudit <command> --help` for the options of one command.');
  return `${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return name ? 0 : 1;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`cpaudit: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    // node:util parseArgs rejects unknown or malformed options: the user's mistake, said in one line (exit 2).
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      io.stderr(`cpaudit ${name}: ${(e as Error).message} (see \`cpaudit ${name} --help\`)\n`);
      return 2;
    }
    io.stderr(`${errorLine(e)}\n`);
    return e instanceof CpError && e.status < 500 ? 2 : 1;
  }
}

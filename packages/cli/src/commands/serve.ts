/**
 * `cpaudit serve`: start the platform (API and web app) on the configured database, without the demo. Runs until
 * SIGINT/SIGTERM. Configuration by environment (PORT, HOST, DATA_DIR, DATABASE_URL, … see the README).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '@cpaudit/server/config';
import { startServer } from '@cpaudit/server/serve';
import type { CliIO } from '../main.ts';
import type { Command } from './types.ts';

export const ENVIRONMENT_HELP = [
  'Environment: PORT (8600), HOST (127.0.0.1), DATA_DIR (./data), DATABASE_URL (postgres://…, instead of the',
  'embedded database), SESSION_TTL_HOURS, MAX_UPLOAD_MB, SECURE_COOKIES, LOGIN_RATE_LIMIT, LOG_LEVEL.',
].join('\n');

/** Starts the server and waits until it is closed (SIGINT/SIGTERM). */
export async function serveUntilClosed(io: CliIO, loadDemo: boolean): Promise<number> {
  const config = loadConfig();
  const server = await startServer(config, { loadDemo, log: (line) => io.stdout(`${line}\n`) });
  await server.closed;
  return 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the platform (API and web app) on the configured database',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      io.stdout(
        [
          'Usage: cpaudit serve',
          '',
          'Opens the database (the embedded one in DATA_DIR/db, or DATABASE_URL), applies the migrations, serves the',
          'API at /api and the built web app (packages/web/dist) at /, and prints the address. The demo is not loaded',
          '(see `cpaudit start` and `cpaudit demo`). On a database without users an administrator is created and its',
          'password printed once. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.',
          '',
          ENVIRONMENT_HELP,
          '',
        ].join('\n'),
      );
      return 0;
    }
    return serveUntilClosed(io, false);
  },
};

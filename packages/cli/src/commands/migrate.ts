/** `cpaudit migrate`: apply the pending migrations to the configured database and exit. */
import { parseArgs } from 'node:util';
import { loadConfig } from '@cpaudit/server/config';
import { openDatabase } from '../../../server/src/db/index.ts';
import type { Command } from './types.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply the database migrations (embedded database in DATA_DIR, or DATABASE_URL)',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      io.stdout(
        'Usage: cpaudit migrate\n\nApplies the pending migrations (idempotent) to the embedded database in DATA_DIR, or to\nDATABASE_URL. The server also migrates at start; use this to prepare a PostgreSQL database.\n',
      );
      return 0;
    }
    const config = loadConfig();
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
    );
    try {
      await database.migrate();
      io.stdout(`migrated: ${database.kind} ${database.location}\n`);
    } finally {
      await database.close();
    }
    return 0;
  },
};

/** `cpaudit demo`: load the demo data into the configured database (refused when it is already there). */
import { parseArgs } from 'node:util';
import { CpError } from '@cpaudit/core';
import { loadConfig } from '@cpaudit/server/config';
import { formatDemoAccounts, isDemoLoaded, loadDemo } from '@cpaudit/server/demo';
import { openDatabase } from '../../../server/src/db/index.ts';
import type { Command } from './types.ts';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'load the demo data (常州 electroplating audit, 惠州 PCB mandatory audit) into the database',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      io.stdout(
        [
          'Usage: cpaudit demo',
          '',
          'Loads the demo data into the configured database (DATA_DIR or DATABASE_URL) and its evidence files into',
          'DATA_DIR/files: 31 synthetic enterprises, three years of annual data, the 常州市 electroplating industry audit',
          'with 100+ options, and a 惠州 PCB mandatory audit. Refused when the demo is already loaded or its user names',
          'are taken. Prints the demo accounts.',
          '',
        ].join('\n'),
      );
      return 0;
    }
    const config = loadConfig();
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
    );
    try {
      await database.migrate();
      if (await isDemoLoaded(database.db)) {
        throw new CpError('CONFLICT', `the demo data are already loaded in ${database.location}`);
      }
      io.stdout('loading the demo data …\n');
      const summary = await loadDemo(database, { dataDir: config.dataDir });
      io.stdout(
        `loaded: ${summary.counts.enterprises ?? 0} enterprises, ${summary.counts.annual_values ?? 0} annual values, ${summary.counts.cp_options ?? 0} options, ${summary.counts.files ?? 0} evidence files\n`,
      );
      io.stdout(`demo accounts:\n${formatDemoAccounts(summary.accounts)}\n`);
    } finally {
      await database.close();
    }
    return 0;
  },
};

/** `cpaudit backup <file>`: the database and the evidence files together in one archive. */
import { parseArgs } from 'node:util';
import { CpError } from '@cpaudit/core';
import { createBackup } from '@cpaudit/server/backup';
import { loadConfig } from '@cpaudit/server/config';
import type { Command } from './types.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'write the database and the evidence files to one archive file',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    });
    const [file] = positionals;
    if (values.help || !file) {
      io.stdout(
        [
          'Usage: cpaudit backup <file>',
          '',
          'Writes one archive (.tar.gz) with the database and the evidence files (DATA_DIR/files):',
          '- embedded database: an exact copy of its data folder (PGlite dumpDataDir); stop the server first, the',
          '  embedded database can be opened by one process at a time;',
          '- PostgreSQL (DATABASE_URL): every table read as JSON through the driver, in one REPEATABLE READ read-only',
          '  transaction (a consistent snapshot; pg_dump is not needed, the server may keep running).',
          'The manifest records per-table row counts and checksums; `cpaudit restore` verifies them.',
          '',
        ].join('\n'),
      );
      return values.help ? 0 : 2;
    }
    if (positionals.length > 1) throw new CpError('VALIDATION', 'give one archive file');
    const manifest = await createBackup(loadConfig(), file);
    const rows = Object.values(manifest.tables).reduce((s, t) => s + t.rows, 0);
    io.stdout(
      `backup written to ${file}: ${manifest.database.kind} database (${Object.keys(manifest.tables).length} tables, ${rows} rows), ${manifest.files.count} evidence files\n`,
    );
    return 0;
  },
};

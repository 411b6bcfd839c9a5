/** `cpaudit restore <file> [--force]`: restore an archive written by `cpaudit backup`. */
import { parseArgs } from 'node:util';
import { CpError } from '@cpaudit/core';
import { restoreBackup } from '@cpaudit/server/backup';
import { loadConfig } from '@cpaudit/server/config';
import type { Command } from './types.ts';

export const restoreCommand: Command = {
  name: 'restore',
  summary:
    'restore a backup archive (database and evidence files); refuses a non-empty target without --force',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, force: { type: 'boolean' } },
    });
    const [file] = positionals;
    if (values.help || !file) {
      io.stdout(
        [
          'Usage: cpaudit restore <file> [--force]',
          '',
          'Restores an archive written by `cpaudit backup` into the configured installation (the embedded database',
          'in DATA_DIR, or DATABASE_URL, and DATA_DIR/files), then verifies every table against the checksums of the',
          'backup. The target must be empty (no database, no evidence files) unless --force, which REPLACES it.',
          'An archive restores into the same kind of database it was taken from. An archive made by an older',
          'cpaudit restores into this one: the rows are loaded into the schema they were backed up from, verified,',
          'then migrated. One made by a newer cpaudit (a schema this version does not know) is refused.',
          '',
        ].join('\n'),
      );
      return values.help ? 0 : 2;
    }
    if (positionals.length > 1) throw new CpError('VALIDATION', 'give one archive file');
    const result = await restoreBackup(loadConfig(), file, { force: values.force === true });
    const m = result.manifest;
    const { from, to } = result.migrations;
    const migrated = from === to ? '' : `; migrated from schema ${from} to ${to} (made by an older cpaudit)`;
    io.stdout(
      `restored ${file} (taken ${m.createdAt}): ${Object.keys(m.tables).length} tables verified, ${result.files} evidence files${migrated}\n`,
    );
    return 0;
  },
};

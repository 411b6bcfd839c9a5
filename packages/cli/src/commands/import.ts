/**
 * `cpaudit import <file.xlsx> [--audit <id>] [--enterprise <credit code>] [--dry-run] [--as <username>]`: imports a
 * filled data-collection workbook through the same service as `POST /api/audits/:id/workbook`: every problem is
 * printed as `sheet!cell: message` and nothing is written (exit 2); otherwise all of it is written in one
 * transaction, attributed to the user --as (default: admin). A progress bar runs on standard error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CpError } from '@cpaudit/core';
import { loadConfig } from '@cpaudit/server/config';
import { openDatabase } from '../../../server/src/db/index.ts';
import { importWorkbookBytes } from '../../../server/src/services/exchange/index.ts';
import { createProgress } from '../progress.ts';
import { actingAs, parsed, resolveAuditId, resolveEnterpriseId } from './exchange-common.ts';
import type { Command } from './types.ts';

const HELP = [
  'Usage: cpaudit import <file.xlsx> [--audit <audit id>] [--enterprise <credit code>] [--dry-run] [--as <username>]',
  '',
  'Imports a filled data-collection workbook (from `cpaudit workbook` or the web app). --audit: the audit it was',
  'made for (its enterprises, years and indicator system); --enterprise alone: that enterprise, the last ten years.',
  'Everything is checked first; any problem is printed as `sheet!cell: message`, nothing is written and the exit',
  'code is 2. --dry-run checks only. Writes are attributed to --as (default: admin).',
  '',
].join('\n');

export const importCommand: Command = {
  name: 'import',
  summary: 'import a filled data-collection workbook (.xlsx): all or nothing, every problem listed',
  async run(args, io) {
    const { values, positionals } = parsed('import', () =>
      parseArgs({
        args,
        allowPositionals: true,
        options: {
          help: { type: 'boolean', short: 'h' },
          audit: { type: 'string' },
          enterprise: { type: 'string' },
          'dry-run': { type: 'boolean' },
          as: { type: 'string' },
        },
      }),
    );
    const [file] = positionals;
    if (values.help || !file) {
      io.stdout(HELP);
      return values.help ? 0 : 2;
    }
    if (!values.audit && !values.enterprise) {
      throw new CpError('VALIDATION', 'give --audit <id> or --enterprise <credit code>', { field: 'audit' });
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      throw new CpError(
        'VALIDATION',
        `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      );
    }
    const config = loadConfig();
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
    );
    try {
      await database.migrate();
      const ctx = await actingAs(database, values.as ?? 'admin');
      const enterpriseId = values.enterprise
        ? await resolveEnterpriseId(database, values.enterprise)
        : undefined;
      const target = values.audit
        ? { auditId: await resolveAuditId(database, values.audit), enterpriseId }
        : { enterpriseId: enterpriseId ?? '' };
      const progress = createProgress({ write: io.stderr, tty: process.stderr.isTTY === true });
      const dryRun = values['dry-run'] === true;
      const result = await importWorkbookBytes(
        ctx,
        { maxUploadBytes: config.maxUploadBytes },
        target,
        bytes,
        dryRun,
        (done, total, label) => progress.update(done, total, label),
      );
      progress.finish(result.ok ? '完成' : '发现问题');
      if (!result.ok) {
        for (const p of result.problems) {
          const where = p.sheet === null ? file : `${p.sheet}!${p.cell ?? p.row ?? ''}`;
          io.stdout(`${where}: ${p.message}\n`);
        }
        io.stderr(`cpaudit: ${result.problems.length} problem(s) in ${file}: nothing written\n`);
        return 2;
      }
      const w = result.written;
      io.stdout(
        `${dryRun ? 'checked (dry run, nothing written)' : 'imported'}: ${w.enterpriseYears} enterprise-year(s), ` +
          `${w.created} value(s) new, ${w.updated} changed, ${w.unchanged} unchanged\n`,
      );
    } finally {
      await database.close();
    }
    return 0;
  },
};

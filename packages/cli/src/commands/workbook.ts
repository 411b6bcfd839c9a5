/**
 * `cpaudit workbook --audit <id> [--enterprise <credit code>] --out <file.xlsx>`: the data-collection workbook
 * (guideline Appendix A) of an audit, or of one listed enterprise, pre-filled with the data the platform holds:
 * the same file as `GET /api/audits/:id/workbook.xlsx`. Reads the configured database (DATA_DIR or DATABASE_URL)
 * as the platform administrator, or as `--as <username>`.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CpError } from '@cpaudit/core';
import { loadConfig } from '@cpaudit/server/config';
import { openDatabase } from '../../../server/src/db/index.ts';
import { downloadWorkbook } from '../../../server/src/services/exchange/index.ts';
import { createProgress } from '../progress.ts';
import { actingAs, parsed, resolveAuditId, resolveEnterpriseId } from './exchange-common.ts';
import type { Command } from './types.ts';

const HELP = [
  'Usage: cpaudit workbook --audit <audit id> [--enterprise <credit code>] --out <file.xlsx> [--as <username>]',
  '',
  'Writes the data-collection workbook (数据采集表, Appendix A of the industry audit guideline): instructions, one',
  'sheet per data group with the units in the headers and dropdowns, the audit’s data years, pre-filled. Without',
  '--enterprise: every listed enterprise, one row per enterprise-year (统一社会信用代码 + 年份). Reads as the user',
  '--as (default: admin). On the embedded database stop the server first.',
  '',
].join('\n');

export const workbookCommand: Command = {
  name: 'workbook',
  summary: 'write the data-collection workbook (.xlsx) of an audit or one of its enterprises',
  async run(args, io) {
    const { values } = parsed('workbook', () =>
      parseArgs({
        args,
        allowPositionals: true,
        options: {
          help: { type: 'boolean', short: 'h' },
          audit: { type: 'string' },
          enterprise: { type: 'string' },
          out: { type: 'string' },
          as: { type: 'string' },
        },
      }),
    );
    if (values.help || (!values.audit && !values.out)) {
      io.stdout(HELP);
      return values.help ? 0 : 2;
    }
    if (!values.audit) throw new CpError('VALIDATION', '--audit is required', { field: 'audit' });
    if (!values.out?.toLowerCase().endsWith('.xlsx')) {
      throw new CpError('VALIDATION', '--out must name an .xlsx file', { field: 'out' });
    }
    const config = loadConfig();
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
    );
    try {
      await database.migrate();
      const ctx = await actingAs(database, values.as ?? 'admin');
      const auditId = await resolveAuditId(database, values.audit);
      const enterpriseId = values.enterprise
        ? await resolveEnterpriseId(database, values.enterprise)
        : undefined;
      const progress = createProgress({ write: io.stderr, tty: process.stderr.isTTY === true });
      progress.update(0, 1, '生成数据采集表');
      const file = await downloadWorkbook(ctx, auditId, enterpriseId);
      await writeFile(values.out, file.bytes);
      progress.finish('完成');
      io.stdout(`workbook written to ${values.out} (${file.bytes.byteLength} bytes): ${file.fileName}\n`);
    } finally {
      await database.close();
    }
    return 0;
  },
};

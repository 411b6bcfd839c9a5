/**
 * `cpaudit form --audit <mandatory audit id | credit code> --out <file.xlsx|file.docx>`: the Guangdong performance
 * form (《广东省强制性清洁生产审核绩效表》) of a mandatory audit, read from the configured database (DATA_DIR or
 * DATABASE_URL) exactly as the API serves it (the same service), written as .xlsx or .docx by the extension.
 * Run by the operator of the installation: it reads as the platform administrator.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { CpError, validateUscc } from '@cpaudit/core';
import { loadConfig } from '@cpaudit/server/config';
import { desc, eq, sql } from 'drizzle-orm';
import { type Database, enterprises, mandatoryAudits, openDatabase } from '../../../server/src/db/index.ts';
import { platformContext, type ServiceContext } from '../../../server/src/services/context.ts';
import { type FormFormat, mandatoryFormFile } from '../../../server/src/services/forms/index.ts';
import { createProgress } from '../progress.ts';
import type { Command } from './types.ts';

const HELP = [
  'Usage: cpaudit form --audit <mandatory audit id | enterprise credit code> --out <file.xlsx | file.docx>',
  '',
  'Writes the Guangdong performance form (广东省强制性清洁生产审核绩效表) of a mandatory audit: the official layout',
  'with check boxes, the key options, the targets, and the summaries and CO2 computed by the core (notes 12–15).',
  "The format follows the extension of --out. With a credit code (统一社会信用代码), the enterprise's newest",
  'mandatory audit is used. Reads the configured database (DATA_DIR or DATABASE_URL); on the embedded database',
  'stop the server first.',
  '',
].join('\n');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The operator of the installation, reading as the platform administrator. */
function operatorContext(database: Database): ServiceContext {
  return platformContext(database, 'cpaudit-cli', 'cpaudit form');
}

function formatOf(out: string): FormFormat {
  const ext = extname(out).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.docx') return 'docx';
  throw new CpError('VALIDATION', `--out must end in .xlsx or .docx, got "${out}"`, { field: 'out' });
}

/** The audit id: given, or the newest mandatory audit of the enterprise with that credit code. */
async function resolveAudit(database: Database, audit: string): Promise<string> {
  if (UUID.test(audit)) return audit;
  const code = audit.trim().toUpperCase();
  if (!validateUscc(code).value.valid) {
    throw new CpError(
      'VALIDATION',
      `--audit must be a mandatory audit id (uuid) or a valid credit code (统一社会信用代码), got "${audit}"`,
      { field: 'audit' },
    );
  }
  const [row] = await database.db
    .select({ id: mandatoryAudits.id })
    .from(mandatoryAudits)
    .innerJoin(enterprises, eq(enterprises.id, mandatoryAudits.enterpriseId))
    .where(eq(enterprises.uscc, code))
    .orderBy(desc(mandatoryAudits.createdAt), desc(sql`${mandatoryAudits.id}`))
    .limit(1);
  if (!row) throw new CpError('NOT_FOUND', `no mandatory audit of an enterprise with credit code ${code}`);
  return row.id;
}

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        help: { type: 'boolean', short: 'h' },
        audit: { type: 'string' },
        out: { type: 'string' },
      },
    }).values;
  } catch (e) {
    // Unknown option or a missing value: bad input (exit 2), not an internal error.
    throw new CpError('VALIDATION', `${(e as Error).message.split('\n')[0]} (see cpaudit form --help)`);
  }
}

export const formCommand: Command = {
  name: 'form',
  summary: 'write the Guangdong performance form of a mandatory audit (.xlsx or .docx)',
  async run(args, io) {
    const values = options(args);
    if (values.help || (!values.audit && !values.out)) {
      io.stdout(HELP);
      return values.help ? 0 : 2;
    }
    if (!values.audit) throw new CpError('VALIDATION', '--audit is required', { field: 'audit' });
    if (!values.out) throw new CpError('VALIDATION', '--out is required', { field: 'out' });
    const out = values.out;
    const format = formatOf(out);
    const progress = createProgress({ write: (s) => io.stderr(s), tty: process.stderr.isTTY === true });
    const steps = 4;
    progress.update(0, steps, '打开数据库');
    const config = loadConfig();
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
    );
    try {
      await database.migrate();
      progress.update(1, steps, '读取审核数据');
      const id = await resolveAudit(database, values.audit);
      progress.update(2, steps, `生成绩效表 (.${format})`);
      const file = await mandatoryFormFile(operatorContext(database), id, format);
      progress.update(3, steps, `写入 ${out}`);
      writeFileSync(out, file.bytes);
      progress.finish('完成');
      io.stdout(`${out}: ${file.fileName} (${file.bytes.byteLength} bytes), mandatory audit ${id}\n`);
    } finally {
      await database.close();
    }
    return 0;
  },
};

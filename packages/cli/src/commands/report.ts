/**
 * `cpaudit report --audit <id or name> --out <file.docx>`: the industry audit report (Appendix B) of an audit,
 * written by the same service as the download endpoint, acting as the platform (every audit is readable), with a
 * progress bar on stderr.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CpError } from '@cpaudit/core';
import { loadConfig } from '@cpaudit/server/config';
import { asc, eq, ilike } from 'drizzle-orm';
import { type Database, industryAudits, openDatabase } from '../../../server/src/db/index.ts';
import { type Actor, platformActor, type ServiceContext } from '../../../server/src/services/context.ts';
import { auditReportDocx } from '../../../server/src/services/reports/index.ts';
import { evidenceStore } from '../../../server/src/storage/index.ts';
import { createProgress } from '../progress.ts';
import type { Command } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The platform itself, as the CLI acts: an administrator with no session (reads only). */
const PLATFORM_ACTOR: Actor = platformActor('cpaudit-cli', 'cpaudit (command line)');

/** The audit named by id, exact title, or a unique part of its title. */
async function resolveAudit(database: Database, audit: string): Promise<string> {
  const db = database.db;
  if (UUID.test(audit)) {
    const [row] = await db
      .select({ id: industryAudits.id })
      .from(industryAudits)
      .where(eq(industryAudits.id, audit));
    if (!row) throw new CpError('NOT_FOUND', `audit ${audit} not found`, { field: 'audit' });
    return row.id;
  }
  const [exact] = await db
    .select({ id: industryAudits.id })
    .from(industryAudits)
    .where(eq(industryAudits.title, audit));
  if (exact) return exact.id;
  const pattern = `%${audit.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = await db
    .select({ id: industryAudits.id, title: industryAudits.title })
    .from(industryAudits)
    .where(ilike(industryAudits.title, pattern))
    .orderBy(asc(industryAudits.title))
    .limit(6);
  const [first] = like;
  if (!first)
    throw new CpError('NOT_FOUND', `no industry audit is named like "${audit}"`, { field: 'audit' });
  if (like.length > 1) {
    throw new CpError(
      'VALIDATION',
      `"${audit}" names several audits (${like.map((r) => r.title).join('; ')}): give the id or the full title`,
      { field: 'audit' },
    );
  }
  return first.id;
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'write the industry audit report (Appendix B, .docx) of an audit',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        audit: { type: 'string', short: 'a' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help || !values.audit || !values.out || positionals.length > 0) {
      io.stdout(
        [
          'Usage: cpaudit report --audit <id or name> --out <file.docx>',
          '',
          'Writes the industry audit report of an audit (Jiangsu guideline, Appendix B): cover, table of contents,',
          'chapters 1–9 with tables 6.1, 7.2 and 7.3 (the core aggregation, as GET /api/audits/:id/performance),',
          'the performance charts and the options’ evidence photos. The audit is given by its id, its title, or a',
          'part of its title that names one audit. Opens the database of DATA_DIR or DATABASE_URL; the evidence',
          'files are read from DATA_DIR/files. Progress is shown on stderr.',
          '',
        ].join('\n'),
      );
      return values.help ? 0 : 2;
    }
    if (!values.out.toLowerCase().endsWith('.docx')) {
      throw new CpError('VALIDATION', `--out must name a .docx file, got "${values.out}"`, { field: 'out' });
    }
    const config = loadConfig();
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
    );
    try {
      await database.migrate();
      const auditId = await resolveAudit(database, values.audit);
      const ctx: ServiceContext = { database, db: database.db, actor: PLATFORM_ACTOR, now: () => new Date() };
      const progress = createProgress({ write: (s) => io.stderr(s), tty: process.stderr.isTTY === true });
      progress.update(0, 1, '读取审核数据');
      const file = await auditReportDocx(ctx, { store: evidenceStore(config.dataDir) }, auditId, {
        // The last step is shown by `finish`.
        onProgress: (done, total, label) => {
          if (done < total) progress.update(done, total, label);
        },
      });
      await writeFile(values.out, file.bytes);
      progress.finish('完成');
      io.stdout(`report written to ${values.out} (${file.bytes.byteLength} bytes): ${file.fileName}\n`);
    } finally {
      await database.close();
    }
    return 0;
  },
};

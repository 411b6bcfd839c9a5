/**
 * `cpaudit synth --enterprises N --years Y --seed S [--options M] [--force-append]`: a deterministic synthetic
 * province (江苏省: cities, counties, bureaus, consulting firms, enterprises of six industries, Y years of annual data
 * with a few planted anomalies, industry audits per city, ≈ M options per enterprise at every status, evidence stubs)
 * written into the configured database in batches, with a progress bar on stderr. Refused when the database is not
 * empty, unless --force-append (then give another seed).
 */
import { parseArgs } from 'node:util';
import { CpError } from '@cpaudit/core';
import { loadConfig } from '@cpaudit/server/config';
import { openDatabase } from '../../../server/src/db/index.ts';
import { synthesize } from '../../../server/src/synth/index.ts';
import { createProgress } from '../progress.ts';
import type { Command } from './types.ts';

function integer(value: string | undefined, field: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new CpError('VALIDATION', `--${field} is required`, { field });
  }
  if (!/^\d+$/.test(value))
    throw new CpError('VALIDATION', `--${field}: an integer, got "${value}"`, { field });
  return Number(value);
}

export const synthCommand: Command = {
  name: 'synth',
  summary:
    'generate a deterministic synthetic province (enterprises, annual data, audits, options) for tests and benchmarks',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        enterprises: { type: 'string', short: 'n' },
        years: { type: 'string', short: 'y' },
        seed: { type: 'string', short: 's' },
        options: { type: 'string', short: 'm' },
        'force-append': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help || !values.enterprises || positionals.length > 0) {
      io.stdout(
        [
          'Usage: cpaudit synth --enterprises N [--years 3] [--seed 1] [--options 10] [--force-append]',
          '',
          'Writes a synthetic province (江苏省, fictitious enterprises) into the database of DATA_DIR or DATABASE_URL:',
          'regions, a bureau per city, consulting firms, N enterprises of six GB/T 4754-2017 industries (electroplating',
          '3360 benchmarked on the built-in indicator system), Y years of annual data ending 2024 with a few planted',
          'anomalies, industry audits per city and industry (at most 500 enterprises each), about M options per',
          'enterprise at every status with their benefits, and evidence stubs (2 KB–4 MB) in DATA_DIR/files.',
          'The same seed gives the same data. Accounts s<seed>-admin, s<seed>-<city code>, … share the demo password.',
          'Refused when the database is not empty, unless --force-append (with a seed not loaded yet).',
          '',
        ].join('\n'),
      );
      return values.help ? 0 : 2;
    }
    const opts = {
      enterprises: integer(values.enterprises, 'enterprises'),
      years: integer(values.years, 'years', 3),
      seed: integer(values.seed, 'seed', 1),
      optionsPerEnterprise: integer(values.options, 'options', 10),
      forceAppend: values['force-append'] === true,
    };
    const config = loadConfig();
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
    );
    try {
      await database.migrate();
      const progress = createProgress({ write: (s) => io.stderr(s), tty: process.stderr.isTTY === true });
      progress.update(0, opts.enterprises, '组织机构与账号');
      const summary = await synthesize(database, {
        ...opts,
        dataDir: config.dataDir,
        onProgress: (done, total, label) => progress.update(done, total, label),
      });
      progress.finish('完成');
      const rows = Object.entries(summary.counts)
        .filter(([k]) => k !== 'files' && k !== 'file_bytes')
        .reduce((s, [, n]) => s + n, 0);
      io.stdout(
        [
          `synthetic province (seed ${summary.seed}, generator v${summary.version}) written to ${database.location} in ${summary.seconds.toFixed(1)} s (${Math.round(rows / summary.seconds)} rows/s)`,
          ...Object.entries(summary.counts).map(([k, n]) => `  ${k.padEnd(26)} ${n}`),
          'planted anomalies (the data checks find them):',
          ...summary.anomalies.map(
            (a) =>
              `  enterprise #${a.enterpriseIndex + 1} ${a.enterpriseId}: ${a.what} [${a.rule} ${a.item}]`,
          ),
          `accounts (password ${summary.password}): ${summary.accounts.map((a) => a.username).join(', ')}`,
          '',
        ].join('\n'),
      );
    } finally {
      await database.close();
    }
    return 0;
  },
};

/**
 * `cpaudit start` (what `npm start` runs): builds the web app when packages/web/dist is missing or older than its
 * sources (`npm run build -w @cpaudit/web`), then serves the platform, loading the demo the first time on an empty
 * embedded database.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CpError } from '@cpaudit/core';
import { WEB_DIST } from '@cpaudit/server/serve';
import type { CliIO } from '../main.ts';
import { ENVIRONMENT_HELP, serveUntilClosed } from './serve.ts';
import type { Command } from './types.ts';

/** The sources a web build depends on, relative to the web package. */
const WEB_SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Why the web app must be built (`dist` missing or older than a source), or null when it is up to date. */
export function webBuildReason(webDir: string): string | null {
  const index = join(webDir, 'dist', 'index.html');
  if (!existsSync(index)) return 'packages/web/dist is missing';
  const built = statSync(index).mtimeMs;
  const newest = Math.max(...WEB_SOURCES.map((s) => newestMtime(join(webDir, s))));
  return newest > built ? 'the web sources changed since the last build' : null;
}

function buildWeb(io: CliIO, webDir: string, reason: string): void {
  io.stdout(`building the web app (${reason}): npm run build -w @cpaudit/web …\n`);
  const r = spawnSync('npm', ['run', 'build', '-w', '@cpaudit/web', '--silent'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: join(webDir, '..', '..'),
  });
  if (r.status !== 0) {
    throw new CpError(
      'INTERNAL',
      'building the web app failed (npm run build -w @cpaudit/web); see the output above',
    );
  }
}

export const startCommand: Command = {
  name: 'start',
  summary: 'build the web app if needed, then start the platform with the demo on first start (`npm start`)',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, 'skip-build': { type: 'boolean' } },
    });
    if (values.help) {
      io.stdout(
        [
          'Usage: cpaudit start [--skip-build]',
          '',
          'Builds the web app when packages/web/dist is missing or older than its sources, then starts the platform',
          'like `cpaudit serve`. The first start on an empty embedded database loads the demo data (常州 electroplating',
          'industry audit, 惠州 PCB mandatory audit) and prints the demo accounts and their password.',
          '',
          '  --skip-build   serve what is built (or a notice page) without building',
          '',
          ENVIRONMENT_HELP,
          '',
        ].join('\n'),
      );
      return 0;
    }
    const webDir = join(WEB_DIST, '..');
    const reason = values['skip-build'] ? null : webBuildReason(webDir);
    if (reason) buildWeb(io, webDir, reason);
    return serveUntilClosed(io, true);
  },
};

/**
 * `cpaudit serve` starts the platform; `cpaudit start` (what `npm start` runs) first builds the web app when its
 * built files are missing or older than its sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CpError } from '@cpaudit/core';
import { loadConfig } from '@cpaudit/server/config';
import { runServer, WEB_DIST } from '@cpaudit/server/run-server';
import type { CliIO } from '../main.ts';
import type { Command } from './types.ts';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function buildWebIfStale(io: CliIO): void {
  const webDir = join(WEB_DIST, '..');
  const index = join(WEB_DIST, 'index.html');
  const stale = !existsSync(index) || newestMtime(join(webDir, 'src')) > statSync(index).mtimeMs;
  if (!stale) return;
  io.stdout('building the web app (packages/web)…\n');
  const r = spawnSync('npm', ['run', 'build', '-w', '@cpaudit/web', '--silent'], {
    stdio: 'inherit',
    cwd: join(webDir, '..', '..'),
  });
  if (r.status !== 0)
    throw new CpError('INTERNAL', 'building the web app failed (npm run build -w @cpaudit/web)');
}

async function serve(args: string[], io: CliIO, build: boolean): Promise<number> {
  const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout(
      'Usage: cpaudit serve | cpaudit start\nConfiguration by environment: PORT, HOST, DATA_DIR, DATABASE_URL, … (see README).\n',
    );
    return 0;
  }
  if (build) buildWebIfStale(io);
  const config = loadConfig();
  const server = await runServer(config);
  io.stdout(`cpaudit is running at ${server.url}\n`);
  io.stdout(`database: ${server.database.kind} (${server.database.location})\n`);
  io.stdout(`API docs: ${server.url}api/docs\n`);
  if (server.createdAdmin) {
    io.stdout(
      `first start: created the administrator "${server.createdAdmin.username}" with password ${server.createdAdmin.password}\n`,
    );
    io.stdout('(shown once; change it after logging in)\n');
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      io.stdout('stopping…\n');
      server.close().then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the platform (API and web app) on the configured database',
  run: (args, io) => serve(args, io, false),
};

export const startCommand: Command = {
  name: 'start',
  summary: 'build the web app if needed, then start the platform (what `npm start` runs)',
  run: (args, io) => serve(args, io, true),
};

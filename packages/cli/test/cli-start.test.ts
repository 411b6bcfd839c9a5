/**
 * `cpaudit start` in a child process on a fresh data folder: migrates, loads the demo once, serves the API and
 * the web app, prints the address, the database and the demo accounts; a demo account logs in; a second process
 * on the same folder stops with the lock message (no stack trace); SIGTERM closes cleanly and frees the folder;
 * `cpaudit demo` then refuses to load the demo twice; a restart does not load it again.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type ServerProcess, startCli } from './spawn.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-cli-start-'));
const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
const running: ServerProcess[] = [];

afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function login(base: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return res.status;
}

describe('cpaudit start', () => {
  it('starts with the demo, serves, refuses a second process, and stops cleanly', async () => {
    const server = startCli(['start', '--skip-build'], env);
    running.push(server);
    const [, base] = await server.waitFor(/cpaudit is running at (http:\/\/127\.0\.0\.1:\d+)\//, 80_000);
    await server.waitFor(/password of every demo account: (\S+)/, 5_000);
    const out = server.output();
    expect(out).toContain('demo: loading the demo data');
    expect(out).toContain(`database: embedded (PGlite) at ${join(dataDir, 'db')}`);
    expect(out).toContain('embedded database: one process, one thread, fsync off');
    expect(out).toMatch(/cz-bureau\s+bureau_staff/);
    const password = out.match(/password of every demo account: (\S+)/)?.[1] ?? '';

    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
    expect(await login(base ?? '', 'cz-bureau', password)).toBe(200);
    expect(await login(base ?? '', 'cz-bureau', 'wrong-password')).toBe(401);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');

    // A second process on the same data folder: the lock message, one line, no stack trace.
    const second = await runCli(['serve'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `^cpaudit: DATABASE_LOCKED: the embedded database at .* is in use by process ${server.child.pid}`,
      ),
    );
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('closed');
    expect(existsSync(join(dataDir, 'db.lock'))).toBe(false);
  }, 120_000);

  it('does not load the demo twice: `cpaudit demo` refuses, a restart keeps the data', async () => {
    const demo = await runCli(['demo'], env);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toMatch(/^cpaudit: CONFLICT: the demo data are already loaded/);

    const again = startCli(['serve'], env);
    running.push(again);
    const [, base] = await again.waitFor(/cpaudit is running at (http:\/\/127\.0\.0\.1:\d+)\//, 40_000);
    await again.waitFor(/password of every demo account/, 5_000);
    expect(again.output()).not.toContain('loading the demo');
    expect(again.output()).toContain('demo accounts:');
    expect(await login(base ?? '', 'hz-pcb', 'Demo-2025!')).toBe(200);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 60_000);
});

/**
 * Starting the platform: open the database (PGlite in DATA_DIR, or DATABASE_URL), apply the migrations, load the
 * demo the first time on an empty embedded database (when asked), build the app with the web app's built files
 * at / (a plain page saying how to build them when they are missing), listen, and say where: the address, the
 * database, the demo accounts. SIGINT/SIGTERM close the server and the database cleanly (the embedded database's
 * lock is released). A second process on the same data folder stops with the lock message (CpError
 * DATABASE_LOCKED) before anything else happens.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { type Database, openDatabase, settings, users } from './db/index.ts';
import {
  DEMO_PASSWORD,
  DEMO_SETTING_KEY,
  type DemoAccount,
  formatDemoAccounts,
  isDatabaseEmpty,
  loadDemo,
} from './demo/index.ts';
import { createAccount } from './services/users.ts';
import { warmAuditMemos } from './services/warm.ts';

/** The web app's build output (packages/web/dist), resolved from this file. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface StartServerOptions {
  /** Load the demo data when the embedded database is empty (first start). */
  loadDemo?: boolean;
  /** The built web app; default `WEB_DIST`. */
  webRoot?: string;
  /** Where the start-up lines go; default standard output. */
  log?: (line: string) => void;
  /** Close on SIGINT/SIGTERM (default true; tests that run several servers in one process turn it off). */
  handleSignals?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  /** e.g. `http://127.0.0.1:8600`. */
  address: string;
  /** True when this start loaded the demo. */
  demoLoaded: boolean;
  /** Stops listening and closes the database (idempotent). */
  close(): Promise<void>;
  /** Settles once the server is closed (by `close()` or a signal). */
  closed: Promise<void>;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>cpaudit</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>cpaudit 清洁生产审核平台</h1>
<p>The web app is not built yet (packages/web/dist is missing). Run <code>npm run build -w @cpaudit/web</code>
(or <code>npm start</code>, which builds it when needed) and restart the server.</p>
<p>前端尚未构建：请运行 <code>npm run build -w @cpaudit/web</code>（或 <code>npm start</code>）后重启服务。</p>
<p>The API is served meanwhile: <a href="/api/health">/api/health</a>, documentation at <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

/** The demo accounts recorded when the demo was loaded, or null when the database holds no demo. */
export async function demoAccountsOf(database: Database): Promise<DemoAccount[] | null> {
  const [row] = await database.db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, DEMO_SETTING_KEY));
  if (!row) return null;
  const v = row.value;
  if (typeof v !== 'object' || v === null || !('accounts' in v) || !Array.isArray(v.accounts)) return [];
  return v.accounts.filter(
    (a: unknown): a is DemoAccount =>
      typeof a === 'object' && a !== null && 'username' in a && 'role' in a && 'organisation' in a,
  );
}

/** On a database without any user, creates `admin` with a random password (printed once at start-up). */
async function ensureAdministrator(
  database: Database,
): Promise<{ username: string; password: string } | null> {
  const [any] = await database.db.select({ id: users.id }).from(users).limit(1);
  if (any) return null;
  const password = `${randomBytes(9).toString('base64url')}-Aa1`;
  await createAccount(database, {
    username: 'admin',
    displayName: '平台管理员',
    password,
    roles: [{ role: 'platform_admin' }],
  });
  return { username: 'admin', password };
}

export async function startServer(
  config: ServerConfig,
  opts: StartServerOptions = {},
): Promise<RunningServer> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  let app: FastifyInstance | undefined;
  let demoLoaded = false;
  try {
    await database.migrate();
    if (opts.loadDemo) {
      if (database.kind !== 'pglite') {
        log('demo: not loaded automatically on PostgreSQL (run `cpaudit demo` to load it)');
      } else if (await isDatabaseEmpty(database.db)) {
        log('demo: loading the demo data into the new database (once) …');
        const summary = await loadDemo(database, { dataDir: config.dataDir });
        demoLoaded = true;
        log(
          `demo: ${summary.counts.enterprises ?? 0} enterprises, ${summary.counts.cp_options ?? 0} options, ${summary.counts.files ?? 0} evidence files`,
        );
      }
    }
    // A fresh installation without the demo still needs someone who can log in.
    const firstAdmin = await ensureAdministrator(database);
    const webRoot = opts.webRoot ?? (process.env.CPAUDIT_WEB_ROOT?.trim() || WEB_DIST);
    const built = existsSync(join(webRoot, 'index.html'));
    app = await buildApp({ database, config, ...(built ? { webRoot } : {}) });
    if (!built) {
      app.get('/', { schema: { hide: true } }, async (_req, reply) =>
        reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE),
      );
    }
    const address = await app.listen({ port: config.port, host: config.host });
    log(`cpaudit is running at ${address}/`);
    log(`API docs: ${address}/api/docs`);
    log(
      `database: ${database.kind === 'pglite' ? `embedded (PGlite) at ${database.location}` : `PostgreSQL ${database.location}`}`,
    );
    if (database.kind === 'pglite') {
      // What the embedded database is not for (SECURITY.md, the stress figures): it runs in this process's one
      // thread, so requests share one core (100 clients: p50 3 s, p99 10 s on the loaded test machine), and
      // PGlite starts PostgreSQL with fsync off: it survives the process being killed, not a power loss.
      log(
        'embedded database: one process, one thread, fsync off - for many concurrent users, or data that must survive a power loss, use PostgreSQL (DATABASE_URL)',
      );
    }
    log(`evidence files: ${join(config.dataDir, 'files')}`);
    if (!built)
      log(`web app not built: run \`npm run build -w @cpaudit/web\` (serving a notice at / meanwhile)`);
    if (firstAdmin) {
      log(
        `first start: created the administrator "${firstAdmin.username}" with password ${firstAdmin.password}`,
      );
      log('(shown once; change it after logging in)');
    }
    const accounts = await demoAccountsOf(database);
    if (accounts && accounts.length > 0) {
      log('demo accounts:');
      log(formatDemoAccounts(accounts));
    } else if (accounts) {
      log(`demo data loaded; demo password: ${DEMO_PASSWORD}`);
    }

    // The memos of every audit, computed in the background (services/warm.ts); stopped when the server closes.
    const warming = config.warmUp ? warmAuditMemos(database) : undefined;
    void warming?.done.then((w) => {
      if (w.error) log(`warm-up stopped after ${w.audits} audits: ${w.error}`);
      else if (w.audits > 0) log(`warm-up: ${w.audits} audit(s) ready in ${(w.ms / 1000).toFixed(1)} s`);
    });

    let resolveClosed: () => void = () => {};
    const closed = new Promise<void>((r) => {
      resolveClosed = r;
    });
    let closing: Promise<void> | undefined;
    const running = app;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        try {
          warming?.stop();
          await running.close();
          await warming?.done;
        } finally {
          await database.close();
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolveClosed();
        }
      })();
      return closing;
    };
    const onSignal = (signal: NodeJS.Signals): void => {
      log(`${signal}: closing …`);
      void close().then(() => log('closed'));
    };
    if (opts.handleSignals !== false) {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    return { app, database, address, demoLoaded, close, closed };
  } catch (e) {
    await app?.close();
    await database.close();
    throw e;
  }
}

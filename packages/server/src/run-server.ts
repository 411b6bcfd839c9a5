/**
 * Starting the platform: open the database (embedded PGlite in DATA_DIR, or DATABASE_URL), migrate, make sure an
 * administrator can log in, build the app with the web files, listen, and close cleanly on SIGINT/SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { type Database, openDatabase, users } from './db/index.ts';
import { createAccount } from './services/users.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** Set when this start created the first administrator: its one-time password. */
  createdAdmin?: { username: string; password: string };
  close(): Promise<void>;
}

/** On an empty database, creates `admin` with a random password (printed once by the CLI). */
async function ensureAdmin(database: Database): Promise<RunningServer['createdAdmin']> {
  const existing = await database.db.select({ id: users.id }).from(users).limit(1);
  if (existing.length > 0) return undefined;
  const password = `${randomBytes(9).toString('base64url')}-Aa1`;
  await createAccount(database, {
    username: 'admin',
    displayName: '平台管理员',
    password,
    roles: [{ role: 'platform_admin' }],
  });
  return { username: 'admin', password };
}

export async function runServer(config: ServerConfig): Promise<RunningServer> {
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    await database.migrate();
    const createdAdmin = await ensureAdmin(database);
    const app = await buildApp({ database, config, webRoot: WEB_DIST });
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    return {
      app,
      database,
      url: `http://${host}:${port}/`,
      ...(createdAdmin ? { createdAdmin } : {}),
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}

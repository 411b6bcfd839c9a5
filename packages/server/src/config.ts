/**
 * Configuration from environment variables (documented in the README). Defaults run the platform on one machine
 * with the embedded database; DATABASE_URL switches to a PostgreSQL server.
 */
import { resolve } from 'node:path';
import { CpError } from '@cpaudit/core';

export interface ServerConfig {
  port: number;
  host: string;
  /** Embedded database (`<dataDir>/db`) and evidence files (`<dataDir>/files`). */
  dataDir: string;
  /** postgres://… to use a PostgreSQL server instead of the embedded PGlite. */
  databaseUrl: string | undefined;
  /** Session lifetime. */
  sessionTtlHours: number;
  /** Largest accepted upload (evidence file, workbook). */
  maxUploadBytes: number;
  /** Send cookies with `Secure` (set when served over HTTPS). */
  secureCookies: boolean;
  /** Login attempts allowed per IP and username per 15 minutes. */
  loginRateLimit: number;
  logLevel: string;
  /** Compute every audit's memoized views in the background after the start (services/warm.ts). */
  warmUp: boolean;
}

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new CpError('VALIDATION', `${name} must be an integer in [${min}, ${max}], got "${raw}"`, {
      field: name,
    });
  }
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new CpError('VALIDATION', 'DATABASE_URL must start with postgres:// or postgresql://', {
      field: 'DATABASE_URL',
    });
  }
  return {
    port: int(env, 'PORT', 8600, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR?.trim() || 'data'),
    databaseUrl,
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30),
    maxUploadBytes: int(env, 'MAX_UPLOAD_MB', 20, 1, 1024) * 1024 * 1024,
    secureCookies: env.SECURE_COOKIES === 'true',
    loginRateLimit: int(env, 'LOGIN_RATE_LIMIT', 10, 1, 10_000),
    logLevel: env.LOG_LEVEL?.trim() || 'warn',
    warmUp: env.WARM_UP?.trim() !== 'false',
  };
}

/**
 * Database errors → CpError. Both drivers report PostgreSQL's SQLSTATE as `code` (PGlite's DatabaseError,
 * postgres-js's PostgresError); Drizzle wraps them (`DrizzleQueryError`, the original in `cause`).
 *
 * cpaudit's own SQLSTATEs (raised by the triggers of the custom migrations):
 * - `CPL01`: submitted annual data is locked until returned → STATE_CONFLICT;
 * - `CPA01`: UPDATE/DELETE/TRUNCATE of the append-only audit log → INTERNAL (a bug, never a user error).
 */
import { CpError } from '@cpaudit/core';

export const DB_ERRCODES = {
  LOCKED: 'CPL01',
  APPEND_ONLY: 'CPA01',
  UNIQUE: '23505',
  FOREIGN_KEY: '23503',
  CHECK: '23514',
  NOT_NULL: '23502',
  INVALID_TEXT: '22P02',
  SERIALIZATION: '40001',
  DEADLOCK: '40P01',
} as const;

export interface DbErrorInfo {
  code: string;
  message: string;
  constraint?: string;
  column?: string;
  table?: string;
  detail?: string;
}

function str(o: object, key: string): string | undefined {
  const v: unknown = Reflect.get(o, key);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The PostgreSQL error inside `e` (following `cause`), or undefined when `e` is not one. */
export function dbErrorInfo(e: unknown): DbErrorInfo | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && typeof cur === 'object' && cur !== null; depth++) {
    const code = str(cur, 'code');
    if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
      const info: DbErrorInfo = { code, message: str(cur, 'message') ?? code };
      const constraint = str(cur, 'constraint') ?? str(cur, 'constraint_name');
      const column = str(cur, 'column') ?? str(cur, 'column_name');
      const table = str(cur, 'table') ?? str(cur, 'table_name');
      const detail = str(cur, 'detail');
      if (constraint !== undefined) info.constraint = constraint;
      if (column !== undefined) info.column = column;
      if (table !== undefined) info.table = table;
      if (detail !== undefined) info.detail = detail;
      return info;
    }
    cur = Reflect.get(cur, 'cause');
  }
  return undefined;
}

/**
 * A CpError for a database error, or undefined when `e` is not one (rethrow it as is). The field is the
 * constraint or column name, so a client can tell which rule was broken.
 */
export function mapDbError(e: unknown): CpError | undefined {
  const info = dbErrorInfo(e);
  if (info === undefined) return undefined;
  const field = info.constraint ?? info.column;
  const opts = field === undefined ? {} : { field };
  switch (info.code) {
    case DB_ERRCODES.LOCKED:
      return new CpError('STATE_CONFLICT', info.message);
    case DB_ERRCODES.APPEND_ONLY:
      return new CpError('INTERNAL', info.message);
    case DB_ERRCODES.UNIQUE:
      return new CpError('CONFLICT', `already exists (${info.constraint ?? 'unique constraint'})`, opts);
    case DB_ERRCODES.FOREIGN_KEY:
      return /still referenced/.test(info.detail ?? info.message)
        ? new CpError('CONFLICT', `still referenced (${info.constraint ?? 'foreign key'})`, opts)
        : new CpError(
            'VALIDATION',
            `refers to a record that does not exist (${info.constraint ?? 'foreign key'})`,
            opts,
          );
    case DB_ERRCODES.CHECK:
      return new CpError('VALIDATION', `violates rule ${info.constraint ?? 'check'}`, opts);
    case DB_ERRCODES.NOT_NULL:
      return new CpError('VALIDATION', `${info.column ?? 'a field'} is required`, opts);
    case DB_ERRCODES.INVALID_TEXT:
      return new CpError('VALIDATION', info.message, opts);
    case DB_ERRCODES.SERIALIZATION:
    case DB_ERRCODES.DEADLOCK:
      return new CpError('CONFLICT', 'concurrent change, retry', opts);
    default:
      return undefined;
  }
}

/**
 * The one error type of cpaudit. Every layer throws `CpError`; the server maps `code` to an HTTP status,
 * the CLI prints `message` on one line, the web app shows it next to `field`.
 *
 * Codes are stable: clients match on them. Add a code here (with its status) rather than inventing strings.
 */
export const ERROR_CODES = {
  /** A value does not satisfy its schema or a rule (wrong type, out of range, malformed). */
  VALIDATION: 400,
  /** A unit is unknown, or of the wrong dimension for the quantity. */
  UNIT: 400,
  /** A quantity that must not be negative is negative. */
  NEGATIVE_QUANTITY: 400,
  /** Reference data (factor, coefficient, indicator) asked for does not exist. */
  UNKNOWN_REFERENCE: 400,
  /** The calculation has no defined answer for these inputs (e.g. IRR of all-negative cash flows). */
  NOT_COMPUTABLE: 422,
  /** An uploaded file cannot be read or is refused (corrupt, too large, wrong type). */
  BAD_FILE: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  /** Optimistic concurrency: the record changed since the client read it. */
  VERSION_CONFLICT: 409,
  /** The record is in a state that forbids the change (e.g. submitted data is locked). */
  STATE_CONFLICT: 409,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  /** The embedded database folder is owned by another process. */
  DATABASE_LOCKED: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem inside a larger input: a field path, or a sheet/row/cell of a workbook. */
export interface Issue {
  /** Dotted path of the field (`energy.0.quantity`), or a cell address for workbooks (`能源!C7`). */
  field?: string;
  sheet?: string;
  row?: number;
  cell?: string;
  message: string;
}

export class CpError extends Error {
  override readonly name = 'CpError';
  readonly code: ErrorCode;
  /** The field (dotted path) the error is about, when there is one. */
  readonly field: string | undefined;
  /** Every problem found, when validation collects more than one. */
  readonly issues: Issue[];

  constructor(code: ErrorCode, message: string, opts: { field?: string; issues?: Issue[] } = {}) {
    super(message);
    this.code = code;
    this.field = opts.field;
    this.issues = opts.issues ?? (opts.field ? [{ field: opts.field, message }] : []);
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }

  toJSON(): { code: ErrorCode; message: string; field?: string; issues: Issue[] } {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      issues: this.issues,
    };
  }
}

export function isCpError(e: unknown): e is CpError {
  return e instanceof CpError;
}

/** Throws VALIDATION naming `field` unless `value` is a finite number. */
export function requireFinite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CpError('VALIDATION', `${field} must be a finite number, got ${String(value)}`, { field });
  }
  return value;
}

/** Throws NEGATIVE_QUANTITY naming `field` unless `value` is a finite number ≥ 0. */
export function requireNonNegative(value: unknown, field: string): number {
  const v = requireFinite(value, field);
  if (v < 0) throw new CpError('NEGATIVE_QUANTITY', `${field} must not be negative, got ${v}`, { field });
  return v;
}

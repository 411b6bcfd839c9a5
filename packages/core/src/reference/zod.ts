/**
 * Parsing JSON input with zod into CpError: every issue becomes an `Issue` naming its field path,
 * and the error message names the first one so a one-line CLI message is still useful.
 */
import type { z } from 'zod';
import { CpError, type Issue } from '../errors.ts';

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'symbol' ? p.toString() : String(p))).join('.');
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => {
    const field = fieldPath(i.path);
    return field ? { field, message: i.message } : { message: i.message };
  });
}

/** Parses `json` with `schema`; on failure throws CpError VALIDATION naming the first field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, json: unknown, what = 'input'): z.output<S> {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const issues = zodIssues(r.error);
  const first = issues[0];
  const where = first?.field ? `${first.field}: ` : '';
  throw new CpError('VALIDATION', `invalid ${what}: ${where}${first?.message ?? 'malformed'}`, {
    ...(first?.field ? { field: first.field } : {}),
    issues,
  });
}

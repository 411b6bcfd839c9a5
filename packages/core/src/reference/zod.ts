/**
 * Parsing JSON input with zod into CpError: every issue becomes an `Issue` naming its field path,
 * and the error message names the first one so a one-line CLI message is still useful.
 */
import type { z } from 'zod';
import { CpError, type Issue } from '../errors.ts';

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'symbol' ? p.toString() : String(p))).join('.');
}

type RawIssue = z.core.$ZodIssue;

/**
 * A union that matches no branch reports "Invalid input" at the union's own path. Say instead what is wrong in
 * the branch that came closest (the one whose first problem lies deepest), so the message names a field.
 */
function expandUnion(
  issue: RawIssue,
  base: readonly PropertyKey[],
): { path: PropertyKey[]; message: string }[] {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: RawIssue[] | undefined;
    let bestDepth = -1;
    for (const branch of issue.errors) {
      const depth = Math.max(...branch.map((b) => b.path.length));
      if (depth > bestDepth) {
        best = branch;
        bestDepth = depth;
      }
    }
    if (best && bestDepth > 0) return best.flatMap((b) => expandUnion(b, [...base, ...issue.path]));
  }
  // An unknown field is reported at its object; name each unknown field instead.
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) {
    return issue.keys.map((key) => ({
      path: [...base, ...issue.path, key],
      message: `unknown field "${key}"`,
    }));
  }
  return [{ path: [...base, ...issue.path], message: issue.message }];
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((raw) =>
    expandUnion(raw, []).map((i) => {
      const field = fieldPath(i.path);
      return field ? { field, message: i.message } : { message: i.message };
    }),
  );
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

/**
 * Helpers shared by the organisation services: request-field errors, database-error mapping onto request fields,
 * LIKE patterns, timestamps as ISO strings, and partial updates.
 */
import { CpError } from '@cpaudit/core';
import { mapDbError } from '../../db/index.ts';

/** ISO-8601 instant of a timestamp column. */
export function iso(d: Date): string {
  return d.toISOString();
}

export function isoOrNull(d: Date | null): string | null {
  return d === null ? null : d.toISOString();
}

/** `%q%` for ILIKE, with the LIKE wildcards and the escape character of `q` escaped (default escape '\'). */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `q%` for LIKE, escaped as in `containsPattern`. */
export function prefixPattern(q: string): string {
  return `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The same error, about `field` (e.g. a core error about `creditCode` becomes one about `body.uscc`). */
export function atField(e: CpError, field: string): CpError {
  return new CpError(e.code, e.message, {
    field,
    issues: e.issues.length ? e.issues.map((i) => ({ ...i, field })) : [{ field, message: e.message }],
  });
}

/**
 * Runs a write; a database constraint violation becomes a CpError (400 VALIDATION, 409 CONFLICT …), its field
 * named after the request field when the constraint is listed in `fields` (constraint name → request field).
 */
export async function guardDb<T>(
  run: () => Promise<T>,
  fields: Readonly<Record<string, string>> = {},
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const mapped = mapDbError(e);
    if (mapped === undefined) throw e;
    const requestField = mapped.field === undefined ? undefined : fields[mapped.field];
    throw requestField === undefined ? mapped : atField(mapped, requestField);
  }
}

/**
 * The fields of a PATCH body that were given (`undefined` means "leave as is"; `null` clears), without `version`.
 */
export function patchOf<T extends { version: number }>(body: T): Partial<Omit<T, 'version'>> {
  const out: Partial<Omit<T, 'version'>> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k !== 'version' && v !== undefined) Reflect.set(out, k, v);
  }
  return out;
}

/** True when a patch changes nothing. */
export function isEmpty(o: object): boolean {
  return Object.keys(o).length === 0;
}

/** VERSION_CONFLICT (field `version`): the record changed since the client read it. */
export function versionConflict(what: string, id: string, now: number | null, had: number): CpError {
  return new CpError(
    'VERSION_CONFLICT',
    `${what} ${id} was changed by someone else (${now === null ? 'meanwhile' : `now version ${now}`}, you had ${had}); reload and retry`,
    { field: 'version' },
  );
}

import { z } from 'zod';

/** The one error format of the API (see CpError in @cpaudit/core). */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable error code, e.g. VALIDATION, NOT_FOUND, VERSION_CONFLICT'),
      message: z.string(),
      field: z.string().optional().describe('Dotted path of the field at fault'),
      issues: z.array(
        z.object({
          field: z.string().optional(),
          sheet: z.string().optional(),
          row: z.number().optional(),
          cell: z.string().optional(),
          message: z.string(),
        }),
      ),
    }),
  })
  .meta({ id: 'Error' });
export type ApiError = z.infer<typeof errorSchema>;

export const uuid = z.uuid();
export const idParams = z.object({ id: z.uuid() });
export const okSchema = z.object({ ok: z.literal(true) });

/** Optimistic concurrency: every update carries the version the client read. */
export const versioned = z.object({ version: z.number().int().positive() });

export const pageQuery = z.object({
  q: z.string().max(200).optional().describe('Free-text search'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  sort: z.string().max(64).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });

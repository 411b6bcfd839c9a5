/**
 * Warming the per-audit memos (options/audit-memo.ts) after a start: every industry audit's tables 7.2/7.3, options
 * by status and data-collection counts are computed once in the background, most recently changed audits first, a
 * few audits at a time with a pause between, so the first dashboard of a new process finds them (the province
 * bureau's first dashboard of the bench province took 8–10 s, computing all 91 audits; a warmed process answers it
 * like any dashboard after a write). The values are the ones a request would compute (same functions, same
 * fingerprints): a write during the warm-up only means the next request recomputes that audit.
 *
 * Requests are served meanwhile: on PostgreSQL the warm-up takes one connection of the pool at a time; on the
 * embedded database each step waits its turn on the one connection like a request. `stop()` ends it after the
 * current step (the server calls it when closing).
 */
import { desc } from 'drizzle-orm';
import { type Database, industryAudits } from '../db/index.ts';
import { collectionCountsOfAudits } from './audits/collection-counts.ts';
import { platformContext } from './context.ts';
import { optionsByAudit } from './dashboard/index.ts';
import { AUDITS_PER_COMPUTE } from './options/audit-memo.ts';
import { auditPerformances } from './options/performance.ts';

export interface Warming {
  /** Settles with what was warmed once the warm-up ends (done, stopped or failed: it never rejects). */
  done: Promise<{ audits: number; ms: number; error?: string }>;
  /** Stops after the current step. */
  stop(): void;
}

export function warmAuditMemos(database: Database): Warming {
  let stopped = false;
  const started = performance.now();
  const done = (async () => {
    let audits = 0;
    try {
      const ctx = platformContext(database, 'cpaudit-warm-up', 'cpaudit (start-up)');
      const rows = await database.db
        .select({ id: industryAudits.id })
        .from(industryAudits)
        .orderBy(desc(industryAudits.updatedAt), industryAudits.id);
      const ids = rows.map((r) => r.id);
      for (let i = 0; i < ids.length && !stopped; i += AUDITS_PER_COMPUTE) {
        const chunk = ids.slice(i, i + AUDITS_PER_COMPUTE);
        const all = new Set(chunk);
        await auditPerformances(ctx, chunk);
        if (stopped) break;
        await optionsByAudit(ctx, chunk, all);
        if (stopped) break;
        await collectionCountsOfAudits(ctx, chunk, all);
        audits += chunk.length;
        // Let the requests that arrived meanwhile go first.
        await new Promise((r) => setImmediate(r));
      }
      return { audits, ms: Math.round(performance.now() - started) };
    } catch (e) {
      return { audits, ms: Math.round(performance.now() - started), error: String(e) };
    }
  })();
  return {
    done,
    stop() {
      stopped = true;
    },
  };
}

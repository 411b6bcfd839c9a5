/**
 * How the embedded database runs, as the server's start-up notice and SECURITY.md say.
 *
 * It lets the event loop turn between statements (connect.ts, `yieldBetweenStatements`):
 * PGlite answers through promises that are already settled, so without the yield a chain of statements runs as
 * one string of microtasks, and the server's I/O (new connections, other requests) waits until it ends. Measured
 * effect under load: SECURITY.md (100 clients × 60 s on PGlite).
 */
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { wrapPglite } from './connect.ts';

const STATEMENTS = 20;

/** How many times a macrotask (setImmediate) ran while `work` ran. */
async function turnsDuring(work: () => Promise<void>): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  // The first turn must not be counted as one the work gave: start from a fresh turn.
  await new Promise((r) => setImmediate(r));
  const before = turns;
  await work();
  running = false;
  return turns - before;
}

describe('the embedded database', () => {
  // One instance (PGlite takes seconds to start): measured bare first, then as `openDatabase` wraps it.
  const ready = PGlite.create();
  afterAll(async () => {
    await (await ready).close();
  });

  it('bare PGlite does not yield to the event loop (the premise): statements run as one chain of microtasks', async () => {
    const client = await ready;
    await client.query('select 1');
    const turns = await turnsDuring(async () => {
      for (let i = 0; i < STATEMENTS; i++) await client.query('select $1::int as n', [i]);
    });
    expect(turns).toBe(0);
  });

  it(`as wrapped: ${STATEMENTS} statements outside a transaction give the event loop ${STATEMENTS} turns; inside one too, and it commits`, async () => {
    const database = wrapPglite(await ready, { location: 'memory (test)' });
    const outside = await turnsDuring(async () => {
      for (let i = 0; i < STATEMENTS; i++) await database.db.execute(sql`select ${i}::int as n`);
    });
    expect(outside).toBeGreaterThanOrEqual(STATEMENTS);
    await database.db.execute(sql`create table t (n int)`);
    const inside = await turnsDuring(async () => {
      await database.transaction(async (tx) => {
        for (let i = 0; i < STATEMENTS; i++) await tx.execute(sql`insert into t values (${i})`);
      });
    });
    expect(inside).toBeGreaterThanOrEqual(STATEMENTS);
    const counted = await (await ready).query<{ n: number }>('select count(*)::int as n from t');
    expect(counted.rows[0]?.n).toBe(STATEMENTS);
  });

  it('runs PostgreSQL with fsync off (as openDatabase starts it): a killed process loses nothing, a power loss may', async () => {
    const fsync = await (await ready).query<{ fsync: string }>('show fsync');
    expect(fsync.rows[0]?.fsync).toBe('off');
  });
});

/**
 * Peak memory of the .xlsx list exports on a large list (issue 6: "memory bounded"): the enterprises of the whole
 * province as the platform administrator, and the options of the audit with the most options, each exported in a
 * fresh process (so one export's garbage does not count in the next), the file read to its end as a client would.
 * Reads only: the service is called in-process with an administrator actor (no login, no session row).
 *
 *   node --import tsx bench/export-memory.ts postgres://postgres@127.0.0.1:5432/cpaudit_bench enterprises|options
 *
 * Prints one line of JSON: rows, bytes, seconds, the RSS before, the peak RSS during the export (sampled every
 * 5 ms) and its growth, and the peak V8 heap.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { executeRows, openDatabase } from '../packages/server/src/db/index.ts';
import { type Actor, platformActor, type ServiceContext } from '../packages/server/src/services/context.ts';
import { exportAuditList, exportEnterprises } from '../packages/server/src/services/exchange/index.ts';

const PLATFORM: Actor = platformActor('cpaudit-bench', 'bench');

const [url, list = 'options'] = process.argv.slice(2);
if (!url || (list !== 'enterprises' && list !== 'options')) {
  console.error('usage: export-memory.ts <postgres url> enterprises|options');
  process.exit(2);
}
const database = await openDatabase({ databaseUrl: url });
const ctx: ServiceContext = { database, db: database.db, actor: PLATFORM, now: () => new Date() };
const [largest] = await executeRows(
  database.db,
  sql`select audit_id as id, count(*)::int as n from cp_options group by audit_id order by n desc limit 1`,
);
global.gc?.();
const before = process.memoryUsage();
let peakRss = before.rss;
let peakHeap = before.heapUsed;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 5);
const t0 = performance.now();
const file =
  list === 'enterprises'
    ? await exportEnterprises(ctx)
    : await exportAuditList(ctx, String(largest?.id), 'options');
let bytes = 0;
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    bytes += chunk.length;
    done();
  },
});
// Before the streamed exports the service answered the whole file as bytes; after, a stream.
const f = file as { bytes?: Uint8Array; stream?: NodeJS.ReadableStream };
if (f.bytes) bytes = f.bytes.length;
else if (f.stream) await pipeline(f.stream, sink);
const seconds = (performance.now() - t0) / 1000;
clearInterval(timer);
const MB = (b: number) => Math.round(b / 1048576);
console.log(
  JSON.stringify({
    list,
    rows: list === 'options' ? largest?.n : undefined,
    bytes,
    seconds: Math.round(seconds * 10) / 10,
    rssBefore_MB: MB(before.rss),
    rssPeak_MB: MB(peakRss),
    rssGrowth_MB: MB(peakRss - before.rss),
    heapPeak_MB: MB(peakHeap),
  }),
);
await database.close();

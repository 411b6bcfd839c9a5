/**
 * Oversized uploads against a real `cpaudit serve` process (issue 7): an evidence file of 128 MB (512 MB in the
 * stress form) streamed to a server whose MAX_UPLOAD_MB is 2, and a 64 MB JSON body to a write route. The server must answer 413 with
 * PAYLOAD_TOO_LARGE, store nothing (no evidence row, no file under DATA_DIR/files, no audit-log entry), and never
 * hold the upload in memory: its resident memory (VmRSS, sampled every 20 ms during the upload) stays within
 * 64 MB of what it was before (half the smallest file streamed).
 */

import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/index.ts';
import { samplePdf } from '../src/storage/samples.ts';
import { queryRows } from './helpers/db.ts';
import {
  type DemoSite,
  demoSite,
  killAllServers,
  loginHttp,
  rssBytes,
  type Session,
  STRESS,
  startServer,
  stopServer,
} from './helpers/server-process.ts';

const MB = 1024 * 1024;
/** The file streamed: 128 MB (512 MB under CPAUDIT_STRESS=1), against MAX_UPLOAD_MB=2. */
const FILE_MB = STRESS ? 512 : 128;
/** Growth of the server's RSS allowed: well under the file, so buffering it would fail the test. */
const RSS_BOUND = 64 * MB;

const sites: DemoSite[] = [];
afterAll(async () => {
  killAllServers();
  for (const s of sites) await s.remove();
});

/**
 * Streams `total` bytes (a head, then zeros in 64 KB chunks) as the body of a request; stops writing as soon as
 * the server answers. Returns the status, the answer, how many bytes were written and the peak RSS seen.
 */
function streamUpload(
  url: string,
  headers: Record<string, string>,
  head: Buffer,
  total: number,
  tail: Buffer,
  pid: number,
): Promise<{ status: number; body: string; written: number; peakRss: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    let peakRss = rssBytes(pid);
    const sampler = setInterval(() => {
      try {
        peakRss = Math.max(peakRss, rssBytes(pid));
      } catch {
        // the process is gone: the test fails on the answer
      }
    }, 20);
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(total) } });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => {
        clearInterval(sampler);
        resolve({ status: res.statusCode ?? 0, body, written, peakRss });
        req.destroy();
      });
    });
    req.on('error', (e) => {
      if (!answered) {
        clearInterval(sampler);
        reject(e);
      }
    });
    const chunk = Buffer.alloc(64 * 1024);
    const pump = () => {
      if (written === 0) {
        req.write(head);
        written += head.length;
      }
      while (!answered && written < total - tail.length) {
        const n = Math.min(chunk.length, total - tail.length - written);
        written += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && written === total - tail.length) {
        written += tail.length;
        req.end(tail);
      }
    };
    pump();
  });
}

describe('oversized uploads on a real server process', () => {
  it(`a ${FILE_MB} MB evidence file and a 64 MB JSON body: 413, nothing stored, memory bounded`, async () => {
    const site = await demoSite('pglite');
    sites.push(site);
    const server = await startServer({ ...site.env, MAX_UPLOAD_MB: '2' });
    const pid = server.child.pid ?? 0;
    const s: Session = await loginHttp(server.base, 'cz-ent1', DEMO_PASSWORD);
    const audits = (await (
      await fetch(`${server.base}/api/audits`, { headers: { cookie: s.cookie } })
    ).json()) as {
      items: { id: string }[];
    };
    const options = (await (
      await fetch(`${server.base}/api/audits/${audits.items[0]?.id}/options`, {
        headers: { cookie: s.cookie },
      })
    ).json()) as { items: { id: string }[] };
    // An option this enterprise may add evidence to (by its status): a small upload works (so the 413 below is
    // about size, nothing else).
    let optionId: string | undefined;
    for (const o of options.items) {
      const form = new FormData();
      form.append('kind', 'other');
      form.append('file', new Blob([samplePdf()]), 'ok.pdf');
      const ok = await fetch(`${server.base}/api/options/${o.id}/evidence`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        body: form,
      });
      if (ok.status === 201) {
        optionId = o.id;
        break;
      }
    }
    expect(optionId).toBeDefined();

    const filesDir = join(site.dataDir, 'files');
    const files = () =>
      existsSync(filesDir)
        ? readdirSync(filesDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length
        : 0;
    const filesBefore = files();
    const rssBefore = rssBytes(pid);

    const boundary = '----cpauditBigUpload';
    const head = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n`),
      samplePdf(),
    ]);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const big = await streamUpload(
      `${server.base}/api/options/${optionId}/evidence`,
      {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      head,
      FILE_MB * MB,
      tail,
      pid,
    );
    expect(big.status, big.body).toBe(413);
    expect(JSON.parse(big.body).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'file' });

    // The JSON body to a route the caller may write (the bureau's plan tasks): refused by the body limit.
    const bureau = await loginHttp(server.base, 'cz-bureau', DEMO_PASSWORD);
    const json = await streamUpload(
      `${server.base}/api/audits/${audits.items[0]?.id}/plan-tasks`,
      { cookie: bureau.cookie, 'x-csrf-token': bureau.csrf, 'content-type': 'application/json' },
      Buffer.from('{"task":"'),
      64 * MB,
      Buffer.from('"}'),
      pid,
    );
    expect(json.status, json.body).toBe(413);
    const rssAfter = rssBytes(pid);
    const peak = Math.max(big.peakRss, json.peakRss);
    console.log(
      `upload memory: RSS ${Math.round(rssBefore / MB)} MB before, peak ${Math.round(peak / MB)} MB during, ` +
        `${Math.round(rssAfter / MB)} MB after; ${Math.round(big.written / MB)} MB of the ${FILE_MB} MB file and ` +
        `${Math.round(json.written / MB)} MB of the 64 MB JSON sent before the 413`,
    );
    expect(peak - rssBefore).toBeLessThan(RSS_BOUND);
    expect(rssAfter - rssBefore).toBeLessThan(RSS_BOUND);
    // Still serving.
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    await stopServer(server.child);
    expect(files()).toBe(filesBefore);
    // No row and no audit-log entry of the refused file.
    const db = await site.open();
    try {
      const [row] = await queryRows(
        db.db,
        sql`select count(*)::int as n from option_evidence where file_name = 'big.pdf'`,
      );
      expect(row?.n).toBe(0);
      const [logged] = await queryRows(
        db.db,
        sql`select count(*)::int as n from audit_log where entity = 'option_evidence' and after->>'file_name' = 'big.pdf'`,
      );
      expect(logged?.n).toBe(0);
    } finally {
      await db.close();
    }
  }, 600_000);
});

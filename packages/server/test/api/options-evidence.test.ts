/**
 * Evidence files of options: multipart upload checked by content and kind, size-limited, names neutralised,
 * stored content-addressed under <dataDir>/files/sha256/ab/cdef… with dedupe; download headers; delete.
 * The app here has its own data folder and a small upload limit (64 KiB).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { auditEnterprises, auditLog, cpOptions, optionEvidence } from '../../src/db/index.ts';
import { sampleOfficePackage, samplePdf, samplePng } from '../../src/storage/samples.ts';
import { createNanjingPlatingAudit, createWorld, PASSWORD, type World } from '../helpers/world.ts';

const MAX = 64 * 1024;
let world: World;
let app: FastifyInstance;
let dataDir: string;
let optionA: string;
let optionA2: string;
let industryOption: string;

interface Caller {
  get(url: string): Promise<LightMyRequestResponse>;
  upload(
    optionId: string,
    fields: Record<string, string>,
    file?: { name: string; bytes: Buffer; type?: string },
  ): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  postJson(url: string, body: Record<string, unknown>): Promise<LightMyRequestResponse>;
}
const who: Record<string, Caller> = {};

/** A multipart/form-data body (RFC 7578): fields first, then the file part. */
function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }) {
  const boundary = `----cpaudit${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function login(username: string): Promise<Caller> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf: string = res.json().csrfToken;
  return {
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    delete: (url) => app.inject({ method: 'DELETE', url, headers: { cookie, 'x-csrf-token': csrf } }),
    postJson: (url, payload) =>
      app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': csrf }, payload }),
    upload: (optionId, fields, file) => {
      const body = multipart(fields, file);
      return app.inject({
        method: 'POST',
        url: `/api/options/${optionId}/evidence`,
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': body.contentType },
        payload: body.payload,
      });
    },
  };
}

/** Every file under the data folder, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dataDir, join(d.parentPath, d.name)))
    .sort();
}
const blobs = () => filesUnder(join(dataDir, 'files', 'sha256'));
const temps = () => filesUnder(join(dataDir, 'files', 'tmp'));
const rowCount = async () => (await world.database.db.select().from(optionEvidence)).length;

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

beforeAll(async () => {
  world = await createWorld();
  dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-evidence-'));
  app = await buildApp({
    database: world.database,
    config: { ...loadConfig({}), dataDir, maxUploadBytes: MAX, loginRateLimit: 10_000 },
  });
  const db = world.database.db;
  const audit = { id: await createNanjingPlatingAudit(world) };
  await db
    .insert(auditEnterprises)
    .values({ auditId: audit.id, enterpriseId: world.ids.entA, status: 'selected' });
  const opts = await db
    .insert(cpOptions)
    .values([
      {
        auditId: audit.id,
        level: 'enterprise',
        enterpriseId: world.ids.entA,
        name: '甲：逆流漂洗',
        optionType: 'resource_reuse',
      },
      {
        auditId: audit.id,
        level: 'enterprise',
        enterpriseId: world.ids.entA,
        name: '甲：余热回收',
        optionType: 'energy_saving',
      },
      { auditId: audit.id, level: 'industry', name: '行业：计量提升', optionType: 'management_staff' },
    ])
    .returning({ id: cpOptions.id });
  optionA = opts[0]?.id ?? '';
  optionA2 = opts[1]?.id ?? '';
  industryOption = opts[2]?.id ?? '';
  for (const [k, u] of [
    ['entA', 'enta'],
    ['entB', 'entb'],
    ['entC', 'entc'],
    ['nanjing', 'nanjing'],
    ['expert', 'expert'],
    ['consultant', 'consultant'],
  ] as const) {
    who[k] = await login(u);
  }
});
afterAll(async () => {
  await app?.close();
  await world?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function caller(k: string): Caller {
  const c = who[k];
  if (!c) throw new Error(`no caller ${k}`);
  return c;
}

describe('uploading evidence', () => {
  it('stores a PNG content-addressed and describes it; the upload is in the audit log', async () => {
    const png = samplePng(8, 8);
    const res = await caller('entA').upload(
      optionA,
      { kind: 'photo_before', title: '整改前' },
      { name: '整改前.png', bytes: png, type: 'image/png' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const hex = sha256(png);
    expect(res.json()).toMatchObject({
      optionId: optionA,
      kind: 'photo_before',
      title: '整改前',
      fileName: '整改前.png',
      contentType: 'image/png',
      sizeBytes: png.length,
      sha256: hex,
      uploadedBy: world.ids.users.entA,
      deduplicated: false,
    });
    expect(blobs()).toEqual([join('files', 'sha256', hex.slice(0, 2), hex.slice(2))]);
    expect(readFileSync(join(dataDir, 'files', 'sha256', hex.slice(0, 2), hex.slice(2)))).toEqual(png);
    expect(temps()).toEqual([]);
    const [stored] = await world.database.db
      .select()
      .from(optionEvidence)
      .where(eq(optionEvidence.id, res.json().id));
    expect(stored?.storageKey).toBe(`sha256/${hex.slice(0, 2)}/${hex.slice(2)}#${res.json().id}`);
    const log = await world.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'option_evidence'), eq(auditLog.entityId, res.json().id)));
    expect(log.map((l) => [l.action, l.actorUserId])).toEqual([['insert', world.ids.users.entA]]);
  });

  it('judges by content: a PNG named .pdf is stored as image/png for a photo, refused for a calculation', async () => {
    const png = samplePng(4, 4, [200, 10, 10]);
    const asPhoto = await caller('entA').upload(
      optionA,
      { kind: 'photo_after' },
      { name: 'scan.pdf', bytes: png, type: 'application/pdf' },
    );
    expect(asPhoto.statusCode, asPhoto.body).toBe(201);
    expect(asPhoto.json()).toMatchObject({
      contentType: 'image/png',
      fileName: 'scan.png',
      title: 'scan.png',
    });
    const rows = await rowCount();
    const files = blobs();
    const asCalc = await caller('entA').upload(
      optionA,
      { kind: 'calculation' },
      { name: 'calc.pdf', bytes: samplePng(5, 5), type: 'application/pdf' },
    );
    expect(asCalc.statusCode).toBe(400);
    expect(asCalc.json().error).toMatchObject({ code: 'BAD_FILE', field: 'file' });
    expect(asCalc.json().error.message).toContain('PNG image');
    expect(asCalc.json().error.message).toContain('calculation');
    expect(await rowCount()).toBe(rows);
    expect(blobs()).toEqual(files);
    expect(temps()).toEqual([]);
  });

  it('refuses a program renamed .jpg with a clear reason, storing nothing', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58),
      Buffer.from('This program cannot be run in DOS mode.'),
    ]);
    const rows = await rowCount();
    const files = blobs();
    const res = await caller('entA').upload(
      optionA,
      { kind: 'photo_after' },
      { name: 'photo.jpg', bytes: exe, type: 'image/jpeg' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'BAD_FILE', field: 'file' });
    expect(res.json().error.message).toBe('file refused: it is a Windows program (executable, MZ header)');
    expect(await rowCount()).toBe(rows);
    expect(blobs()).toEqual(files);
    expect(temps()).toEqual([]);
  });

  it('neutralises a path-traversal name: a display name only, nothing written outside the store', async () => {
    const pdf = samplePdf('invoice 2025-001');
    const res = await caller('entA').upload(
      optionA,
      { kind: 'invoice' },
      { name: '../../../etc/发票\u202E.pdf', bytes: pdf },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: '发票.pdf', contentType: 'application/pdf' });
    expect(existsSync(join(dataDir, '..', 'etc'))).toBe(false);
    expect(filesUnder(dataDir).every((f) => f.startsWith(join('files', 'sha256')))).toBe(true);
  });

  it('answers 413 to a file over the limit and stores nothing; exactly the limit is accepted', async () => {
    const rows = await rowCount();
    const files = blobs();
    const big = Buffer.concat([samplePdf(), Buffer.alloc(MAX)]);
    const res = await caller('entA').upload(
      optionA,
      { kind: 'test_report' },
      { name: 'report.pdf', bytes: big },
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await rowCount()).toBe(rows);
    expect(blobs()).toEqual(files);
    expect(temps()).toEqual([]);
    const head = samplePdf();
    const exact = Buffer.concat([head, Buffer.alloc(MAX - head.length, 0x20)]);
    expect(exact.length).toBe(MAX);
    const ok = await caller('entA').upload(
      optionA,
      { kind: 'test_report' },
      { name: 'exact.pdf', bytes: exact },
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().sizeBytes).toBe(MAX);
  });

  it('accepts Word, Excel and CSV by their structure, typed by content', async () => {
    const docx = await caller('entA').upload(
      optionA,
      { kind: 'contract' },
      { name: '合同.docx', bytes: sampleOfficePackage('docx') },
    );
    expect(docx.json().contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const xlsx = await caller('entA').upload(
      optionA,
      { kind: 'calculation' },
      { name: '核算', bytes: sampleOfficePackage('xlsx') },
    );
    expect(xlsx.json()).toMatchObject({
      fileName: '核算.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const csv = await caller('entA').upload(
      optionA,
      { kind: 'calculation' },
      { name: '节电.csv', bytes: Buffer.from('月份,节电量\n1,10000\n') },
    );
    expect(csv.json()).toMatchObject({ contentType: 'text/csv; charset=utf-8', fileName: '节电.csv' });
  });

  it('refuses a missing file or a bad kind naming the field', async () => {
    const noFile = await caller('entA').upload(optionA, { kind: 'photo_before' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.field).toBe('file');
    const badKind = await caller('entA').upload(
      optionA,
      { kind: 'selfie' },
      { name: 'a.png', bytes: samplePng() },
    );
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.field).toBe('kind');
    const json = await caller('entA').postJson(`/api/options/${optionA}/evidence`, { kind: 'other' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toContain('multipart/form-data');
    expect(temps()).toEqual([]);
  });

  it('refuses other organisations (404), roles (403) and bureaus that review but do not upload (403)', async () => {
    const file = { name: 'a.png', bytes: samplePng(2, 2) };
    expect((await caller('entB').upload(optionA, { kind: 'photo_before' }, file)).statusCode).toBe(404);
    expect((await caller('entC').upload(optionA, { kind: 'photo_before' }, file)).statusCode).toBe(404);
    expect((await caller('expert').upload(optionA, { kind: 'photo_before' }, file)).statusCode).toBe(403);
    expect((await caller('nanjing').upload(optionA, { kind: 'photo_before' }, file)).statusCode).toBe(403);
    // the consultant engaged by the enterprise uploads for it; the bureau uploads for industry-level options
    expect((await caller('consultant').upload(optionA2, { kind: 'photo_before' }, file)).statusCode).toBe(
      201,
    );
    expect(
      (
        await caller('nanjing').upload(
          industryOption,
          { kind: 'calculation' },
          { name: 'x.pdf', bytes: samplePdf('x') },
        )
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await caller('entA').upload(
          industryOption,
          { kind: 'calculation' },
          { name: 'x.pdf', bytes: samplePdf('y') },
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('listing, downloading and deleting', () => {
  it('lists evidence to those who see the option', async () => {
    const list = await caller('entA').get(`/api/options/${optionA}/evidence`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThanOrEqual(5);
    expect((await caller('nanjing').get(`/api/options/${optionA}/evidence`)).statusCode).toBe(200);
    expect((await caller('entC').get(`/api/options/${optionA}/evidence`)).statusCode).toBe(404);
  });

  it('serves the bytes with the detected type, an RFC 5987 file name and nosniff', async () => {
    const png = samplePng(3, 3, [1, 2, 3]);
    const up = (
      await caller('entA').upload(optionA, { kind: 'photo_after' }, { name: '整改后 (1).png', bytes: png })
    ).json();
    const res = await caller('nanjing').get(`/api/evidence/${up.id}/content`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // 整 E6 95 B4, 改 E6 94 B9, 后 E5 90 8E; space %20; ( %28; ) %29 (RFC 5987 attr-char excludes them)
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="___ (1).png"; filename*=UTF-8''%E6%95%B4%E6%94%B9%E5%90%8E%20%281%29.png`,
    );
    expect(res.rawPayload).toEqual(png);
    expect((await caller('entC').get(`/api/evidence/${up.id}/content`)).statusCode).toBe(404);
    expect((await caller('entB').get(`/api/evidence/${up.id}/content`)).statusCode).toBe(404);
  });

  it('stores identical content once and keeps it while another record uses it', async () => {
    const pdf = samplePdf('shared contract');
    const hex = sha256(pdf);
    const path = join(dataDir, 'files', 'sha256', hex.slice(0, 2), hex.slice(2));
    const first = (
      await caller('entA').upload(optionA, { kind: 'contract' }, { name: 'c1.pdf', bytes: pdf })
    ).json();
    const second = (
      await caller('entA').upload(optionA2, { kind: 'contract' }, { name: 'c2.pdf', bytes: pdf })
    ).json();
    expect(first.deduplicated).toBe(false);
    expect(second.deduplicated).toBe(true);
    expect(second.sha256).toBe(first.sha256);
    expect(blobs().filter((f) => f.endsWith(hex.slice(2)))).toHaveLength(1);

    // stale version → 409, nothing removed; another enterprise → 404; the bureau (reviews only) → 403
    expect((await caller('entA').delete(`/api/evidence/${first.id}?version=9`)).statusCode).toBe(409);
    expect((await caller('entC').delete(`/api/evidence/${first.id}?version=1`)).statusCode).toBe(404);
    expect((await caller('nanjing').delete(`/api/evidence/${first.id}?version=1`)).statusCode).toBe(403);
    expect((await caller('expert').delete(`/api/evidence/${first.id}?version=1`)).statusCode).toBe(403);
    expect(await rowCountOf(first.id)).toBe(1);

    const del1 = await caller('entA').delete(`/api/evidence/${first.id}?version=1`);
    expect(del1.statusCode, del1.body).toBe(200);
    expect(existsSync(path)).toBe(true); // still used by the second record
    const del2 = await caller('entA').delete(`/api/evidence/${second.id}?version=1`);
    expect(del2.statusCode).toBe(200);
    expect(existsSync(path)).toBe(false);
    const log = await world.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'option_evidence'),
          eq(auditLog.entityId, first.id),
          eq(auditLog.action, 'delete'),
        ),
      );
    expect(log.map((l) => l.actorUserId)).toEqual([world.ids.users.entA]);
  });
});

async function rowCountOf(id: string): Promise<number> {
  return (await world.database.db.select().from(optionEvidence).where(eq(optionEvidence.id, id))).length;
}

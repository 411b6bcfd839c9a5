/**
 * Hostile evidence files (issue 7): corrupt, truncated, zip bombs inside .docx/.xlsx (declared and lying),
 * encrypted and macro-carrying Office files behind a plain extension, programs and markup (HTML, SVG with script)
 * behind an image or PDF name, archives. Each is refused with BAD_FILE naming the field and a reason a person
 * understands, and NOTHING is stored: no evidence row, no blob, no temporary file, no audit-log entry.
 * Hostile NAMES on acceptable content (path traversal with / and \, NUL and other controls, bidi overrides,
 * Windows device names, 1 000 characters, double extensions) are stored sanitised: one plain segment, the
 * extension of the real content, at most 180 characters, and downloaded with a safe Content-Disposition.
 * Memory under an oversized streamed upload is measured on a real process in `upload-memory.test.ts`.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { auditEnterprises, auditLog, cpOptions, optionEvidence } from '../../src/db/index.ts';
import { MAX_FILE_NAME_LENGTH } from '../../src/storage/index.ts';
import { sampleOfficePackage, samplePdf, samplePng } from '../../src/storage/samples.ts';
import { createNanjingPlatingAudit, createWorld, PASSWORD, type World } from '../helpers/world.ts';

const MAX = 256 * 1024;
let world: World;
let app: FastifyInstance;
let dataDir: string;
let optionId: string;
let cookie = '';
let csrf = '';

/** A ZIP whose entries are deflated; `declare` overrides the uncompressed size written in both headers. */
function deflatedZip(entries: Record<string, Buffer | string>, declare: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const raw = typeof content === 'string' ? Buffer.from(content) : content;
    const data = deflateRawSync(raw, { level: 9 });
    const size = declare[name] ?? raw.length;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(centrals.length / 2, 8);
  eocd.writeUInt16LE(centrals.length / 2, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, eocd]);
}

const TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">';
const DOC = { '[Content_Types].xml': `${TYPES}</Types>`, 'word/document.xml': '<w:document/>' };
const DOCM_TYPES = `${TYPES}<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>`;
const XLSM_TYPES = `${TYPES}<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>`;
const zeros = (mb: number) => Buffer.alloc(mb * 1024 * 1024);
/** An encrypted flag (general purpose bit 0) set on every entry of a package, in both headers. */
function encrypted(zip: Buffer): Buffer {
  const b = Buffer.from(zip);
  for (let i = 0; i + 4 <= b.length; i++) {
    const sig = b.readUInt32LE(i);
    if (sig === 0x04034b50) b.writeUInt16LE(b.readUInt16LE(i + 6) | 1, i + 6);
    if (sig === 0x02014b50) b.writeUInt16LE(b.readUInt16LE(i + 8) | 1, i + 8);
  }
  return b;
}
const jpeg = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xda, 1, 0xff, 0xd9,
]);
const exe = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from('This program cannot be run in DOS mode.'),
]);
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)]);

/** [what, kind, file name, bytes, expected words of the reason]. */
const HOSTILE: [string, string, string, Buffer, RegExp][] = [
  [
    'random bytes named .docx',
    'contract',
    '合同.docx',
    Buffer.from('PK\x03\x04garbage'),
    /damaged or incomplete/,
  ],
  [
    'a .docx cut in half',
    'contract',
    '合同.docx',
    sampleOfficePackage('docx').subarray(0, 60),
    /damaged or incomplete/,
  ],
  [
    'a .xlsx without its last 10 bytes',
    'calculation',
    '计算.xlsx',
    sampleOfficePackage('xlsx').subarray(0, -10),
    /damaged or incomplete/,
  ],
  ['a PDF cut short (no %%EOF)', 'invoice', '发票.pdf', samplePdf().subarray(0, 200), /incomplete PDF/],
  [
    'a PNG cut short (no IEND)',
    'photo_after',
    '整改后.png',
    samplePng(16, 16).subarray(0, 60),
    /incomplete PNG/,
  ],
  ['a JPEG cut short (no end of image)', 'photo_after', 'after.jpg', jpeg.subarray(0, 12), /incomplete JPEG/],
  [
    'a zip bomb in a .docx (60 MB of zeros declared)',
    'contract',
    '合同.docx',
    deflatedZip({ ...DOC, 'word/media/a.bin': zeros(60) }),
    /zip bomb/,
  ],
  [
    'a zip bomb in a .xlsx whose directory lies (declares 1 KB, inflates to 60 MB)',
    'calculation',
    '计算.xlsx',
    deflatedZip(
      { '[Content_Types].xml': `${TYPES}</Types>`, 'xl/workbook.xml': '<workbook/>', 'xl/a.bin': zeros(60) },
      { 'xl/a.bin': 1024 },
    ),
    /zip bomb/,
  ],
  [
    'a .docm (macros) named .docx',
    'contract',
    '合同.docx',
    deflatedZip({ ...DOC, '[Content_Types].xml': DOCM_TYPES, 'word/vbaProject.bin': Buffer.alloc(512, 7) }),
    /macros/,
  ],
  [
    'an .xlsm named .xlsx (macro content type only)',
    'calculation',
    '计算.xlsx',
    deflatedZip({ '[Content_Types].xml': XLSM_TYPES, 'xl/workbook.xml': '<workbook/>' }),
    /macros/,
  ],
  [
    'a .docx with a vbaProject.bin only',
    'contract',
    'a.docx',
    deflatedZip({ ...DOC, 'word/vbaProject.bin': Buffer.alloc(64, 1) }),
    /macros/,
  ],
  ['a .docx with encrypted entries', 'contract', 'a.docx', encrypted(deflatedZip(DOC)), /encrypted/],
  [
    'a password-protected Office file (OLE)',
    'contract',
    '合同.docx',
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
    /legacy Office/,
  ],
  ['a Windows program named .pdf', 'invoice', 'invoice.pdf', exe, /Windows program/],
  ['a Windows program named photo.jpg.exe→.jpg', 'photo_after', 'photo.exe.jpg', exe, /Windows program/],
  ['a Linux program named .jpg', 'photo_after', 'a.jpg', elf, /Linux program/],
  [
    'HTML with script named .jpg',
    'photo_after',
    'photo.jpg',
    Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
    /HTML\/SVG/,
  ],
  [
    'SVG with script named .pdf',
    'invoice',
    'invoice.pdf',
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
    /HTML\/SVG/,
  ],
  [
    'HTML after a BOM and blank lines named .pdf',
    'other',
    'x.pdf',
    Buffer.from('\ufeff\n\n  <html><body onload=alert(1)>'),
    /HTML\/SVG/,
  ],
  [
    'XML with an entity bomb named .txt',
    'other',
    'x.txt',
    Buffer.from('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><l>&a;</l>'),
    /HTML\/SVG\/XML/,
  ],
  [
    'a gzip archive named .docx',
    'contract',
    'a.docx',
    Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2]),
    /gzip/,
  ],
  ['a plain ZIP named .docx', 'contract', 'a.docx', deflatedZip({ 'evil.exe': exe }), /ZIP archive/],
  ['an empty file', 'other', 'a.pdf', Buffer.alloc(0), /empty/],
  ['binary junk named .txt', 'other', 'a.txt', Buffer.from([1, 2, 3, 0, 0, 0xff, 0xfe]), /binary data/],
];

/** A multipart/form-data body (RFC 7578) with the file name written as is (raw bytes, hostile ones too). */
function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = `----cpaudit${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n`),
    Buffer.from('Content-Type: application/octet-stream\r\n\r\n'),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(kind: string, name: string, bytes: Buffer): Promise<LightMyRequestResponse> {
  const body = multipart({ kind }, { name, bytes });
  return app.inject({
    method: 'POST',
    url: `/api/options/${optionId}/evidence`,
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dataDir, join(d.parentPath, d.name)))
    .sort();
}

async function state() {
  return {
    rows: (await world.database.db.select().from(optionEvidence)).length,
    log: (await world.database.db.select({ id: auditLog.id }).from(auditLog)).length,
    files: filesUnder(dataDir),
  };
}

beforeAll(async () => {
  world = await createWorld();
  dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-hostile-'));
  app = await buildApp({
    database: world.database,
    config: { ...loadConfig({}), dataDir, maxUploadBytes: MAX, loginRateLimit: 10_000 },
  });
  const db = world.database.db;
  const audit = { id: await createNanjingPlatingAudit(world) };
  await db
    .insert(auditEnterprises)
    .values({ auditId: audit.id, enterpriseId: world.ids.entA, status: 'selected' });
  const [opt] = await db
    .insert(cpOptions)
    .values({
      auditId: audit.id,
      level: 'enterprise',
      enterpriseId: world.ids.entA,
      name: '甲：逆流漂洗',
      optionType: 'resource_reuse',
    })
    .returning({ id: cpOptions.id });
  optionId = opt?.id ?? '';
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'enta', password: PASSWORD },
  });
  cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  csrf = res.json().csrfToken;
});
afterAll(async () => {
  await app?.close();
  await world?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe(`hostile evidence files (${HOSTILE.length} kinds): refused with a reason, nothing stored`, () => {
  it.each(HOSTILE)('%s', async (_what, kind, name, bytes, reason) => {
    expect(bytes.length).toBeLessThanOrEqual(MAX);
    const before = await state();
    const res = await upload(kind, name, bytes);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error).toMatchObject({ code: 'BAD_FILE', field: 'file' });
    expect(error.message).toMatch(/^file refused: it is /);
    expect(error.message).toMatch(reason);
    expect(await state()).toEqual(before);
  });
});

describe('hostile file names on acceptable content: stored sanitised', () => {
  const NAMES: [string, Buffer, string | RegExp][] = [
    ['../../etc/passwd', Buffer.from('root:x:0:0\n'), 'passwd.txt'],
    ['..\\..\\windows\\system32\\x.pdf', samplePdf(), /^[^\\/]*x\.pdf$/],
    ['/etc/cron.d/evil.pdf', samplePdf(), 'evil.pdf'],
    ['a\u0000b\u0007c\u001b.pdf', samplePdf(), 'abc.pdf'],
    ['invoice\u202Efdp.exe', samplePdf(), /^invoicefdp\.(exe\.)?pdf$|^invoicefdp\.pdf$/],
    ['invoice.pdf.exe', samplePdf(), 'invoice.pdf.pdf'],
    ['photo.png.html', samplePng(), 'photo.png.png'],
    ['CON.pdf', samplePdf(), '_CON.pdf'],
    ['...', samplePdf(), 'file.pdf'],
    [`${'长'.repeat(1000)}.pdf`, samplePdf(), new RegExp(`^长{${MAX_FILE_NAME_LENGTH - 4}}\\.pdf$`)],
    ['scan <script>alert(1)</script>.pdf', samplePdf(), 'script_.pdf'],
  ];
  it.each(NAMES)('%j', async (name, bytes, expected) => {
    const before = await state();
    const res = await upload('other', name, bytes);
    expect(res.statusCode, res.body).toBe(201);
    const fileName: string = res.json().fileName;
    if (typeof expected === 'string') expect(fileName).toBe(expected);
    else expect(fileName).toMatch(expected);
    // One plain segment, no controls, no leading dot, the extension of the content, bounded length.
    expect([...fileName].filter((ch) => /[/\\]/.test(ch) || (ch.codePointAt(0) ?? 0) < 0x20)).toEqual([]);
    expect([...fileName].filter((ch) => /[\u007f\u202a-\u202e]/.test(ch))).toEqual([]);
    expect(fileName.startsWith('.')).toBe(false);
    expect([...fileName].length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    // Exactly one row, its audit-log entry, blobs only under files/sha256 (nothing beside the store).
    const after = await state();
    expect(after.rows).toBe(before.rows + 1);
    expect(after.log).toBe(before.log + 1);
    expect(after.files.every((f) => f.startsWith(join('files', 'sha256')))).toBe(true);
    const dl = await app.inject({
      method: 'GET',
      url: `/api/evidence/${res.json().id}/content`,
      headers: { cookie },
    });
    expect(dl.statusCode).toBe(200);
    const disposition = String(dl.headers['content-disposition']);
    expect(disposition).toMatch(
      /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/,
    );
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(String(dl.headers['content-security-policy'])).toContain('sandbox');
  });
  it('never writes outside the data folder', () => {
    expect(existsSync(join(dataDir, '..', 'etc'))).toBe(false);
    expect(filesUnder(dataDir).every((f) => !f.includes('..'))).toBe(true);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CpError } from '@cpaudit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { contentDisposition, encodeRfc5987, nameForType, sanitizeFileName } from './filename.ts';
import { sampleOfficePackage, samplePdf, samplePng, sampleZip } from './samples.ts';
import { detectFileType, FILE_KINDS, refineTextType, zipEntryNames } from './sniff.ts';
import { blobKeyOf, createLocalBlobStore, sha256OfBlobKey } from './store.ts';

const roots: string[] = [];
function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpaudit-store-'));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

async function* chunks(...parts: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const p of parts) yield p;
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** A fake Windows program: the MZ header, NUL padding and the DOS stub message. */
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from('This program cannot be run in DOS mode.'),
]);

describe('detectFileType (by content)', () => {
  it('recognises the accepted kinds by their magic bytes', () => {
    // JFIF header, a start of scan (FFDA), one byte of scan data, end of image (FFD9).
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xda, 0x00, 0xff, 0xd9,
    ]);
    // RIFF size 8 = "WEBP" + "VP8 ": the 16 bytes are whole.
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x08, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    expect(detectFileType(samplePng())).toEqual({ ok: true, type: FILE_KINDS.png });
    expect(detectFileType(jpeg)).toEqual({ ok: true, type: FILE_KINDS.jpeg });
    expect(detectFileType(webp)).toEqual({ ok: true, type: FILE_KINDS.webp });
    expect(detectFileType(samplePdf())).toEqual({ ok: true, type: FILE_KINDS.pdf });
    expect(detectFileType(sampleOfficePackage('docx'))).toEqual({ ok: true, type: FILE_KINDS.docx });
    expect(detectFileType(sampleOfficePackage('xlsx'))).toEqual({ ok: true, type: FILE_KINDS.xlsx });
  });

  it('accepts UTF-8 and GB18030 text, and names CSV by the file name', () => {
    const utf8 = detectFileType(Buffer.from('项目,节电量\n余热回收,12000\n', 'utf8'));
    expect(utf8.ok && utf8.type.contentType).toBe('text/plain; charset=utf-8');
    // "节电" in GB18030 is CBDA B5E7: not valid UTF-8, valid GB18030.
    const gb = detectFileType(Buffer.from([0xbd, 0xda, 0xb5, 0xe7, 0x2c, 0x31, 0x0a]));
    expect(gb.ok && gb.type.contentType).toBe('text/plain; charset=gb18030');
    if (!utf8.ok) throw new Error('expected text');
    expect(refineTextType(utf8.type, 'data.CSV').contentType).toBe('text/csv; charset=utf-8');
    expect(refineTextType(utf8.type, 'notes.txt').contentType).toBe('text/plain; charset=utf-8');
  });

  it('refuses executables, archives and markup with a reason naming them', () => {
    expect(detectFileType(EXE)).toEqual({ ok: false, reason: 'a Windows program (executable, MZ header)' });
    expect(detectFileType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ELF'),
    });
    expect(detectFileType(sampleZip({ 'a.txt': 'x' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ZIP archive'),
    });
    expect(detectFileType(Buffer.from('<html><body><script>alert(1)</script>'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('HTML'),
    });
    expect(detectFileType(Buffer.from('GIF89a\x01\x00'))).toMatchObject({ ok: false });
    expect(detectFileType(Buffer.alloc(0))).toEqual({ ok: false, reason: 'an empty file' });
    expect(detectFileType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('damaged'),
    });
  });

  it('keeps text that merely starts with the letters of a signature', () => {
    // "MZ" and "BM" are also plain letters: a CSV starting with them is text, not a program or bitmap.
    expect(detectFileType(Buffer.from('MZ-01,ok\n')).ok).toBe(true);
    expect(detectFileType(Buffer.from('BMI,22\n')).ok).toBe(true);
  });

  it('reads every name of a ZIP central directory', () => {
    expect(zipEntryNames(sampleZip({ 'a/b.xml': 'x', '图片.png': 'y' }))).toEqual(['a/b.xml', '图片.png']);
  });
});

describe('file names', () => {
  it('neutralises paths, traversal, control and bidi characters', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\windows\\system32\\cmd.exe')).toBe('cmd.exe');
    expect(sanitizeFileName('/')).toBe('file');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    // U+202E (right-to-left override) makes "photo\u202Egpj.exe" display as "photoexe.jpg".
    expect(sanitizeFileName('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(sanitizeFileName('  .hidden  ')).toBe('hidden');
    expect(sanitizeFileName('a<b>:c?.txt')).toBe('a_b__c_.txt');
    expect(sanitizeFileName('CON.txt')).toBe('_CON.txt');
    expect(sanitizeFileName('整改前照片 1.jpg')).toBe('整改前照片 1.jpg');
    expect(sanitizeFileName(undefined, 'evidence')).toBe('evidence');
  });

  it('limits the length and keeps the extension', () => {
    const long = `${'很'.repeat(300)}.pdf`;
    const s = sanitizeFileName(long);
    expect([...s].length).toBe(180);
    expect(s.endsWith('.pdf')).toBe(true);
  });

  it('gives a name the extension of its content', () => {
    expect(nameForType('scan.pdf', FILE_KINDS.png)).toBe('scan.png');
    expect(nameForType('scan', FILE_KINDS.pdf)).toBe('scan.pdf');
    expect(nameForType('photo.JPEG', FILE_KINDS.jpeg)).toBe('photo.JPEG');
  });

  it('encodes Content-Disposition per RFC 5987 / 6266', () => {
    // 发 = U+53D1 = UTF-8 E5 8F 91; 票 = U+7968 = E7 A5 A8.
    expect(encodeRfc5987("发票(1)'s*.pdf")).toBe('%E5%8F%91%E7%A5%A8%281%29%27s%2A.pdf');
    expect(contentDisposition('发票 "A".pdf')).toBe(
      `attachment; filename="__ _A_.pdf"; filename*=UTF-8''%E5%8F%91%E7%A5%A8%20%22A%22.pdf`,
    );
  });
});

describe('content-addressed local store', () => {
  it('stores under sha256/ab/cdef…, hashing while streaming, and dedupes', async () => {
    const root = tempRoot();
    const store = createLocalBlobStore(root);
    const png = samplePng();
    const staged = await store.stage(chunks(png.subarray(0, 10), png.subarray(10)), { maxBytes: 1 << 20 });
    expect(staged.sha256).toBe(sha256(png));
    expect(staged.sizeBytes).toBe(png.length);
    expect(await staged.read()).toEqual(png);
    const first = await store.commit(staged);
    const hex = sha256(png);
    expect(first).toEqual({
      key: `sha256/${hex.slice(0, 2)}/${hex.slice(2)}`,
      sha256: hex,
      sizeBytes: png.length,
      deduplicated: false,
    });
    expect(readFileSync(join(root, 'sha256', hex.slice(0, 2), hex.slice(2)))).toEqual(png);

    const again = await store.put(png);
    expect(again).toEqual({ ...first, deduplicated: true });
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);

    const opened = await store.open(first.key);
    expect(opened.sizeBytes).toBe(png.length);
    const read: Buffer[] = [];
    for await (const c of opened.stream) read.push(Buffer.from(c));
    expect(Buffer.concat(read)).toEqual(png);

    // A file derived from it (the report's downscaled copy) goes with it; another blob's stays.
    await store.writeDerived(hex, 'report-1200', Buffer.from('small copy'));
    const other = 'ab'.repeat(32);
    await store.writeDerived(other, 'report-1200', Buffer.from('another copy'));
    expect(await store.readDerived(hex, 'report-1200')).toEqual(Buffer.from('small copy'));

    await store.remove(first.key);
    expect(await store.has(first.key)).toBe(false);
    await expect(store.open(first.key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.readDerived(hex, 'report-1200')).toBeUndefined();
    expect(await store.readDerived(other, 'report-1200')).toEqual(Buffer.from('another copy'));
  });

  it('refuses more than maxBytes and keeps nothing', async () => {
    const root = tempRoot();
    const store = createLocalBlobStore(root);
    const err = await store
      .stage(chunks(Buffer.alloc(600), Buffer.alloc(600)), { maxBytes: 1000 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(CpError);
    expect(err).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    // exactly maxBytes is accepted (boundary)
    const ok = await store.stage(chunks(Buffer.alloc(1000)), { maxBytes: 1000 });
    expect(ok.sizeBytes).toBe(1000);
    await store.discard(ok);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('treats a source that reports truncation as too large', async () => {
    const store = createLocalBlobStore(tempRoot());
    await expect(
      store.stage(chunks(Buffer.from('abc')), { maxBytes: 3, truncated: () => true }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses keys that are not content addresses (no traversal)', async () => {
    const store = createLocalBlobStore(tempRoot());
    await expect(store.open('../../etc/passwd')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store.open(`sha256/ab/${'0'.repeat(61)}/..`)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(sha256OfBlobKey(blobKeyOf('a'.repeat(64)))).toBe('a'.repeat(64));
    expect(sha256OfBlobKey('sha256/AB/x')).toBeUndefined();
    expect(() => blobKeyOf('xyz')).toThrow(CpError);
  });
});

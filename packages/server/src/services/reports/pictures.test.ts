/**
 * The report's photos: a multi-megabyte original is embedded as a copy of at most 1 200 px and a few hundred KB,
 * made once and then read from the store's derived files; a small picture is embedded unchanged; a file that is not
 * a picture is left out (listed) instead of failing the report.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAuditReport } from '@cpaudit/documents';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../../../documents/src/report/read-docx.ts';
import { sampleReportData } from '../../../../documents/src/report/sample.ts';
import { createLocalBlobStore } from '../../storage/index.ts';
import { REPORT_PICTURE, reportPicture } from './pictures.ts';

const roots: string[] = [];
function store() {
  const root = mkdtempSync(join(tmpdir(), 'cpaudit-pictures-'));
  roots.push(root);
  return { root, store: createLocalBlobStore(root) };
}
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A camera-sized JPEG of noise (noise does not compress: ≈ 4 MB at quality 95). */
function bigPhoto(): Promise<Buffer> {
  const width = 2400;
  const height = 1800;
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

describe('report pictures', () => {
  it('embeds a 4 MB photo as a ≤ 1200 px JPEG under 600 KB, made once and then read from the store', async () => {
    const { root, store: s } = store();
    const original = await bigPhoto();
    expect(original.byteLength).toBeGreaterThan(3_000_000);
    const stored = await s.put(original);

    const copy = await reportPicture(s, stored.sha256);
    if (!copy) throw new Error('no picture');
    const meta = await sharp(copy).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width, meta.height)).toBe(REPORT_PICTURE.maxSide_px);
    expect(meta.width / meta.height).toBeCloseTo(2400 / 1800, 2);
    expect(copy.byteLength).toBeLessThan(600 * 1024);
    const derived = join(
      root,
      'derived',
      REPORT_PICTURE.variant,
      stored.sha256.slice(0, 2),
      stored.sha256.slice(2),
    );
    expect(existsSync(derived)).toBe(true);

    // The next report reads the copy: the original is not opened again.
    const noOriginal = {
      ...s,
      open: () => Promise.reject(new Error('the original was opened again')),
    };
    expect(await reportPicture(noOriginal, stored.sha256)).toEqual(copy);
    // Removing the original (its last evidence withdrawn) removes the copy with it.
    await s.remove(stored.key);
    expect(existsSync(derived)).toBe(false);
    expect(await reportPicture(s, stored.sha256)).toBeUndefined();

    // In the document: the media file is the copy, not the original.
    const data = sampleReportData({ enterprises: 1, withPhotos: 1 });
    const option = data.evidence[0];
    if (!option) throw new Error('sample without evidence');
    option.files = option.files.map((f) => (f.bytes ? { ...f, contentType: 'image/jpeg', bytes: copy } : f));
    const docx = await renderAuditReport(data);
    expect(docx.byteLength).toBeLessThan(2 * 1024 * 1024);
    const doc = await readDocx(docx);
    expect(doc.media.some((m) => m.endsWith('.jpg') || m.endsWith('.jpeg'))).toBe(true);
  });

  it('keeps a small picture as it is and leaves out what is not a picture', async () => {
    const { store: s } = store();
    const small = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#3c7a5c' } })
      .png()
      .toBuffer();
    const stored = await s.put(small);
    expect(Buffer.from((await reportPicture(s, stored.sha256)) ?? [])).toEqual(small);

    const notAPicture = await s.put(Buffer.from('%PDF-1.4 not a photo'));
    expect(await reportPicture(s, notAPicture.sha256)).toBeUndefined();
    expect(await reportPicture(s, 'a'.repeat(64))).toBeUndefined(); // no such file
  });

  it('refuses a malformed variant name (no path outside the store)', async () => {
    const { store: s } = store();
    await expect(s.readDerived('a'.repeat(64), '../x')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(s.writeDerived('a'.repeat(64), 'report/..', new Uint8Array(1))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});

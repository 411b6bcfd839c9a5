/**
 * The photos of the report's chapter 9 as it embeds them: a copy no larger than 1 200 px on its long side, JPEG at
 * quality 80 (sharp / libvips), made once per photo and kept in the evidence store beside the original
 * (`derived/report-1200/…`, by the original's SHA-256), so that the next report reads a few hundred KB instead of
 * decoding a 4 MB original again. A photo already that small (≤ 1 200 px and ≤ 256 KB) is kept as it is.
 *
 * The original is streamed into the decoder (never read whole into memory first), one photo at a time; the decoder
 * refuses pictures of more than 50 megapixels (a decompression bomb). A photo that cannot be read or decoded is
 * listed in the report without its picture rather than failing the report.
 */
import sharp from 'sharp';
import { type BlobStore, blobKeyOf } from '../../storage/index.ts';

export const REPORT_PICTURE = {
  variant: 'report-1200',
  maxSide_px: 1200,
  jpegQuality: 80,
  /** An original this small (bytes) and within `maxSide_px` is embedded unchanged. */
  keepOriginalBelow_bytes: 256 * 1024,
  maxInputPixels: 50_000_000,
} as const;

/** The bytes to embed for a stored PNG/JPEG photo, or undefined when it cannot be read or decoded. */
export async function reportPicture(store: BlobStore, sha256: string): Promise<Uint8Array | undefined> {
  const cached = await store.readDerived(sha256, REPORT_PICTURE.variant);
  if (cached) return new Uint8Array(cached);
  let made: Buffer;
  try {
    const { stream, sizeBytes } = await store.open(blobKeyOf(sha256));
    const opts = { limitInputPixels: REPORT_PICTURE.maxInputPixels, failOn: 'error' } as const;
    let image: ReturnType<typeof sharp>;
    let original: Buffer | undefined;
    if (sizeBytes <= REPORT_PICTURE.keepOriginalBelow_bytes) {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
      original = Buffer.concat(chunks);
      image = sharp(original, opts);
      const meta = await image.metadata();
      const keep =
        (meta.format === 'jpeg' || meta.format === 'png') &&
        Math.max(meta.width, meta.height) <= REPORT_PICTURE.maxSide_px &&
        (meta.orientation ?? 1) === 1;
      if (!keep) original = undefined;
    } else {
      image = sharp(opts);
      stream.on('error', (e) => image.destroy(e));
      stream.pipe(image);
    }
    made =
      original ??
      (await image
        .rotate() // EXIF orientation applied, so the copy needs none
        .resize({
          width: REPORT_PICTURE.maxSide_px,
          height: REPORT_PICTURE.maxSide_px,
          fit: 'inside',
          withoutEnlargement: true,
        })
        .flatten({ background: '#ffffff' }) // a PNG's transparency on white, as on the printed page
        .jpeg({ quality: REPORT_PICTURE.jpegQuality })
        .toBuffer());
  } catch {
    return undefined;
  }
  await store.writeDerived(sha256, REPORT_PICTURE.variant, made);
  return new Uint8Array(made);
}

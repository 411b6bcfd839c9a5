/**
 * Small generated evidence files: PNG "photos" of a plating line before and after an option (a drawn scene:
 * rust-brown tanks and a dripping single rinse tank before, clean tanks with counter-flow rinses after), and a
 * one-page PDF (the evidence store's sample writer). Deterministic for a seed; a few kilobytes each.
 */
import { crc32, deflateSync } from 'node:zlib';
import { samplePdf } from '../storage/samples.ts';
import type { Rng } from './prng.ts';

const WIDTH = 160;
const HEIGHT = 120;

type Rgb = readonly [number, number, number];

function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.from(type, 'ascii');
  return Buffer.concat([u32be(data.length), head, data, u32be(crc32(Buffer.concat([head, data])))]);
}

/** PNG (ISO/IEC 15948): signature, IHDR (8-bit truecolour), one IDAT of filter-0 scanlines, IEND. */
function encodePng(pixels: Uint8Array, width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0;
    raw.set(pixels.subarray(y * width * 3, (y + 1) * width * 3), y * (1 + width * 3) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function clamp(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

/** A scene of a plating line: wall, floor, a row of tanks, pipes; `after` is clean and bright. */
export function linePhoto(rng: Rng, after: boolean): Buffer {
  const px = new Uint8Array(WIDTH * HEIGHT * 3);
  const wall: Rgb = after ? [214, 222, 228] : [168, 150, 126];
  const floor: Rgb = after ? [120, 146, 160] : [96, 84, 70];
  const tank: Rgb = after ? [40, 110, 170] : [120, 70, 40];
  const liquid: Rgb = after ? [120, 200, 220] : [150, 160, 70];
  const noise = after ? 6 : 22;
  const tanks = rng.int(3, 5);
  const tankW = Math.floor((WIDTH - 20) / tanks) - 6;
  const set = (x: number, y: number, c: Rgb, n: number) => {
    const i = (y * WIDTH + x) * 3;
    const d = (rng.next() - 0.5) * n;
    px[i] = clamp(c[0] + d);
    px[i + 1] = clamp(c[1] + d);
    px[i + 2] = clamp(c[2] + d);
  };
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) set(x, y, y < 70 ? wall : floor, noise);
  }
  // A pipe along the wall.
  for (let x = 0; x < WIDTH; x++)
    for (let y = 20; y < 24; y++) set(x, y, after ? [90, 90, 100] : [110, 80, 60], 8);
  for (let k = 0; k < tanks; k++) {
    const x0 = 12 + k * (tankW + 6);
    for (let y = 50; y < 100; y++) {
      for (let x = x0; x < x0 + tankW; x++) set(x, y, y < 56 ? liquid : tank, noise);
    }
    // Before: stains and drips under the tanks; after: a counter-flow rinse pipe between the tanks.
    if (!after) {
      for (let s = 0; s < 40; s++)
        set(x0 + rng.int(0, tankW - 1), rng.int(100, HEIGHT - 1), [70, 90, 40], 30);
    } else if (k < tanks - 1) {
      for (let x = x0 + tankW; x < x0 + tankW + 6; x++)
        for (let y = 44; y < 47; y++) set(x, y, [200, 200, 210], 4);
    }
  }
  return encodePng(px, WIDTH, HEIGHT);
}

/** A one-page PDF with an ASCII line (PDF base fonts have no Chinese glyphs). */
export function reportPdf(line: string): Buffer {
  return samplePdf(line);
}

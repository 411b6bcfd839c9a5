/**
 * Client file names are display names only (files are stored by content hash): they are cleaned of paths,
 * control and bidirectional-override characters and Windows-reserved names, and given the extension of what the
 * file really is. Downloads name them with RFC 6266 / RFC 5987 `filename*` so Chinese names survive.
 */
import type { DetectedType } from './sniff.ts';
import { extensionOf } from './sniff.ts';

/** Longest display name kept (characters), extension included. */
export const MAX_FILE_NAME_LENGTH = 180;

/**
 * C0/C1 controls, zero-width characters, bidi overrides (U+202E can disguise `gpj.exe` as `exe.jpg`) and the
 * byte-order mark, as code-point ranges.
 */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0xfeff, 0xfeff],
];

function visible(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return !INVISIBLE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
}
const RESERVED_CHARS = /[<>:"|?*]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * The last path segment of `raw`, without invisible characters, reserved characters (→ `_`), leading dots,
 * repeated spaces; Windows device names prefixed with `_`; at most MAX_FILE_NAME_LENGTH characters (the
 * extension is kept). Empty → `fallback`.
 */
export function sanitizeFileName(raw: string | undefined, fallback = 'file'): string {
  const cleaned = [...(raw ?? '').normalize('NFC')].filter(visible).join('');
  const segments = cleaned.split(/[\\/]/);
  let s = (segments[segments.length - 1] ?? '')
    .replace(RESERVED_CHARS, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (s === '') s = fallback;
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  const chars = [...s];
  if (chars.length > MAX_FILE_NAME_LENGTH) {
    const ext = extensionOf(s);
    const keep = ext && ext.length <= 10 ? ext.length + 1 : 0;
    s = chars.slice(0, MAX_FILE_NAME_LENGTH - keep).join('') + (keep ? `.${ext}` : '');
  }
  return s;
}

/** The name with an extension that matches the detected content (`scan.pdf` holding a PNG → `scan.png`). */
export function nameForType(name: string, type: DetectedType): string {
  const ext = extensionOf(name);
  if (type.extensions.includes(ext)) return name;
  const stem = ext ? name.slice(0, name.length - ext.length - 1) : name;
  return `${stem || 'file'}.${type.extension}`;
}

/** RFC 5987 `ext-value` encoding: UTF-8, percent-encoded, leaving only attr-chars unescaped. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `Content-Disposition` for a download: an ASCII `filename` fallback for old clients and the exact name in
 * `filename*` (RFC 6266 §4.3, RFC 5987).
 */
export function contentDisposition(
  name: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_') || 'file';
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/**
 * The evidence file store: content-addressed blobs. A blob lives at `<root>/sha256/ab/cdef…` (the SHA-256 of its
 * bytes, split after two hex digits so no folder holds more than 1/256 of the files); identical files are stored
 * once. Uploads stream into `<root>/tmp`, are hashed while streaming and size-limited, then linked to their
 * content address (atomic: a half-written file never appears under a content address).
 *
 * The interface is small on purpose (`BlobStore`) so a province can later put the files on shared storage
 * (S3-compatible, NFS) by writing another implementation; the database only holds keys and hashes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CpError } from '@cpaudit/core';

/** A blob written to temporary storage, hashed, not yet at its content address. */
export interface StagedBlob {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** The staged bytes (uploads are size-limited, so this fits in memory). */
  read(): Promise<Buffer>;
}

export interface StoredBlob {
  key: string;
  sha256: string;
  sizeBytes: number;
  /** True when the same content was already stored (nothing new was written). */
  deduplicated: boolean;
}

export interface StageOptions {
  /** More bytes than this → CpError PAYLOAD_TOO_LARGE (and nothing kept). */
  maxBytes: number;
  /** Asks the source whether it cut the data short at its own limit (a multipart file stream's `truncated`). */
  truncated?: () => boolean;
}

export interface BlobStore {
  /** Streams `source` into a temporary blob, hashing as it goes. Nothing is kept when it throws. */
  stage(source: AsyncIterable<Uint8Array>, opts: StageOptions): Promise<StagedBlob>;
  /** Moves a staged blob to its content address (or drops it when that content is already there). */
  commit(staged: StagedBlob): Promise<StoredBlob>;
  /** Drops a staged blob that will not be kept. Safe to call after `commit` (no-op). */
  discard(staged: StagedBlob): Promise<void>;
  /** Stores bytes in one call (generated files: demo data, documents). */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** Opens a stored blob. @throws CpError NOT_FOUND when absent, VALIDATION for a malformed key. */
  open(key: string): Promise<{ stream: ReadStream; sizeBytes: number }>;
  has(key: string): Promise<boolean>;
  /** Removes a stored blob and every file derived from it (absent is fine). */
  remove(key: string): Promise<void>;
  /**
   * A file made from a stored blob and kept to be reused (the report's downscaled copy of a photo), found by the
   * blob's SHA-256 and the variant's name (`report-1200`); undefined when it has not been made yet.
   */
  readDerived(sha256: string, variant: string): Promise<Buffer | undefined>;
  /** Keeps such a file (atomically: a half-written file is never found). Derived files can always be remade. */
  writeDerived(sha256: string, variant: string, bytes: Uint8Array): Promise<void>;
}

const VARIANT = /^[a-z0-9][a-z0-9-]{0,39}$/;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const BLOB_KEY = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{62})$/;

/** The content address of a SHA-256 (lower-case hex): `sha256/ab/cdef…`. */
export function blobKeyOf(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new CpError('VALIDATION', `not a SHA-256 hex digest: "${sha256}"`);
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2)}`;
}

/** The SHA-256 of a blob key, or undefined when `key` is not a well-formed content address. */
export function sha256OfBlobKey(key: string): string | undefined {
  const m = BLOB_KEY.exec(key);
  return m ? `${m[1]}${m[2]}` : undefined;
}

/**
 * The `option_evidence.storage_key` of a row: `<blob key>#<row id>`. Rows with the same content share the blob,
 * and the schema keeps `storage_key` unique per row; the blob is the part before `#` (also `blobKeyOf(sha256)`).
 */
export function evidenceRowKey(blobKey: string, rowId: string): string {
  return `${blobKey}#${rowId}`;
}

function errnoCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const code: unknown = Reflect.get(e, 'code');
  return typeof code === 'string' ? code : undefined;
}

async function unlinkQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (e) {
    if (errnoCode(e) !== 'ENOENT') throw e;
  }
}

class LocalStagedBlob implements StagedBlob {
  committed = false;
  constructor(
    readonly sha256: string,
    readonly sizeBytes: number,
    readonly tmpPath: string,
  ) {}
  read(): Promise<Buffer> {
    return readFile(this.tmpPath);
  }
}

/** Counts and hashes the bytes going through; fails as soon as more than `max` have passed. */
class HashingLimiter extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) {
      done(new CpError('PAYLOAD_TOO_LARGE', `file larger than the ${this.max}-byte upload limit`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/** A store on the local file system under `root` (normally `<dataDir>/files`). */
export function createLocalBlobStore(root: string): BlobStore {
  const tmpDir = join(root, 'tmp');
  const pathOf = (key: string): string => {
    const m = BLOB_KEY.exec(key);
    if (!m?.[1] || !m[2]) throw new CpError('VALIDATION', `malformed storage key "${key}"`);
    return join(root, 'sha256', m[1], m[2]);
  };

  /** `<root>/derived/<variant>/ab/cdef…`, beside the blobs they are made from. */
  const derivedPath = (sha256: string, variant: string): string => {
    if (!VARIANT.test(variant)) throw new CpError('VALIDATION', `malformed variant "${variant}"`);
    const key = blobKeyOf(sha256);
    return join(root, 'derived', variant, key.slice('sha256/'.length));
  };

  function local(staged: StagedBlob): LocalStagedBlob {
    if (!(staged instanceof LocalStagedBlob)) throw new Error('staged blob of another store');
    return staged;
  }

  const store: BlobStore = {
    async stage(source, opts) {
      await mkdir(tmpDir, { recursive: true });
      const tmpPath = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
      const limiter = new HashingLimiter(opts.maxBytes);
      try {
        await pipeline(source, limiter, createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 }));
        if (opts.truncated?.()) {
          throw new CpError('PAYLOAD_TOO_LARGE', `file larger than the ${opts.maxBytes}-byte upload limit`);
        }
        // Durable before it can be linked under its content address.
        const fh = await open(tmpPath, 'r');
        try {
          await fh.sync();
        } finally {
          await fh.close();
        }
      } catch (e) {
        await unlinkQuietly(tmpPath);
        throw e;
      }
      return new LocalStagedBlob(limiter.hash.digest('hex'), limiter.bytes, tmpPath);
    },

    async commit(staged) {
      const s = local(staged);
      const key = blobKeyOf(s.sha256);
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      let deduplicated = false;
      try {
        // link() fails when the target exists: the content is already stored.
        await link(s.tmpPath, target);
      } catch (e) {
        const code = errnoCode(e);
        if (code === 'EEXIST') {
          const existing = await stat(target);
          if (existing.size === s.sizeBytes) deduplicated = true;
          else await rename(s.tmpPath, target); // a damaged copy: replace it with the verified bytes
        } else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
          // File systems without hard links: rename (identical content, so overwriting is harmless).
          await rename(s.tmpPath, target);
        } else {
          throw e;
        }
      }
      await unlinkQuietly(s.tmpPath);
      s.committed = true;
      return { key, sha256: s.sha256, sizeBytes: s.sizeBytes, deduplicated };
    },

    async discard(staged) {
      const s = local(staged);
      if (!s.committed) await unlinkQuietly(s.tmpPath);
    },

    async put(bytes) {
      const staged = await store.stage(
        (async function* one() {
          yield bytes;
        })(),
        { maxBytes: bytes.length },
      );
      try {
        return await store.commit(staged);
      } finally {
        await store.discard(staged);
      }
    },

    async open(key) {
      const path = pathOf(key);
      try {
        const st = await stat(path);
        return { stream: createReadStream(path), sizeBytes: st.size };
      } catch (e) {
        if (errnoCode(e) === 'ENOENT') throw new CpError('NOT_FOUND', `stored file ${key} not found`);
        throw e;
      }
    },

    async has(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch (e) {
        if (errnoCode(e) === 'ENOENT') return false;
        throw e;
      }
    },

    async remove(key) {
      await unlinkQuietly(pathOf(key));
      // Its derived files (the report's downscaled photo, …): one per variant folder.
      let variants: string[] = [];
      try {
        variants = await readdir(join(root, 'derived'));
      } catch (e) {
        if (errnoCode(e) !== 'ENOENT') throw e;
      }
      const rest = key.slice('sha256/'.length);
      for (const v of variants) if (VARIANT.test(v)) await unlinkQuietly(join(root, 'derived', v, rest));
    },

    async readDerived(sha256, variant) {
      try {
        return await readFile(derivedPath(sha256, variant));
      } catch (e) {
        if (errnoCode(e) === 'ENOENT') return undefined;
        throw e;
      }
    },

    async writeDerived(sha256, variant, bytes) {
      const target = derivedPath(sha256, variant);
      await mkdir(dirname(target), { recursive: true });
      await mkdir(tmpDir, { recursive: true });
      const tmpPath = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}.derived`);
      try {
        await writeFile(tmpPath, bytes, { flag: 'wx', mode: 0o600 });
        await rename(tmpPath, target);
      } catch (e) {
        await unlinkQuietly(tmpPath);
        throw e;
      }
    },
  };
  return store;
}

/** The evidence store of a data folder: `<dataDir>/files`. */
export function evidenceStore(dataDir: string): BlobStore {
  return createLocalBlobStore(join(dataDir, 'files'));
}

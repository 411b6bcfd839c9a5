/**
 * Evidence files of options (guideline 7.4.2; Appendix A 三; Appendix B 9.1.1–9.1.6): one multipart upload per
 * file, size-limited, type judged by content and checked against the evidence kind, stored content-addressed
 * (storage/), described by an `option_evidence` row; download with the detected type; delete the row (the bytes
 * stay while another row uses them).
 *
 * The row's `storage_key` is `<blob key>#<row id>`: the blob is shared by every row with the same content, and the
 * schema wants `storage_key` unique per row (see the report: a plain blob key needs that constraint dropped).
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { EVIDENCE_KIND_ACCEPTS, evidenceUploadFields } from '@cpaudit/contract';
import { CpError, isCpError, parseInput } from '@cpaudit/core';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import {
  cpOptions,
  type OptionEvidence,
  optionEvidence,
  type Tx,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import {
  type BlobStore,
  blobKeyOf,
  contentDisposition,
  detectFileType,
  evidenceRowKey,
  FILE_KINDS,
  nameForType,
  refineTextType,
  type StagedBlob,
  sanitizeFileName,
} from '../../storage/index.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../scope.ts';
import { loadOption, requirePower, writeMapped } from './access.ts';
import { optionVisible } from './scope.ts';

/** A part of a multipart request, as @fastify/multipart yields them (the fields used here). */
export type UploadPart =
  | { type: 'field'; fieldname: string; value: unknown; valueTruncated: boolean }
  | {
      type: 'file';
      fieldname: string;
      filename: string;
      file: Readable & { truncated?: boolean };
    };

export interface EvidenceDeps {
  store: BlobStore;
  maxUploadBytes: number;
}

function evidenceJson(r: OptionEvidence, deduplicated?: boolean) {
  return {
    id: r.id,
    optionId: r.optionId,
    kind: r.kind,
    title: r.title,
    fileName: r.fileName,
    contentType: r.contentType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    uploadedBy: r.uploadedBy,
    uploadedAt: r.uploadedAt.toISOString(),
    note: r.note,
    ...(deduplicated === undefined ? {} : { deduplicated }),
    version: r.version,
  };
}

export async function listEvidence(ctx: ServiceContext, optionId: string) {
  await loadOption(ctx.db, ctx, optionId);
  const rows = await ctx.db
    .select()
    .from(optionEvidence)
    .where(eq(optionEvidence.optionId, optionId))
    .orderBy(asc(optionEvidence.uploadedAt), asc(optionEvidence.id));
  return { items: rows.map((r) => evidenceJson(r)) };
}

/**
 * The evidence of several options in one query (each option's in upload order): for options the caller has just read
 * through a scoped list (`listAuditOptions`), whose evidence it may see; the list exports use it a page at a time.
 */
export async function listEvidenceOfOptions(ctx: ServiceContext, optionIds: readonly string[]) {
  if (optionIds.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(optionEvidence)
    .where(inArray(optionEvidence.optionId, [...optionIds]))
    .orderBy(asc(optionEvidence.optionId), asc(optionEvidence.uploadedAt), asc(optionEvidence.id));
  return rows.map((r) => evidenceJson(r));
}

/** Multipart parser errors (codes of @fastify/multipart) as CpErrors naming what to fix. */
function multipartError(e: unknown, maxBytes: number): unknown {
  // The store's size limit names no field: the file is what is too large.
  if (isCpError(e) && e.code === 'PAYLOAD_TOO_LARGE' && !e.field) {
    return new CpError('PAYLOAD_TOO_LARGE', e.message, { field: 'file' });
  }
  if (isCpError(e) || typeof e !== 'object' || e === null) return e;
  const code: unknown = Reflect.get(e, 'code');
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new CpError('PAYLOAD_TOO_LARGE', `file larger than the ${maxBytes}-byte upload limit`, {
        field: 'file',
      });
    case 'FST_FILES_LIMIT':
      return new CpError('VALIDATION', 'send exactly one file per upload', { field: 'file' });
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new CpError('VALIDATION', 'too many form fields (kind, title, note and one file)');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new CpError(
        'VALIDATION',
        'send the file as multipart/form-data (fields kind, title, note, file)',
      );
    case 'FST_PROTO_VIOLATION':
      return new CpError('VALIDATION', 'malformed form field name');
    default:
      return e;
  }
}

/** Serialises concurrent writes of the same content (upload vs delete of its last row) in one transaction. */
async function lockContent(tx: Tx, sha256: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`cpaudit.blob.${sha256}`}, 0))`);
}

export async function uploadEvidence(
  ctx: ServiceContext,
  deps: EvidenceDeps,
  optionId: string,
  parts: AsyncIterable<UploadPart>,
) {
  const o = await loadOption(ctx.db, ctx, optionId);
  requirePower(o, 'uploadEvidence', 'add evidence');
  const fields: Record<string, string> = {};
  let staged: StagedBlob | undefined;
  let clientName: string | undefined;
  try {
    try {
      for await (const part of parts) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') {
            throw new CpError('VALIDATION', `unexpected file field "${part.fieldname}" (send it as "file")`, {
              field: part.fieldname,
            });
          }
          if (staged) throw new CpError('VALIDATION', 'send exactly one file per upload', { field: 'file' });
          clientName = part.filename;
          const stream = part.file;
          staged = await deps.store.stage(stream, {
            maxBytes: deps.maxUploadBytes,
            truncated: () => stream.truncated === true,
          });
        } else {
          if (part.valueTruncated) {
            throw new CpError('VALIDATION', `${part.fieldname} is too long`, { field: part.fieldname });
          }
          fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
        }
      }
    } catch (e) {
      throw multipartError(e, deps.maxUploadBytes);
    }
    if (!staged)
      throw new CpError('VALIDATION', 'no file: send the file in the part "file"', { field: 'file' });
    const meta = parseInput(evidenceUploadFields, fields, 'upload fields');

    const detected = detectFileType(await staged.read());
    if (!detected.ok) {
      throw new CpError('BAD_FILE', `file refused: it is ${detected.reason}`, { field: 'file' });
    }
    const accepts = EVIDENCE_KIND_ACCEPTS[meta.kind];
    if (!accepts.includes(detected.type.kind)) {
      const names = accepts.map((k) => FILE_KINDS[k].label).join(', ');
      throw new CpError(
        'BAD_FILE',
        `file refused: it is a ${detected.type.label}; evidence of kind ${meta.kind} accepts ${names}`,
        { field: 'file' },
      );
    }
    const shown = sanitizeFileName(clientName);
    const type = refineTextType(detected.type, shown);
    const fileName = nameForType(shown, type);
    const title = meta.title ?? fileName;
    const blobReady = staged;

    const { row, deduplicated } = await writeMapped(ctx, async (tx) => {
      await lockContent(tx, blobReady.sha256);
      const blob = await deps.store.commit(blobReady);
      const id = randomUUID();
      const [inserted] = await tx
        .insert(optionEvidence)
        .values({
          id,
          optionId,
          kind: meta.kind,
          title,
          fileName,
          contentType: type.contentType,
          sizeBytes: blob.sizeBytes,
          sha256: blob.sha256,
          storageKey: evidenceRowKey(blob.key, id),
          note: meta.note ?? null,
        })
        .returning();
      if (!inserted) throw new CpError('INTERNAL', 'evidence insert returned nothing');
      return { row: inserted, deduplicated: blob.deduplicated };
    });
    return evidenceJson(row, deduplicated);
  } finally {
    if (staged) await deps.store.discard(staged);
  }
}

/** The evidence row when its option is visible to the actor. */
async function visibleEvidence(ctx: ServiceContext, evidenceId: string): Promise<OptionEvidence> {
  const [row] = await ctx.db
    .select({ e: optionEvidence })
    .from(optionEvidence)
    .innerJoin(cpOptions, eq(cpOptions.id, optionEvidence.optionId))
    .where(and(eq(optionEvidence.id, evidenceId), optionVisible(ctx.actor)));
  if (!row) throw notFound('evidence', evidenceId);
  return row.e;
}

export interface EvidenceDownload {
  stream: Readable;
  headers: Record<string, string>;
}

export async function downloadEvidence(
  ctx: ServiceContext,
  deps: EvidenceDeps,
  evidenceId: string,
): Promise<EvidenceDownload> {
  const e = await visibleEvidence(ctx, evidenceId);
  let opened: Awaited<ReturnType<BlobStore['open']>>;
  try {
    opened = await deps.store.open(blobKeyOf(e.sha256));
  } catch (err) {
    if (isCpError(err) && err.code === 'NOT_FOUND') {
      throw new CpError(
        'INTERNAL',
        `the stored file of evidence ${evidenceId} is missing from the evidence store`,
      );
    }
    throw err;
  }
  return {
    stream: opened.stream,
    headers: {
      'content-type': e.contentType,
      'content-length': String(opened.sizeBytes),
      'content-disposition': contentDisposition(e.fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
      // Opened directly, the file runs nothing and loads nothing.
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  };
}

export async function deleteEvidence(
  ctx: ServiceContext,
  deps: EvidenceDeps,
  evidenceId: string,
  version: number,
) {
  const e = await visibleEvidence(ctx, evidenceId);
  const o = await loadOption(ctx.db, ctx, e.optionId);
  requirePower(o, 'uploadEvidence', 'remove evidence');
  await writeMapped(ctx, async (tx) => {
    await lockContent(tx, e.sha256);
    const [gone] = await tx
      .delete(optionEvidence)
      .where(versionMatches(optionEvidence, evidenceId, version))
      .returning({ id: optionEvidence.id });
    if (!gone) await throwVersionFailure(tx, optionEvidence, evidenceId, version, 'evidence');
    const [left] = await tx
      .select({ n: count() })
      .from(optionEvidence)
      .where(eq(optionEvidence.sha256, e.sha256));
    // Last: nothing after it can fail but the commit, and the content lock keeps uploads of it waiting.
    if ((left?.n ?? 0) === 0) await deps.store.remove(blobKeyOf(e.sha256));
  });
  return { ok: true as const };
}

/**
 * Data-collection workbooks (guideline Appendix A) of an audit: download (per listed enterprise, or audit-wide with
 * one row per enterprise-year keyed by 统一社会信用代码 + 年份) and import.
 *
 * The workbook is another way into the annual service, never a second set of rules: the items, units and signs are
 * the annual catalogue (`catalogueIndex`), every enterprise-year read from the file goes through the annual service's
 * `validateBatch`, submitted/accepted years stay locked, and the rows are stored exactly as `saveAnnualValues` stores
 * them. The differences are those of a file: the whole workbook is one transaction (all enterprise-years or none),
 * empty cells change nothing (removal stays a web action), and a value equal to the stored one is left untouched
 * (who entered it and when are kept; a year without any change does not get a new version).
 *
 * Rights: download needs the audit (readable, scope of audits/access.ts) and sees only the enterprises whose data the
 * caller may see (enterpriseVisible); import writes only enterprises the caller may write (enterpriseWritable), any
 * other row is a problem.
 */
import type { Readable } from 'node:stream';
import { CpError, convertValue, isCpError } from '@cpaudit/core';
import {
  buildDataWorkbook,
  type DataWorkbookSpec,
  parseDataWorkbook,
  type WorkbookEntry,
  type WorkbookProblem,
  type WorkbookValue,
} from '@cpaudit/documents';
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  type AnnualSubmission,
  type AnnualValue,
  annualSubmissions,
  annualValues,
  auditEnterprises,
  bureaus,
  type Db,
  enterprises,
  type IndustryAudit,
} from '../../db/index.ts';
import { mapped } from '../annual/common.ts';
import {
  type CatalogueIndex,
  catalogueIndex,
  LEVEL_UNIT,
  levelOfStored,
  NOT_APPLICABLE_UNIT,
  type ValueRow,
  validateBatch,
} from '../annual/items.ts';
import { systemRow } from '../annual/systems.ts';
import { loadAuditAccess, todayIn } from '../audits/access.ts';
import { defaultDataYears } from '../audits/collection.ts';
import { type ServiceContext, write } from '../context.ts';
import { enterpriseVisible, enterpriseWritable, notFound } from '../scope.ts';

/** Audit enterprises whose data a workbook covers: candidates and selected ones (not the excluded). */
const LISTED = ['candidate', 'selected'] as const;
/** Submission statuses that lock a year (values.ts: only a bureau's return unlocks them). */
const LOCKED = new Set<AnnualSubmission['status']>(['submitted', 'accepted']);
/** Rows per INSERT or UPDATE statement of an import. */
const BATCH = 1000;

export interface WorkbookDeps {
  maxUploadBytes: number;
}

interface SpecEnterprise {
  id: string;
  uscc: string;
  name: string;
  writable: boolean;
  years: number[];
}

interface BuiltSpec {
  spec: DataWorkbookSpec;
  index: CatalogueIndex;
  enterprises: SpecEnterprise[];
  fileName: string;
}

/** The catalogue items of a workbook: fixed items, free templates, and the indicator items of `systemCode` only. */
function workbookItems(index: CatalogueIndex, systemCode: string | null) {
  return index.items.filter(
    (i) => i.category !== 'indicator' || (systemCode !== null && i.indicator?.systemCode === systemCode),
  );
}

async function enterpriseRows(
  ctx: ServiceContext,
  where: ReturnType<typeof eq>,
  audit: IndustryAudit | null,
  limited: string[] | null,
) {
  const rows = await ctx.db
    .select({
      id: enterprises.id,
      uscc: enterprises.uscc,
      name: enterprises.name,
      dataYears: auditEnterprises.dataYears,
      writable: sql<boolean>`(${enterpriseWritable(ctx.actor)})`,
    })
    .from(enterprises)
    .leftJoin(
      auditEnterprises,
      audit
        ? and(eq(auditEnterprises.enterpriseId, enterprises.id), eq(auditEnterprises.auditId, audit.id))
        : sql`false`,
    )
    .where(and(where, enterpriseVisible(ctx.actor)))
    .orderBy(enterprises.name, enterprises.id);
  return rows
    .filter((r) => limited === null || limited.includes(r.id))
    .map((r) => ({
      id: r.id,
      uscc: r.uscc,
      name: r.name,
      writable: r.writable === true,
      years:
        r.dataYears && r.dataYears.length > 0
          ? [...r.dataYears].sort((a, b) => a - b)
          : audit
            ? defaultDataYears(audit.periodStart)
            : [],
    }));
}

/** Stored values as the workbook shows them (levels and not-applicable markers decoded, values.ts encoding). */
function workbookValue(v: AnnualValue): WorkbookValue {
  if (v.unit === NOT_APPLICABLE_UNIT) return { itemCode: v.itemCode, notApplicable: true };
  if (v.unit === LEVEL_UNIT) {
    const level = levelOfStored(v.quantity);
    return level === null ? { itemCode: v.itemCode } : { itemCode: v.itemCode, level };
  }
  return {
    itemCode: v.itemCode,
    quantity: v.quantity,
    unit: v.unit,
    ...(v.category === 'product' || v.category === 'material' ? { name: v.name ?? v.itemCode } : {}),
  };
}

async function prefill(db: Db, ents: readonly SpecEnterprise[], years: readonly number[]) {
  const ids = ents.map((e) => e.id);
  if (ids.length === 0 || years.length === 0) return { values: [], locked: [] };
  const [values, subs] = await Promise.all([
    db
      .select()
      .from(annualValues)
      .where(and(inArray(annualValues.enterpriseId, ids), inArray(annualValues.year, [...years]))),
    db
      .select()
      .from(annualSubmissions)
      .where(and(inArray(annualSubmissions.enterpriseId, ids), inArray(annualSubmissions.year, [...years]))),
  ]);
  const uscc = new Map(ents.map((e) => [e.id, e.uscc]));
  const byKey = new Map<string, { uscc: string; year: number; values: WorkbookValue[] }>();
  for (const v of values) {
    const u = uscc.get(v.enterpriseId);
    if (u === undefined) continue;
    const k = `${u}|${v.year}`;
    let e = byKey.get(k);
    if (!e) {
      e = { uscc: u, year: v.year, values: [] };
      byKey.set(k, e);
    }
    e.values.push(workbookValue(v));
  }
  const locked = subs
    .filter((s) => LOCKED.has(s.status))
    .map((s) => ({ uscc: uscc.get(s.enterpriseId) ?? '', year: s.year, status: s.status }));
  return { values: [...byKey.values()], locked };
}

/** The workbook spec of an audit (all listed enterprises the caller sees, or one of them). */
async function auditSpec(ctx: ServiceContext, auditId: string, enterpriseId?: string): Promise<BuiltSpec> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const audit = access.audit;
  const listed = ctx.db
    .select({ id: auditEnterprises.enterpriseId })
    .from(auditEnterprises)
    .where(and(eq(auditEnterprises.auditId, auditId), inArray(auditEnterprises.status, [...LISTED])));
  const where = enterpriseId
    ? and(eq(enterprises.id, enterpriseId), inArray(enterprises.id, listed))
    : inArray(enterprises.id, listed);
  const ents = await enterpriseRows(ctx, where ?? sql`false`, audit, access.enterprises);
  if (enterpriseId && ents.length === 0) throw notFound('listed enterprise', enterpriseId);
  const index = await catalogueIndex(ctx.database, ctx.db);
  const systemCode = audit.indicatorSystemId ? (await systemRow(ctx.db, audit.indicatorSystemId)).code : null;
  const years = [...new Set(ents.flatMap((e) => e.years))].sort((a, b) => a - b);
  if (years.length === 0) years.push(...defaultDataYears(audit.periodStart));
  const [bureau] = await ctx.db
    .select({ name: bureaus.name })
    .from(bureaus)
    .where(eq(bureaus.id, audit.bureauId));
  const { values, locked } = await prefill(ctx.db, ents, years);
  const one = enterpriseId ? ents[0] : undefined;
  return {
    index,
    enterprises: ents,
    fileName: one ? `数据采集表-${one.name}-${audit.title}.xlsx` : `数据采集表-${audit.title}.xlsx`,
    spec: {
      title: audit.title,
      ...(bureau ? { issuer: bureau.name } : {}),
      scope: enterpriseId ? 'enterprise' : 'audit',
      enterprises: ents.map((e) => ({ uscc: e.uscc, name: e.name })),
      years,
      items: workbookItems(index, systemCode),
      values,
      locked,
      date: todayIn(ctx.now()),
    },
  };
}

/** The spec of one enterprise outside an audit (import only): the last ten years, every active indicator system. */
async function enterpriseSpec(ctx: ServiceContext, enterpriseId: string): Promise<BuiltSpec> {
  const ents = await enterpriseRows(ctx, eq(enterprises.id, enterpriseId), null, null);
  const ent = ents[0];
  if (!ent) throw notFound('enterprise', enterpriseId);
  const thisYear = Number(todayIn(ctx.now()).slice(0, 4));
  const years = Array.from({ length: 10 }, (_, k) => thisYear - 9 + k);
  ent.years = years;
  const index = await catalogueIndex(ctx.database, ctx.db);
  return {
    index,
    enterprises: ents,
    fileName: `数据采集表-${ent.name}.xlsx`,
    spec: {
      title: '年度数据',
      scope: 'enterprise',
      enterprises: [{ uscc: ent.uscc, name: ent.name }],
      years,
      items: index.items,
    },
  };
}

export interface WorkbookFile {
  bytes: Uint8Array;
  fileName: string;
}

export async function downloadWorkbook(
  ctx: ServiceContext,
  auditId: string,
  enterpriseId?: string,
): Promise<WorkbookFile> {
  const built = await auditSpec(ctx, auditId, enterpriseId);
  return { bytes: await buildDataWorkbook(built.spec), fileName: built.fileName };
}

// ---------------------------------------------------------------------------------------------------------------
// Import

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  problems: WorkbookProblem[];
  written: { enterpriseYears: number; created: number; updated: number; unchanged: number };
}

/** A multipart part, as @fastify/multipart yields them. */
export type WorkbookPart =
  | { type: 'field'; fieldname: string; value: unknown }
  | { type: 'file'; fieldname: string; filename: string; file: Readable & { truncated?: boolean } };

function tooLarge(max: number): CpError {
  return new CpError('PAYLOAD_TOO_LARGE', `file larger than the ${max}-byte upload limit`, { field: 'file' });
}

/** The bytes of the one file part `file`, at most `max` bytes. */
export async function readUpload(parts: AsyncIterable<WorkbookPart>, max: number): Promise<Uint8Array> {
  let bytes: Uint8Array | undefined;
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || bytes !== undefined) {
        part.file.resume();
        throw new CpError('VALIDATION', 'send exactly one file, in the part "file"', { field: 'file' });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file) {
        const b = chunk as Buffer;
        size += b.length;
        if (size > max) throw tooLarge(max);
        chunks.push(b);
      }
      if (part.file.truncated) throw tooLarge(max);
      bytes = new Uint8Array(Buffer.concat(chunks));
    }
  } catch (e) {
    if (isCpError(e)) throw e;
    const code: unknown = typeof e === 'object' && e !== null ? Reflect.get(e, 'code') : undefined;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(max);
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new CpError('VALIDATION', 'send the workbook as multipart/form-data in the part "file"', {
        field: 'file',
      });
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new CpError('VALIDATION', 'send exactly one file, in the part "file"', { field: 'file' });
    }
    throw e;
  }
  if (bytes === undefined)
    throw new CpError('VALIDATION', 'no file: send the workbook in the part "file"', { field: 'file' });
  return bytes;
}

const FREE_CATEGORIES = new Set<string>(['product', 'material']);

/**
 * The row to store for an input over the stored value `old`: the stored source and note are kept (a workbook
 * carries neither), so is the stored name of a fixed item (the name is the line's own only for free lines), and
 * a quantity equal to the stored one in another unit of the same dimension (the header's unit vs the stored
 * `万kWh`) keeps the stored quantity and unit: re-importing a downloaded workbook changes nothing.
 */
function merged(row: ValueRow, old: AnnualValue | undefined): ValueRow {
  if (!old) return row;
  const out: ValueRow = {
    ...row,
    source: row.source ?? old.source,
    note: row.note ?? old.note,
    name: FREE_CATEGORIES.has(row.category) ? row.name : (old.name ?? row.name),
  };
  if (out.unit !== old.unit && ![LEVEL_UNIT, NOT_APPLICABLE_UNIT].includes(out.unit)) {
    try {
      const inOld = convertValue(out.quantity, out.unit, old.unit);
      if (Math.abs(inOld - old.quantity) <= 1e-9 * Math.max(1, Math.abs(old.quantity))) {
        return { ...out, quantity: old.quantity, unit: old.unit };
      }
    } catch {
      // Another dimension (or a marker unit): a real change.
    }
  }
  return out;
}

function sameValue(a: AnnualValue, r: ValueRow): boolean {
  return (
    a.quantity === r.quantity &&
    a.unit === r.unit &&
    // A fixed item's name is the catalogue's (stored or null): only a free line's name is its own.
    (a.name === r.name || !FREE_CATEGORIES.has(r.category)) &&
    a.category === r.category &&
    a.indicatorId === r.indicatorId &&
    a.source === r.source &&
    a.note === r.note
  );
}

interface Planned {
  enterpriseId: string;
  year: number;
  submission: AnnualSubmission | undefined;
  fresh: ValueRow[];
  changed: { id: string; row: ValueRow }[];
  unchanged: number;
}

/** The cell of a service issue `body.values.<i>.<field>` of an entry. */
function issueProblem(entry: WorkbookEntry, field: string | undefined, message: string): WorkbookProblem {
  const m = /^body\.values\.(\d+)\.?(\w*)/.exec(field ?? '');
  const at = m ? entry.cells[Number(m[1])] : entry.cells[0];
  const cell =
    m?.[2] === 'unit'
      ? (at?.unitCell ?? at?.cell)
      : m?.[2] === 'name'
        ? (at?.nameCell ?? at?.cell)
        : at?.cell;
  const col = cell?.replace(/\d+$/, '') ?? '';
  const item = m ? entry.values[Number(m[1])]?.itemCode : undefined;
  const text = message.replace(/^body\.values\.\d+\.\w*:\s*/, '');
  return {
    sheet: at?.sheet ?? null,
    row: at?.row ?? null,
    cell: cell ?? null,
    field: item ?? null,
    message: at
      ? `‘${at.sheet}’表第 ${at.row} 行 ${col} 列：平台校验未通过：${text}`
      : `平台校验未通过：${text}`,
  };
}

/** Progress of an import: `done` of `total` steps (read, check each enterprise-year, write each). */
export type ImportProgress = (done: number, total: number, label: string) => void;

async function importEntries(
  ctx: ServiceContext,
  built: BuiltSpec,
  bytes: Uint8Array,
  deps: WorkbookDeps,
  dryRun: boolean,
  onProgress: ImportProgress = () => {},
): Promise<ImportResult> {
  const empty = { enterpriseYears: 0, created: 0, updated: 0, unchanged: 0 };
  onProgress(0, 1, '读取工作簿');
  const parsed = await parseDataWorkbook(bytes, built.spec, { maxBytes: deps.maxUploadBytes });
  const problems = [...parsed.problems];
  const byUscc = new Map(built.enterprises.map((e) => [e.uscc, e]));
  const plans: Planned[] = [];
  const entries = parsed.entries.filter((e) => e.values.length > 0);
  const ids = [
    ...new Set(entries.map((e) => byUscc.get(e.uscc)?.id).filter((x): x is string => x !== undefined)),
  ];
  const years = [...new Set(entries.map((e) => e.year))];
  const [stored, subs] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          ctx.db
            .select()
            .from(annualValues)
            .where(and(inArray(annualValues.enterpriseId, ids), inArray(annualValues.year, years))),
          ctx.db
            .select()
            .from(annualSubmissions)
            .where(and(inArray(annualSubmissions.enterpriseId, ids), inArray(annualSubmissions.year, years))),
        ]);
  // Steps: reading (1), checking each enterprise-year, writing each enterprise-year with a change.
  const steps = 1 + entries.length * 2;
  onProgress(1, steps, '校验数据');
  for (const entry of entries) {
    const ent = byUscc.get(entry.uscc);
    if (!ent) continue;
    const first = entry.cells[0];
    const where = first ? `‘${first.sheet}’表第 ${first.row} 行 A 列：` : '';
    if (!ent.writable) {
      problems.push({
        sheet: first?.sheet ?? null,
        row: first?.row ?? null,
        cell: first?.cell.replace(/[A-Z]+/, 'A') ?? null,
        field: 'uscc',
        message: `${where}您没有填报 ${ent.name}（${ent.uscc}）数据的权限`,
      });
      continue;
    }
    let rows: ValueRow[];
    try {
      rows = validateBatch(built.index, entry.values, []);
    } catch (e) {
      if (!isCpError(e)) throw e;
      const issues = e.issues.length > 0 ? e.issues : [{ field: e.field, message: e.message }];
      for (const i of issues) problems.push(issueProblem(entry, i.field, i.message));
      continue;
    }
    const old = new Map(
      stored.filter((v) => v.enterpriseId === ent.id && v.year === entry.year).map((v) => [v.itemCode, v]),
    );
    const plan: Planned = {
      enterpriseId: ent.id,
      year: entry.year,
      submission: subs.find((s) => s.enterpriseId === ent.id && s.year === entry.year),
      fresh: [],
      changed: [],
      unchanged: 0,
    };
    let firstChange = -1;
    rows.forEach((r, i) => {
      const prev = old.get(r.itemCode);
      const row = merged(r, prev);
      if (!prev) plan.fresh.push(row);
      else if (!sameValue(prev, row)) plan.changed.push({ id: prev.id, row });
      else {
        plan.unchanged += 1;
        return;
      }
      if (firstChange < 0) firstChange = i;
    });
    if (firstChange >= 0 && plan.submission && LOCKED.has(plan.submission.status)) {
      const at = entry.cells[firstChange];
      const state = plan.submission.status === 'accepted' ? '已通过审核' : '已提交';
      problems.push({
        sheet: at?.sheet ?? null,
        row: at?.row ?? null,
        cell: at?.cell ?? null,
        field: entry.values[firstChange]?.itemCode ?? null,
        message: `${at ? `‘${at.sheet}’表第 ${at.row} 行 ${at.cell.replace(/\d+$/, '')} 列：` : ''}${ent.name} ${entry.year} 年数据${state}，已锁定，不能修改：如需更正，请先由生态环境部门退回`,
      });
      continue;
    }
    plans.push(plan);
  }
  const count = (p: readonly Planned[]) => ({
    enterpriseYears: p.filter((x) => x.fresh.length + x.changed.length > 0).length,
    created: p.reduce((s, x) => s + x.fresh.length, 0),
    updated: p.reduce((s, x) => s + x.changed.length, 0),
    unchanged: p.reduce((s, x) => s + x.unchanged, 0),
  });
  if (problems.length > 0) return { ok: false, dryRun, problems, written: empty };
  if (dryRun) return { ok: true, dryRun, problems: [], written: count(plans) };
  const todo = plans.filter((p) => p.fresh.length + p.changed.length > 0);
  const checked = 1 + entries.length;
  await mapped(() =>
    write(ctx, async (tx) => {
      const now = ctx.now();
      const key = (enterpriseId: string, year: number) => `${enterpriseId}|${year}`;
      // The same lock as saveAnnualValues: the submission rows, FOR UPDATE (one statement for the whole workbook);
      // a year submitted or changed since it was checked above is refused, and the transaction rolls back.
      const entIds = [...new Set(todo.map((p) => p.enterpriseId))];
      const todoYears = [...new Set(todo.map((p) => p.year))];
      const locked =
        todo.length === 0
          ? []
          : await tx
              .select()
              .from(annualSubmissions)
              .where(
                and(
                  inArray(annualSubmissions.enterpriseId, entIds),
                  inArray(annualSubmissions.year, todoYears),
                ),
              )
              .for('update');
      const current = new Map(locked.map((s) => [key(s.enterpriseId, s.year), s]));
      const touch: string[] = [];
      const create: { enterpriseId: string; year: number; status: 'draft' }[] = [];
      for (const p of todo) {
        const s = current.get(key(p.enterpriseId, p.year));
        if (s === undefined) {
          if (p.submission) {
            throw new CpError(
              'VERSION_CONFLICT',
              `annual data ${p.year} was removed while importing: nothing written`,
            );
          }
          create.push({ enterpriseId: p.enterpriseId, year: p.year, status: 'draft' });
          continue;
        }
        if (LOCKED.has(s.status)) {
          throw new CpError(
            'STATE_CONFLICT',
            `annual data ${p.year} was ${s.status} while importing: nothing written`,
          );
        }
        if (s.version !== p.submission?.version) {
          throw new CpError(
            'VERSION_CONFLICT',
            `annual data ${p.year} changed while importing: nothing written, import again`,
          );
        }
        touch.push(s.id);
      }
      for (let i = 0; i < create.length; i += BATCH) {
        await tx.insert(annualSubmissions).values(create.slice(i, i + BATCH));
      }
      // The cp_touch_row trigger bumps `version` (and stamps updated_at) on every update.
      for (let i = 0; i < touch.length; i += BATCH) {
        await tx
          .update(annualSubmissions)
          .set({ updatedAt: now })
          .where(inArray(annualSubmissions.id, touch.slice(i, i + BATCH)));
      }
      onProgress(checked, steps, '写入数据');
      const fresh = todo.flatMap((p) =>
        p.fresh.map((r) => ({
          enterpriseId: p.enterpriseId,
          year: p.year,
          ...r,
          enteredBy: ctx.actor.userId,
          enteredAt: now,
        })),
      );
      const changed = todo.flatMap((p) => p.changed);
      const total = fresh.length + changed.length;
      for (let i = 0; i < fresh.length; i += BATCH) {
        await tx.insert(annualValues).values(fresh.slice(i, i + BATCH));
        onProgress(
          checked + Math.round(((i + BATCH) / Math.max(1, total)) * entries.length),
          steps,
          '写入数据',
        );
      }
      for (const [k, c] of changed.entries()) {
        await tx
          .update(annualValues)
          .set({ ...c.row, enteredBy: ctx.actor.userId, enteredAt: now })
          .where(eq(annualValues.id, c.id));
        if (k % 100 === 0) {
          onProgress(checked + Math.round(((fresh.length + k) / total) * entries.length), steps, '写入数据');
        }
      }
    }),
  );
  return { ok: true, dryRun, problems: [], written: count(plans) };
}

/** Imports an audit-wide workbook: every listed enterprise the caller sees is a valid row key. */
export async function importAuditWorkbook(
  ctx: ServiceContext,
  deps: WorkbookDeps,
  auditId: string,
  parts: AsyncIterable<WorkbookPart>,
  dryRun: boolean,
): Promise<ImportResult> {
  const built = await auditSpec(ctx, auditId);
  const bytes = await readUpload(parts, deps.maxUploadBytes);
  return importEntries(ctx, built, bytes, deps, dryRun);
}

/** Imports one enterprise's workbook (with the audit it was made for, or the last ten years and every system). */
export async function importEnterpriseWorkbook(
  ctx: ServiceContext,
  deps: WorkbookDeps,
  enterpriseId: string,
  auditId: string | undefined,
  parts: AsyncIterable<WorkbookPart>,
  dryRun: boolean,
): Promise<ImportResult> {
  const built = auditId
    ? await auditSpec(ctx, auditId, enterpriseId)
    : await enterpriseSpec(ctx, enterpriseId);
  const ent = built.enterprises[0];
  if (!ent?.writable) {
    throw new CpError(
      'FORBIDDEN',
      `you can see enterprise ${ent?.name ?? enterpriseId} but not enter data for it`,
    );
  }
  const bytes = await readUpload(parts, deps.maxUploadBytes);
  return importEntries(ctx, built, bytes, deps, dryRun);
}

/** For the CLI and the bench: the same import from bytes already read. */
export async function importWorkbookBytes(
  ctx: ServiceContext,
  deps: WorkbookDeps,
  target: { auditId: string; enterpriseId?: string | undefined } | { enterpriseId: string },
  bytes: Uint8Array,
  dryRun: boolean,
  onProgress?: ImportProgress,
): Promise<ImportResult> {
  const built =
    'auditId' in target
      ? await auditSpec(ctx, target.auditId, target.enterpriseId)
      : await enterpriseSpec(ctx, target.enterpriseId);
  return importEntries(ctx, built, bytes, deps, dryRun, onProgress);
}

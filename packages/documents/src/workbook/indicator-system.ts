/**
 * Indicator systems (清洁生产评价指标体系) as an .xlsx: a template (blank, or filled with an existing system) and its
 * import into the core's `indicatorSystemSchema`, the same format the JSON import takes, so both imports apply the
 * same checks (Σ weights = 1, benchmarks ordered with the direction, unique ids). Problems name the sheet, row and
 * cell; the schema's own messages are kept (they say which rule failed).
 *
 * Sheets: 体系 (one field per row: 代码, 名称, 适用行业, …) and 指标 (one row per 二级指标, with its 一级指标 code, name
 * and weight repeated on each row of the group).
 */
import { type IndicatorSystem, indicatorSystemSchema, sharedPoolKey } from '@cpaudit/core';
import ExcelJS from 'exceljs';
import { validations } from './data.ts';
import { type InspectLimits, inspectXlsx, type WorkbookProblem } from './inspect.ts';
import { columnLetter } from './layout.ts';

const SYSTEM_SHEET = '体系';
const INDICATOR_SHEET = '指标';
const FONT = 'Microsoft YaHei';
const STATUSES = [
  'seed',
  'verified-page',
  'verified-cross-checked',
  'code-only',
  'unverified',
  'user',
] as const;

interface Field {
  key: string;
  label: string;
  help: string;
  required: boolean;
}

const SYSTEM_FIELDS: readonly Field[] = [
  {
    key: 'id',
    label: '体系代码',
    help: '唯一代码，如 electroplating-2015-table1；同代码再次导入即为新修订版',
    required: true,
  },
  {
    key: 'name',
    label: '体系名称',
    help: '如：电镀行业清洁生产评价指标体系（2015）表1 综合电镀',
    required: true,
  },
  {
    key: 'industry',
    label: '适用行业代码',
    help: 'GB/T 4754-2017 行业代码，多个用逗号分隔，如 3360',
    required: true,
  },
  { key: 'year', label: '发布年份', help: '四位年份', required: true },
  { key: 'version', label: '版本', help: '可留空', required: false },
  {
    key: 'issuer',
    label: '发布单位',
    help: '如：国家发展改革委、生态环境部、工业和信息化部',
    required: true,
  },
  { key: 'source.document', label: '来源文件', help: '标准或文件名称', required: true },
  { key: 'source.clause', label: '条款 / 表号', help: '可留空', required: false },
  { key: 'source.url', label: '网址', help: '可留空', required: false },
  { key: 'source.status', label: '核实状态', help: STATUSES.join(' / '), required: true },
  { key: 'source.note', label: '说明', help: '可留空', required: false },
  { key: 'levelNames.I', label: 'Ⅰ级名称', help: '可留空（默认：国际清洁生产领先水平）', required: false },
  { key: 'levelNames.II', label: 'Ⅱ级名称', help: '可留空（默认：国内清洁生产先进水平）', required: false },
  { key: 'levelNames.III', label: 'Ⅲ级名称', help: '可留空（默认：国内清洁生产一般水平）', required: false },
];

interface IndicatorColumn {
  key: string;
  header: string;
  width: number;
  list?: readonly string[];
}

const COLUMNS: readonly IndicatorColumn[] = [
  { key: 'groupId', header: '一级指标代码', width: 18 },
  { key: 'groupName', header: '一级指标名称', width: 18 },
  { key: 'groupWeight', header: '一级指标权重 w', width: 12 },
  { key: 'id', header: '二级指标代码', width: 22 },
  { key: 'name', header: '二级指标名称', width: 30 },
  { key: 'kind', header: '类型', width: 8, list: ['定量', '定性'] },
  { key: 'unit', header: '单位', width: 10 },
  { key: 'direction', header: '方向', width: 12, list: ['≤ 越小越好', '≥ 越大越好'] },
  { key: 'weight', header: '二级指标权重 ω', width: 12 },
  { key: 'pool', header: '共享权重池（可留空）', width: 18 },
  { key: 'limiting', header: '限定性指标', width: 10, list: ['是', '否'] },
  { key: 'I', header: 'Ⅰ级基准值', width: 24 },
  { key: 'II', header: 'Ⅱ级基准值', width: 24 },
  { key: 'III', header: 'Ⅲ级基准值', width: 24 },
  { key: 'status', header: '核实状态', width: 16, list: STATUSES },
  { key: 'note', header: '备注', width: 30 },
];

function colOf(key: string): number {
  return COLUMNS.findIndex((c) => c.key === key) + 1;
}

function header(cell: ExcelJS.Cell): void {
  cell.font = { name: FONT, bold: true, size: 10 };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
}

function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** The template, blank or filled with `system` (an export of it that imports back equal). */
export async function buildIndicatorSystemWorkbook(system?: IndicatorSystem): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cpaudit';
  const info = wb.addWorksheet('填表说明');
  info.columns = [{ width: 100 }];
  for (const line of [
    '清洁生产评价指标体系 导入模板',
    '',
    '1. ‘体系’表填写体系的基本信息，‘指标’表每行一个二级指标，所属一级指标的代码、名称和权重在同组每行重复填写。',
    '2. 权重：同一一级指标下二级指标权重之和为 1，各一级指标权重之和为 1（计算方法：《清洁生产评价指标体系编制通则》（试行稿）2013）。',
    '3. 共享权重池：若干指标平分一个总权重（如电镀各镀种金属利用率平分 0.8），在“共享权重池”填同一名称，“二级指标权重”填该池的总权重。',
    '4. 定量指标填写单位、方向（≤ 越小越好：消耗、产生量；≥ 越大越好：利用率）和各级基准数值；定性指标在各级基准中填写要求文字。',
    '5. 只填数值和文字，不要填公式。导入时全部检查，任何一处有问题都不会导入，并列出所在工作表、行和列。',
  ]) {
    info.addRow([line]).getCell(1).alignment = { wrapText: true };
  }
  info.getCell('A1').font = { name: FONT, bold: true, size: 14 };

  const ws = wb.addWorksheet(SYSTEM_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [{ width: 16 }, { width: 60 }, { width: 60 }];
  const head = ws.addRow(['项目', '内容', '说明']);
  head.eachCell((c) => {
    header(c);
  });
  for (const f of SYSTEM_FIELDS) {
    const raw = system ? get(system, f.key) : undefined;
    const value = Array.isArray(raw) ? raw.join(',') : (raw as string | number | undefined);
    const row = ws.addRow([f.required ? `${f.label} *` : f.label, value ?? null, f.help]);
    row.getCell(3).font = { name: FONT, size: 9, color: { argb: 'FF808080' } };
    if (f.key === 'source.status') {
      row.getCell(2).dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: [`"${STATUSES.join(',')}"`],
      };
    }
  }

  const ind = wb.addWorksheet(INDICATOR_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 4 }] });
  ind.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const h = ind.getRow(1);
  COLUMNS.forEach((c, i) => {
    const cell = h.getCell(i + 1);
    cell.value = c.header;
    header(cell);
  });
  h.height = 32;
  for (const g of system?.groups ?? []) {
    for (const x of g.indicators) {
      const shared = typeof x.weight === 'number' ? null : x.weight;
      ind.addRow({
        groupId: g.id,
        groupName: g.name,
        groupWeight: g.weight,
        id: x.id,
        name: x.name,
        kind: x.kind === 'quantitative' ? '定量' : '定性',
        unit: x.unit ?? null,
        direction: x.direction === undefined ? null : x.direction === 'le' ? '≤ 越小越好' : '≥ 越大越好',
        weight: shared ? shared.shared : x.weight,
        pool: shared ? sharedPoolKey(shared) : null,
        limiting: x.limiting ? '是' : '否',
        I: x.benchmarks.I ?? null,
        II: x.benchmarks.II ?? null,
        III: x.benchmarks.III ?? null,
        status: x.status,
        note: x.note ?? null,
      });
    }
  }
  COLUMNS.forEach((c, i) => {
    if (!c.list) return;
    const letter = columnLetter(i + 1);
    validations(ind).add(`${letter}2:${letter}1000`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.list.join(',')}"`],
    });
  });
  ind.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface ParsedIndicatorSystem {
  ok: boolean;
  problems: WorkbookProblem[];
  /** The system, checked with `indicatorSystemSchema`; null when a problem was found. */
  system: IndicatorSystem | null;
}

function text(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && 'richText' in v)
    return (
      v.richText
        .map((r) => r.text)
        .join('')
        .trim() || undefined
    );
  const t = String(cell.text ?? v).trim();
  return t === '' ? undefined : t;
}

function num(cell: ExcelJS.Cell): number | string | undefined {
  const v = cell.value;
  if (typeof v === 'number') return v;
  const t = text(cell);
  if (t === undefined) return undefined;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : t;
}

/** Reads an indicator-system workbook into the core's format; every problem with its cell. */
export async function parseIndicatorSystemWorkbook(
  bytes: Uint8Array,
  limits: InspectLimits,
): Promise<ParsedIndicatorSystem> {
  const refused = await inspectXlsx(bytes, limits);
  if (refused.length > 0) return { ok: false, problems: refused, system: null };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return {
      ok: false,
      system: null,
      problems: [
        {
          sheet: null,
          row: null,
          cell: null,
          field: null,
          message: '文件已损坏，无法读取：请重新保存为 .xlsx 后再上传',
        },
      ],
    };
  }
  const problems: WorkbookProblem[] = [];
  const at = (
    sheet: string,
    cell: ExcelJS.Cell | null,
    row: number | null,
    field: string | null,
    msg: string,
  ) => {
    const where = cell
      ? `第 ${cell.row} 行 ${cell.address.replace(/\d+$/, '')} 列`
      : row
        ? `第 ${row} 行`
        : '';
    problems.push({
      sheet,
      row: cell ? Number(cell.row) : row,
      cell: cell?.address ?? null,
      field,
      message: `‘${sheet}’表${where}：${msg}`,
    });
  };
  for (const w of wb.worksheets) {
    w.eachRow((r) => {
      r.eachCell((c) => {
        if (c.type === ExcelJS.ValueType.Formula) at(w.name, c, null, null, '含公式，请改为数值或文字');
      });
    });
  }
  const ws = wb.getWorksheet(SYSTEM_SHEET);
  const ind = wb.getWorksheet(INDICATOR_SHEET);
  if (!ws || !ind) {
    return {
      ok: false,
      system: null,
      problems: [
        ...problems,
        {
          sheet: null,
          row: null,
          cell: null,
          field: null,
          message: `缺少工作表‘${SYSTEM_SHEET}’或‘${INDICATOR_SHEET}’：请使用平台下载的指标体系模板`,
        },
      ],
    };
  }
  // 体系: rows by label (the label column may carry a trailing “ *”).
  const json: Record<string, unknown> = { method: 'ygk-2013' };
  const fieldCells = new Map<string, ExcelJS.Cell>();
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const label = text(row.getCell(1))?.replace(/\s*\*$/, '');
    const f = SYSTEM_FIELDS.find((x) => x.label === label);
    if (!f) return;
    const cell = row.getCell(2);
    fieldCells.set(f.key, cell);
    const v = f.key === 'year' ? num(cell) : text(cell);
    if (v === undefined) {
      if (f.required) at(SYSTEM_SHEET, cell, null, f.key, `请填写“${f.label}”`);
      return;
    }
    const parts = f.key.split('.');
    let target = json;
    for (const p of parts.slice(0, -1)) {
      target[p] = (target[p] as Record<string, unknown> | undefined) ?? {};
      target = target[p] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1] ?? f.key;
    target[last] =
      f.key === 'industry'
        ? String(v)
            .split(/[,，、\s]+/)
            .filter((s) => s !== '')
        : v;
  });
  for (const f of SYSTEM_FIELDS) {
    if (f.required && !fieldCells.has(f.key)) at(SYSTEM_SHEET, null, null, f.key, `缺少“${f.label}”一行`);
  }
  // 指标: one row per indicator, grouped by 一级指标代码 in order of appearance.
  const groups: { id: string; name: unknown; weight: unknown; indicators: unknown[]; rows: number[] }[] = [];
  ind.eachRow((row, n) => {
    if (n === 1) return;
    const c = (k: string) => row.getCell(colOf(k));
    if (COLUMNS.every((col) => text(row.getCell(colOf(col.key))) === undefined)) return;
    const gid = text(c('groupId'));
    if (gid === undefined) {
      at(INDICATOR_SHEET, c('groupId'), null, 'groupId', '请填写一级指标代码');
      return;
    }
    let g = groups.find((x) => x.id === gid);
    if (!g) {
      g = { id: gid, name: text(c('groupName')), weight: num(c('groupWeight')), indicators: [], rows: [] };
      groups.push(g);
    } else {
      const w = num(c('groupWeight'));
      if (w !== undefined && w !== g.weight) {
        at(
          INDICATOR_SHEET,
          c('groupWeight'),
          null,
          'groupWeight',
          `一级指标“${gid}”的权重与本组第一行（${String(g.weight)}）不一致`,
        );
      }
    }
    const kindText = text(c('kind'));
    const kind = kindText === '定量' ? 'quantitative' : kindText === '定性' ? 'qualitative' : undefined;
    if (kind === undefined) at(INDICATOR_SHEET, c('kind'), null, 'kind', '类型请选择“定量”或“定性”');
    const dirText = text(c('direction'));
    const direction = dirText?.startsWith('≤') ? 'le' : dirText?.startsWith('≥') ? 'ge' : undefined;
    if (dirText !== undefined && direction === undefined) {
      at(INDICATOR_SHEET, c('direction'), null, 'direction', '方向请选择“≤ 越小越好”或“≥ 越大越好”');
    }
    const limitingText = text(c('limiting'));
    if (limitingText !== undefined && limitingText !== '是' && limitingText !== '否') {
      at(INDICATOR_SHEET, c('limiting'), null, 'limiting', '限定性指标请选择“是”或“否”');
    }
    const weight = num(c('weight'));
    const pool = text(c('pool'));
    const bench = (k: 'I' | 'II' | 'III') => (kind === 'quantitative' ? num(c(k)) : text(c(k)));
    const benchmarks: Record<string, unknown> = {};
    for (const k of ['I', 'II', 'III'] as const) {
      const v = bench(k);
      if (v !== undefined) benchmarks[k] = v;
    }
    const unit = text(c('unit'));
    const note = text(c('note'));
    g.indicators.push({
      id: text(c('id')),
      name: text(c('name')),
      kind,
      ...(unit !== undefined ? { unit } : {}),
      ...(direction !== undefined ? { direction } : {}),
      weight: pool !== undefined ? { shared: weight, splitAmongApplicable: true, pool } : weight,
      limiting: limitingText === '是',
      status: text(c('status')) ?? 'user',
      ...(note !== undefined ? { note } : {}),
      benchmarks,
    });
    g.rows.push(n);
  });
  json.groups = groups.map(({ rows: _rows, ...g }) => g);
  const parsed = indicatorSystemSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, gi, sub, ii, field, ...rest] = issue.path.map(String);
      if (head === 'groups' && gi !== undefined) {
        const g = groups[Number(gi)];
        const rowNo = sub === 'indicators' && ii !== undefined ? g?.rows[Number(ii)] : g?.rows[0];
        // The column of the field at fault: an indicator's own field (benchmarks by level), else the group's.
        const indicatorField = field === 'benchmarks' ? (rest[0] ?? 'I') : (field ?? 'id');
        const realCol =
          sub === 'indicators'
            ? COLUMNS.some((c) => c.key === indicatorField)
              ? indicatorField
              : 'id'
            : sub === 'weight'
              ? 'groupWeight'
              : sub === 'name'
                ? 'groupName'
                : 'groupId';
        if (rowNo !== undefined) {
          at(
            INDICATOR_SHEET,
            ind.getRow(rowNo).getCell(colOf(realCol)),
            null,
            issue.path.join('.'),
            issue.message,
          );
          continue;
        }
      }
      const fieldKey = issue.path.map(String).join('.');
      const cell = fieldCells.get(fieldKey) ?? fieldCells.get(String(issue.path[0] ?? '')) ?? null;
      at(head === 'groups' ? INDICATOR_SHEET : SYSTEM_SHEET, cell, null, fieldKey || null, issue.message);
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems, system: null };
  return { ok: true, problems: [], system: parsed.data };
}

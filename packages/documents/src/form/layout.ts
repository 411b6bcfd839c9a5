/**
 * The Guangdong performance form as a grid of rows and merged cells, in the official form's order
 * (spec/guangdong-performance-form.zh.txt): one layout, rendered to .xlsx (xlsx.ts) and .docx (docx.ts), so both
 * files show the same form. A grid of 10 columns fits every block of the form:
 * - 企业基本情况: label A:C, value D:J; paired rows label A:C | value D:E | label F:G | value H:J;
 * - 重点方案简介: 方案名称 A:B | 方案类别 C | 方案要点 D:F | 环境效益 G:H | 经济效益 I | 实际投入 J;
 * - 目标完成情况 and 清洁生产水平评价: A:D | E:F | G:H | I:J;
 * - 方案汇总: corner A:D, six columns E–J;
 * - 环境效益汇总: corner A, nine columns B–J (the `……` column, note 12, lists the further pollutants);
 * - 资源能源节约与经济效益汇总: corner A, 节水 B, 节电 C, 节电的碳减排量 D, 节煤 E, …… F:H, 碳减排总量 I, 经济效益 J.
 * Numbers stay numbers (value + decimals + unit) until a renderer formats them.
 */
import {
  CO2_PER_TCE,
  GD_GAS_COEFFICIENT_DEFAULT,
  GD_OIL_COEFFICIENT,
  type GdColumn,
  type GdRow,
} from '@cpaudit/core';
import {
  checkbox,
  GD_AUDIT_METHOD_CHOICES,
  GD_FORM_ANNEX,
  GD_FORM_NOTES,
  GD_FORM_TITLE,
  GD_KEY_MONITORING_CHOICES,
  GD_LISTING_REASON_CHOICES,
  GD_OPTION_CATEGORY_LABELS,
  GD_PERMIT_CLASS_CHOICES,
  GD_ROUND_CHOICES,
  type GuangdongFormData,
} from './data.ts';

export const GRID_COLUMNS = 10;
/** Column widths in Excel character units (A is the label / corner column); the .docx uses the same ratios. */
export const GRID_WIDTHS: readonly number[] = [13, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 10.5];

export type CellKind =
  | 'annex'
  | 'title'
  | 'section'
  | 'label'
  | 'head'
  | 'value'
  | 'text'
  | 'note'
  | 'footer';

export interface FormNumber {
  value: number;
  decimals: number;
  /** Shown after the number in the cell, e.g. `万元`. */
  unit?: string;
}

export interface FormCell {
  /** 0-based first column and number of columns. */
  col: number;
  span: number;
  /** Number of rows the cell covers (default 1); the rows below leave those columns out. */
  rowSpan?: number;
  kind: CellKind;
  text?: string;
  number?: FormNumber;
  align?: 'left' | 'center';
}

export interface FormRow {
  cells: FormCell[];
  /** Inside the bordered table (false for the title, the footer line and the notes). */
  boxed: boolean;
}

export interface FormLayout {
  rows: FormRow[];
  /** 0-based index of the title row (repeated on every printed page). */
  titleRow: number;
}

/** The fewest decimals (≤ max) that show `value` as it would show with `max` decimals. */
export function decimalsFor(value: number, max: number): number {
  const target = value.toFixed(max);
  for (let d = 0; d < max; d++) if (Number(value.toFixed(d)) === Number(target)) return d;
  return max;
}

/** `12,345.6` — thousands separators, `decimals` digits. */
export function formatNumber(n: FormNumber): string {
  const s = n.value.toLocaleString('en-US', {
    minimumFractionDigits: n.decimals,
    maximumFractionDigits: n.decimals,
  });
  const shown = s === '-0' ? '0' : s;
  return n.unit ? `${shown} ${n.unit}` : shown;
}

function num(value: number | null, max: number, unit?: string): FormNumber | undefined {
  if (value === null || !Number.isFinite(value)) return undefined;
  return { value, decimals: decimalsFor(value, max), ...(unit ? { unit } : {}) };
}

/** Decimals by the unit of a total: kWh and m3 whole, tonnes of pollutant 3, tCO2 and 万元 2. */
function maxDecimals(unit: string): number {
  if (unit === 'kWh/a' || unit === 'm3/a') return 0;
  if (unit === 'tCO2/a' || unit.startsWith('万元')) return 2;
  return 3;
}

function dateText(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function text(s: string | null | undefined): string {
  return s ?? '';
}

function choices<T extends string>(options: readonly { value: T; label: string }[], on: (v: T) => boolean) {
  return options.map((o) => checkbox(on(o.value), o.label));
}

class Builder {
  readonly rows: FormRow[] = [];
  row(cells: FormCell[], boxed = true): void {
    this.rows.push({ cells, boxed });
  }
  section(title: string): void {
    this.row([{ col: 0, span: GRID_COLUMNS, kind: 'section', text: title, align: 'left' }]);
  }
  /** label A:C, value D:J. */
  single(label: string, value: string | FormNumber | undefined, rowSpan?: number): void {
    this.row([
      { col: 0, span: 3, kind: 'label', text: label, ...(rowSpan ? { rowSpan } : {}) },
      valueCell(3, 7, value),
    ]);
  }
  /** label A:C | value D:E | label F:G | value H:J. */
  pair(l1: string, v1: string | FormNumber | undefined, l2: string, v2: string | FormNumber | undefined) {
    this.row([
      { col: 0, span: 3, kind: 'label', text: l1 },
      valueCell(3, 2, v1),
      { col: 5, span: 2, kind: 'label', text: l2 },
      valueCell(7, 3, v2),
    ]);
  }
}

function valueCell(col: number, span: number, v: string | FormNumber | undefined): FormCell {
  if (v === undefined) return { col, span, kind: 'value', text: '' };
  if (typeof v === 'string') return { col, span, kind: 'value', text: v, align: 'left' };
  return { col, span, kind: 'value', number: v };
}

function head(col: number, span: number, t: string): FormCell {
  return { col, span, kind: 'head', text: t };
}

function basicInfo(b: Builder, d: GuangdongFormData): void {
  b.section('企业基本情况');
  b.single('企业名称（盖章）', d.enterpriseName);
  const industry = d.industryGroup
    ? `${d.industryGroup.code} ${d.industryGroup.name}（行业代码 ${d.industryCode}）`
    : d.industryCode;
  b.pair('生产经营场所地址', text(d.address), '行业代码及类别[1]', industry);
  b.pair(
    '年工业总产值[2]（万元）',
    num(d.grossOutput_wanYuan, 2),
    '年工业增加值[3]（万元）',
    num(d.valueAdded_wanYuan, 2),
  );
  b.single(
    '是否位于工业园区[4]内',
    `${checkbox(d.inIndustrialPark, '是，园区名称：')}${d.inIndustrialPark ? text(d.industrialParkName) : ''}        ${checkbox(!d.inIndustrialPark, '否')}`,
  );
  // 环境监管重点单位[5]: the label spans the yes/no line and the six types (two per line, as printed).
  b.single(
    '环境监管重点单位[5]',
    `${checkbox(d.keyMonitoringUnit, '是')}                        ${checkbox(!d.keyMonitoringUnit, '否')}`,
    2,
  );
  const types = choices(GD_KEY_MONITORING_CHOICES, (v) => d.keyMonitoringTypes.includes(v));
  b.row([
    valueCell(
      3,
      7,
      [0, 2, 4].map((i) => `${(types[i] ?? '').padEnd(16, '　')}${types[i + 1] ?? ''}`).join('\n'),
    ),
  ]);
  b.pair(
    '排污许可管理类别[6]',
    choices(GD_PERMIT_CLASS_CHOICES, (v) => v === d.permitClass).join('\n'),
    '审核方式',
    choices(GD_AUDIT_METHOD_CHOICES, (v) => v === d.auditMethod).join('\n'),
  );
  const reasons = choices(GD_LISTING_REASON_CHOICES, (v) => d.listingReasons.includes(v));
  const other = d.listingReasons.includes('other') ? text(d.listingReasonOther) : '';
  b.single('纳入名单原因', `${reasons[0]} ${reasons[1]}\n${reasons[2]}  ${reasons[3]}${other}`);
  const last =
    d.lastAcceptanceYear === null
      ? '上一轮审核验收通过时间：      年      月'
      : `上一轮审核验收通过时间：${d.lastAcceptanceYear}年${d.lastAcceptanceMonth === null ? '      ' : d.lastAcceptanceMonth}月`;
  b.single('本轮清洁生产审核轮次', `${choices(GD_ROUND_CHOICES, (v) => v === d.round).join('   ')}\n${last}`);
  b.pair('企业清洁生产负责人', text(d.cpLeadName), '联系方式', text(d.cpLeadPhone));
  b.single('咨询服务机构名称', text(d.consultingFirmName));
  b.pair('咨询服务机构联系人', text(d.consultantContactName), '联系方式', text(d.consultantContactPhone));
  b.pair('启动审核时间', dateText(d.startedOn), '完成审核时间', dateText(d.finishedOn));
  b.pair(
    '本轮清洁生产审核培训、宣传总次数',
    num(d.trainingEvents, 0),
    '培训总人数/人次',
    num(d.trainingAttendance, 0),
  );
  // 主要产品及年产量[7]: two products per line; at least two lines as printed (note 7: add lines as needed).
  const lines = Math.max(2, Math.ceil(d.products.length / 2));
  b.row([
    { col: 0, span: 3, kind: 'label', text: '主要产品及年产量[7]', rowSpan: lines + 1 },
    head(3, 2, '产品名称'),
    head(5, 2, '年产量'),
    head(7, 2, '产品名称'),
    head(9, 1, '年产量'),
  ]);
  for (let i = 0; i < lines; i++) {
    const [p, q] = [d.products[2 * i], d.products[2 * i + 1]];
    b.row([
      valueCell(3, 2, p?.name ?? ''),
      valueCell(5, 2, p ? num(p.output, 3, p.unit ?? undefined) : undefined),
      valueCell(7, 2, q?.name ?? ''),
      valueCell(9, 1, q ? num(q.output, 3, q.unit ?? undefined) : undefined),
    ]);
  }
  b.single('本轮审核重点[8]', text(d.auditFocus));
}

function keyOptions(b: Builder, d: GuangdongFormData): void {
  b.section('本轮清洁生产重点方案简介');
  b.row([
    head(0, 2, '方案名称'),
    head(2, 1, '方案类别[9]'),
    head(3, 3, '方案要点[10]'),
    head(6, 2, '环境效益'),
    head(8, 1, '经济效益'),
    head(9, 1, '实际投入'),
  ]);
  const rows = d.keyOptions.length > 0 ? d.keyOptions : [null, null];
  for (const o of rows) {
    b.row([
      valueCell(0, 2, o?.name ?? ''),
      { col: 2, span: 1, kind: 'value', text: o?.category ? GD_OPTION_CATEGORY_LABELS[o.category] : '' },
      valueCell(3, 3, text(o?.keyPoints)),
      valueCell(6, 2, text(o?.environmentalBenefit)),
      valueCell(8, 1, text(o?.economicBenefit)),
      valueCell(9, 1, o ? num(o.investmentActual_wanYuan, 2, '万元') : undefined),
    ]);
  }
}

function targets(b: Builder, d: GuangdongFormData): void {
  b.section('本轮清洁生产目标完成情况[11]');
  b.row([
    head(0, 4, '指标名称（单位）'),
    head(4, 2, '审核前'),
    head(6, 2, '审核后'),
    head(8, 2, '近期目标值'),
  ]);
  const rows = d.targets.length > 0 ? d.targets : [null, null];
  for (const t of rows) {
    b.row([
      valueCell(0, 4, t ? `${t.indicator}（${t.unit}）` : ''),
      valueCell(4, 2, t ? num(t.before, 4) : undefined),
      valueCell(6, 2, t ? num(t.after, 4) : undefined),
      valueCell(8, 2, t ? num(t.nearTermTarget, 4) : undefined),
    ]);
  }
}

function optionSummary(b: Builder, d: GuangdongFormData): void {
  const s = d.totals.optionSummary;
  b.section('本轮清洁生产方案汇总');
  // The corner cell 方案 / 个数与投资 / 方案类型 spans the two header lines, as printed.
  b.row([
    { col: 0, span: 4, rowSpan: 2, kind: 'head', text: '方案\n个数与投资        方案类型' },
    head(4, 3, '提出的清洁生产方案'),
    head(7, 3, '实施的清洁生产方案'),
  ]);
  const groups = ['重点方案', '一般方案', '合计'];
  b.row(groups.flatMap((g, i) => [head(4 + i, 1, g), head(7 + i, 1, g)]).sort((x, y) => x.col - y.col));
  const keys = ['key', 'general', 'total'] as const;
  const line = (
    label: string,
    pick: (c: { count: number; investment_wanYuan: number }) => number,
    max: number,
  ) =>
    b.row([
      { col: 0, span: 4, kind: 'label', text: label },
      ...keys.map((k, i) => valueCell(4 + i, 1, num(pick(s.proposed[k]), max))),
      ...keys.map((k, i) => valueCell(7 + i, 1, num(pick(s.implemented[k]), max))),
    ]);
  line('方案个数（个）', (c) => c.count, 0);
  line('投资（万元）', (c) => c.investment_wanYuan, 2);
}

/** The `……` cell of a summary row: the further items of that row, one per line (notes 12, 13). */
function ellipsisText(
  columns: readonly GdColumn[],
  row: GdRow,
  rows: readonly GdRow[],
  separator: string,
): string {
  return columns
    .filter((c) => !c.printed && rows.some((r) => (r.values[c.key] ?? 0) !== 0))
    .map((c) => {
      const v = row.values[c.key] ?? 0;
      const shown = formatNumber({ value: v, decimals: decimalsFor(v, maxDecimals(c.unit)) });
      if (separator === '\n') {
        // Stacked in a narrow cell: the name, then the figure with the unit of the label (`VOCs` / `0.4 吨/年`).
        const m = /^(.*)（([^）]*)）$/.exec(c.label);
        return m ? `${m[1]}\n${shown} ${m[2]}` : `${c.label}\n${shown}`;
      }
      return `${c.label}${separator}${shown}`;
    })
    .join('\n');
}

function environmental(b: Builder, d: GuangdongFormData): void {
  const env = d.totals.environmentalSummary;
  b.section('环境效益汇总');
  const printed = env.columns.filter((c) => c.printed);
  const before = printed.slice(0, 5);
  const after = printed.slice(5);
  b.row([
    head(0, 1, '方案类型\n污染物减排'),
    ...before.map((c, i) => head(1 + i, 1, c.label)),
    head(6, 1, '……[12]'),
    ...after.map((c, i) => head(7 + i, 1, c.label)),
  ]);
  for (const r of env.rows) {
    const cell = (c: GdColumn, col: number) =>
      valueCell(col, 1, num(r.values[c.key] ?? 0, maxDecimals(c.unit)));
    b.row([
      { col: 0, span: 1, kind: 'label', text: r.label },
      ...before.map((c, i) => cell(c, 1 + i)),
      { col: 6, span: 1, kind: 'value', text: ellipsisText(env.columns, r, env.rows, '\n') },
      ...after.map((c, i) => cell(c, 7 + i)),
    ]);
  }
}

const SAVINGS_PLACES: Readonly<Record<string, { col: number; span: number }>> = {
  water: { col: 1, span: 1 },
  electricity: { col: 2, span: 1 },
  'electricity-co2': { col: 3, span: 1 },
  coal: { col: 4, span: 1 },
  'co2-total': { col: 8, span: 1 },
  'economic-benefit': { col: 9, span: 1 },
};
/** The `……` column of 资源能源节约与经济效益汇总 (note 13): wide, it lists the further savings and their CO2. */
const SAVINGS_ELLIPSIS = { col: 5, span: 3 };

function savings(b: Builder, d: GuangdongFormData): void {
  const sv = d.totals.savingsSummary;
  b.section('资源能源节约与经济效益汇总');
  const printed = sv.columns.filter((c) => c.printed);
  const at = (c: GdColumn) => SAVINGS_PLACES[c.key] ?? SAVINGS_ELLIPSIS;
  const headerLabel = (c: GdColumn) =>
    c.key === 'co2-total' ? `${c.label}[14]` : c.key === 'economic-benefit' ? `${c.label}[15]` : c.label;
  b.row(
    [
      head(0, 1, '方案类型\n资源能源节约'),
      ...printed.map((c) => head(at(c).col, at(c).span, headerLabel(c))),
      head(SAVINGS_ELLIPSIS.col, SAVINGS_ELLIPSIS.span, '……[13]'),
    ].sort((x, y) => x.col - y.col),
  );
  for (const r of sv.rows) {
    // Other resources (note 13 `……`), each in its own unit; the 合计 row adds key and general per name and unit.
    const sums = new Map<string, { name: string; unit: string; quantity: number }>();
    for (const o of sv.otherResources) {
      if (o.row !== r.key && r.key !== 'total') continue;
      const k = `${o.name}\u0000${o.unit}`;
      const prev = sums.get(k);
      sums.set(k, { name: o.name, unit: o.unit, quantity: (prev?.quantity ?? 0) + o.quantity });
    }
    const others = [...sums.values()].map(
      (o) =>
        `${o.name}：${formatNumber({ value: o.quantity, decimals: decimalsFor(o.quantity, 3), unit: o.unit })}`,
    );
    const extra = [ellipsisText(sv.columns, r, sv.rows, '：'), ...others].filter((s) => s !== '').join('\n');
    const cells: FormCell[] = [
      { col: 0, span: 1, kind: 'label', text: r.label },
      ...printed.map((c) => valueCell(at(c).col, at(c).span, num(r.values[c.key] ?? 0, maxDecimals(c.unit)))),
      { ...SAVINGS_ELLIPSIS, kind: 'value', text: extra, align: 'left' },
    ];
    b.row(cells.sort((x, y) => x.col - y.col));
  }
}

function cpLevel(b: Builder, d: GuangdongFormData): void {
  const c = d.cpLevel;
  b.section('清洁生产水平评价（清洁生产等级）');
  b.row([
    { col: 0, span: GRID_COLUMNS, kind: 'head', text: '已经发布清洁生产评价指标体系的行业', align: 'left' },
  ]);
  b.row([head(0, 4, ''), head(4, 2, '审核前'), head(6, 2, '审核后'), head(8, 2, '备注')]);
  b.row([
    { col: 0, span: 4, kind: 'label', text: '综合评价指数' },
    valueCell(4, 2, num(c.before?.index ?? null, 2)),
    valueCell(6, 2, num(c.after?.index ?? null, 2)),
    { ...valueCell(8, 2, text(c.remark)), rowSpan: 2 },
  ]);
  b.row([
    { col: 0, span: 4, kind: 'label', text: '清洁生产等级' },
    { col: 4, span: 2, kind: 'value', text: text(c.before?.grade) },
    { col: 6, span: 2, kind: 'value', text: text(c.after?.grade) },
  ]);
  b.row([
    { col: 0, span: GRID_COLUMNS, kind: 'head', text: '未发布清洁生产评价指标体系的行业[16]', align: 'left' },
  ]);
  b.row([valueCell(0, GRID_COLUMNS, text(c.description))]);
}

/** What the platform computed the CO2 with, and what 其他减排量 is made of: under the notes, for the reader. */
function basis(d: GuangdongFormData): string[] {
  const g = d.gridFactor;
  const src = [g.source.document, g.source.clause].filter(Boolean).join(' ');
  const lines = [
    `节电的碳减排量：${g.region}${g.dataYear > 0 ? ` ${g.dataYear}年` : ''}电网排放因子 ${g.value_tCO2PerMWh} tCO2/MWh（${src}；核实状态：${g.source.status}${g.note ? `；${g.note}` : ''}）。`,
    `节煤、节油、节天然气的碳减排量：标准煤 ${CO2_PER_TCE.value} ${CO2_PER_TCE.unit}（注13），原油 ${GD_OIL_COEFFICIENT.value} ${GD_OIL_COEFFICIENT.unit}，天然气 ${GD_GAS_COEFFICIENT_DEFAULT.value} ${GD_GAS_COEFFICIENT_DEFAULT.unit}（GB/T 2589—2020 表A.1，注13范围内取值）。`,
  ];
  const others = d.totals.environmentalSummary.otherPollutants;
  if (others.length > 0) {
    const label = { key: '重点方案', general: '一般方案', total: '合计' } as Record<string, string>;
    lines.push(
      `其他减排量：${others
        .map(
          (o) =>
            `${label[o.row] ?? o.row} ${o.name} ${formatNumber({ value: o.quantity, decimals: decimalsFor(o.quantity, 3), unit: o.unit })}${o.inOtherColumn ? '' : '（非质量单位，未计入“其他减排量”栏）'}`,
        )
        .join('；')}。`,
    );
  }
  return lines;
}

function filledOnText(iso: string | null): string {
  if (!iso) return '      年    月    日';
  return dateText(iso);
}

/** The whole form, row by row, in the official order. */
export function guangdongFormLayout(d: GuangdongFormData): FormLayout {
  const b = new Builder();
  b.row([{ col: 0, span: GRID_COLUMNS, kind: 'annex', text: GD_FORM_ANNEX, align: 'left' }], false);
  const titleRow = b.rows.length;
  b.row([{ col: 0, span: GRID_COLUMNS, kind: 'title', text: GD_FORM_TITLE }], false);
  basicInfo(b, d);
  keyOptions(b, d);
  targets(b, d);
  optionSummary(b, d);
  environmental(b, d);
  savings(b, d);
  cpLevel(b, d);
  b.row(
    [
      { col: 0, span: 5, kind: 'footer', text: `企业填表人：${text(d.filledByName)}`, align: 'left' },
      { col: 5, span: 5, kind: 'footer', text: `填表时间：${filledOnText(d.filledOn)}`, align: 'left' },
    ],
    false,
  );
  b.row([{ col: 0, span: GRID_COLUMNS, kind: 'note', text: ' *注：', align: 'left' }], false);
  for (const n of GD_FORM_NOTES) {
    b.row([{ col: 0, span: GRID_COLUMNS, kind: 'note', text: n, align: 'left' }], false);
  }
  b.row(
    [{ col: 0, span: GRID_COLUMNS, kind: 'note', text: '计算依据（平台按注13、注14计算）：', align: 'left' }],
    false,
  );
  for (const line of basis(d)) {
    b.row([{ col: 0, span: GRID_COLUMNS, kind: 'note', text: line, align: 'left' }], false);
  }
  return { rows: b.rows, titleRow };
}

/** The text a cell shows (numbers formatted). */
export function cellText(c: FormCell): string {
  return c.number ? formatNumber(c.number) : (c.text ?? '');
}

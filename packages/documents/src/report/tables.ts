/**
 * Tables 6.1, 7.2 and 7.3 of Appendix B, with the headings, merged cells and row order of the guideline's blank
 * tables, filled with the figures given (table 7.2/7.3 are the core's aggregation).
 */
import {
  TABLE72_OTHER_POLLUTANT_HEADERS,
  TABLE72_OTHER_RESOURCES_LABEL,
  TABLE72_ROW_LABELS,
  TABLE72_SECTIONS,
  TABLE73_HEADERS,
  type Table72,
  type Table72Cell,
  type Table73,
} from '@cpaudit/core';
import type { ReportOption } from './data.ts';
import { decimalsForUnit, formatFixed, REPORT_DECIMALS } from './format.ts';
import { type CellSpec, grid, num, SIZE, type TableOptions, td, th, widths } from './layout.ts';
import type { Xml } from './xml.ts';

/** Appendix B 6.1: the header row of 产生清洁生产方案. */
export const TABLE61_HEADERS = [
  '序号',
  '方案类型',
  '方案名称',
  '方案简介',
  '环境或资源能源效益',
  '经济效益',
  '投资费用（万元）',
  '责任单位',
] as const;

/** Appendix B 6.1, the note under the table, as printed. */
export const TABLE61_NOTE =
  '注：方案类型包括原辅料替代、工艺设备改造、过程控制、节能、资源综合利用、末端治理、管理及人员等类型。';

/** A table's cells and layout, before they are written (`grid`). */
export type TableSpec = [rows: CellSpec[][], opts: TableOptions];

/** Table 6.1 on a page `total` twips wide (it is printed on landscape pages). */
export function table61(options: readonly ReportOption[], total: number): Xml {
  return grid(...table61Spec(options, total));
}

export function table61Spec(options: readonly ReportOption[], total: number): TableSpec {
  const rows: CellSpec[][] = [TABLE61_HEADERS.map((h) => th(h))];
  for (const o of options) {
    rows.push([
      td(o.code, { align: 'center' }),
      td(o.typeLabel, { align: 'center' }),
      td(o.name),
      td(o.summary),
      td(o.environmentalBenefit),
      num(
        o.economicBenefit_wanYuanPerYear === null
          ? '—'
          : `${formatFixed(o.economicBenefit_wanYuanPerYear, REPORT_DECIMALS.wanYuan)}万元/年`,
      ),
      num(formatFixed(o.investment_wanYuan, REPORT_DECIMALS.wanYuan)),
      td(o.responsibleUnit),
    ]);
  }
  return [rows, { widths: widths([5, 8, 14, 26, 20, 9, 7, 11], total), size: SIZE.xiaoWu }];
}

/** Table 7.2 grid: the label column and the eight figure columns. */
const T72_WIDTHS = widths([20, 10, 10, 10, 10, 10, 10, 10, 10]);

function value72(cell: Table72Cell): string {
  return formatFixed(cell.value, decimalsForUnit(cell.unit));
}

function otherText(o: { quantity: number; unit: string }): string {
  return `${formatFixed(o.quantity, REPORT_DECIMALS.saving)} ${o.unit}`;
}

/** Appendix B table 7.2 绩效评估, as printed (9 grid columns). */
export function table72(t: Table72): Xml {
  return grid(...table72Spec(t));
}

export function table72Spec(t: Table72): TableSpec {
  const cols = t.columns;
  const rows: CellSpec[][] = [];
  // 方案数量 | 已实施无/低费方案 | 中/高费方案 (已实施, 待实施) | 已实施方案类型数量 (4) | 总计
  rows.push([
    th(TABLE72_SECTIONS.counts, { rowSpan: 2 }),
    th(cols[0].header, { rowSpan: 2 }),
    th(cols[1].header, { span: 2 }),
    th(cols[3].header, { span: 4 }),
    th(cols[7].header, { rowSpan: 2 }),
  ]);
  rows.push([cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]].map((c) => th(c.label)));
  rows.push([
    th(TABLE72_ROW_LABELS.optionCount),
    ...cols.map((c) => num(formatFixed(t.optionCount[c.key], REPORT_DECIMALS.count))),
  ]);
  rows.push([
    th(TABLE72_ROW_LABELS.investment),
    ...cols.map((c) => num(formatFixed(t.investment_wanYuan[c.key], REPORT_DECIMALS.wanYuan))),
  ]);
  rows.push([th(TABLE72_SECTIONS.economic, { span: 9, align: 'left' })]);
  rows.push([
    th(TABLE72_ROW_LABELS.economicBenefit),
    ...cols.map((c) => num(formatFixed(t.economicBenefit_wanYuanPerYear[c.key], REPORT_DECIMALS.wanYuan))),
  ]);
  // 环境效益: two (label, value) pairs per row, in the printed order.
  rows.push([th(TABLE72_SECTIONS.environmental, { span: 9, align: 'left' })]);
  const env = t.environmentalBenefits;
  for (let i = 0; i < env.length; i += 2) {
    const a = env[i];
    const b = env[i + 1];
    if (!a) break;
    rows.push([
      th(a.label, { span: 2 }),
      num(value72(a), { span: 2 }),
      th(b?.label ?? '', { span: 3 }),
      num(b ? value72(b) : '', { span: 2 }),
    ]);
  }
  // 其他污染物减排量: three (污染物, 减排量（单位/年）) pairs per row, at least the two printed rows.
  const others = t.otherPollutants;
  const otherRows = Math.max(2, Math.ceil(others.length / 3));
  const pairSpans = [1, 2, 1, 2, 1, 1];
  rows.push([
    th(TABLE72_SECTIONS.otherPollutants, { rowSpan: otherRows + 1 }),
    ...[0, 1, 2].flatMap((k) =>
      TABLE72_OTHER_POLLUTANT_HEADERS.map((h, j) => th(h, { span: pairSpans[k * 2 + j] ?? 1 })),
    ),
  ]);
  for (let r = 0; r < otherRows; r++) {
    rows.push(
      [0, 1, 2].flatMap((k) => {
        const o = others[r * 3 + k];
        return [
          td(o?.name ?? '', { span: pairSpans[k * 2] ?? 1, align: 'center' }),
          num(o ? otherText(o) : '', { span: pairSpans[k * 2 + 1] ?? 1 }),
        ];
      }),
    );
  }
  // 资源能源节约情况: three (label, value) pairs per row; the last row 节综合能耗 and 其他.
  rows.push([th(TABLE72_SECTIONS.savings, { span: 9, align: 'left' })]);
  const sav = t.resourceEnergySavings;
  // Labels wrap, figures must not: each figure spans two grid columns.
  for (let i = 0; i < 6; i += 3) {
    rows.push(sav.slice(i, i + 3).flatMap((c) => [th(c.label), num(value72(c), { span: 2 })]));
  }
  const ce = sav[6];
  rows.push([
    th(ce?.label ?? ''),
    num(ce ? value72(ce) : '', { span: 2 }),
    th(TABLE72_OTHER_RESOURCES_LABEL),
    td(
      t.otherResources.length === 0
        ? ''
        : t.otherResources.map((o) => `${o.name} ${otherText(o)}`).join('；'),
      {
        span: 5,
      },
    ),
  ]);
  return [rows, { widths: T72_WIDTHS, headerRows: 2, size: SIZE.xiaoWu, keepTogether: true }];
}

/** Appendix B table 7.3 审核目标完成情况. */
export function table73(t: Table73): Xml {
  return grid(...table73Spec(t));
}

export function table73Spec(t: Table73): TableSpec {
  const rows: CellSpec[][] = [TABLE73_HEADERS.map((h) => th(h))];
  for (const r of t.rows) {
    rows.push([th(r.label), td(r.target), td(r.completion)]);
  }
  return [rows, { widths: widths([18, 41, 41]), keepTogether: true }];
}

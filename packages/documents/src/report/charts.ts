/**
 * Charts of the performance phase (Appendix B 7.2) as PNG images: ECharts renders SVG on the server (no DOM), and
 * resvg turns it into PNG with the system's CJK font. The charts plot the figures of table 7.2 as given.
 */

import { createRequire } from 'node:module';
import type { Table72 } from '@cpaudit/core';
import type * as ResvgModule from '@resvg/resvg-js';
import type * as EchartsModule from 'echarts';
import { decimalsForUnit, formatFixed } from './format.ts';

/**
 * ECharts and resvg are loaded on the first chart, not when the server starts: importing ECharts' ES modules costs
 * 2–4 s of every server start (hundreds of files through the loader), its single-file CommonJS build under 1 s,
 * once, at the first report (the build ECharts documents for server-side rendering in Node).
 */
const requireHere = createRequire(import.meta.url);
let libraries: { echarts: typeof EchartsModule; Resvg: typeof ResvgModule.Resvg } | undefined;
function chartLibraries(): NonNullable<typeof libraries> {
  libraries ??= {
    echarts: requireHere('echarts') as typeof EchartsModule,
    Resvg: (requireHere('@resvg/resvg-js') as typeof ResvgModule).Resvg,
  };
  return libraries;
}

export interface ChartImage {
  title: string;
  png: Uint8Array;
  /** Size in CSS pixels (the PNG is rendered at twice this). The title is the caption printed under it. */
  width: number;
  height: number;
}

const FONT_FAMILY = 'Noto Sans CJK SC';
const WIDTH = 800;
const HEIGHT = 400;
const SCALE = 2;

function render(option: EchartsModule.EChartsCoreOption, width = WIDTH, height = HEIGHT): Uint8Array {
  const { echarts, Resvg } = chartLibraries();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT_FAMILY }, ...option });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      background: '#ffffff',
      font: { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY },
      fitTo: { mode: 'width', value: width * SCALE },
    })
      .render()
      .asPng();
    return new Uint8Array(png);
  } finally {
    chart.dispose();
  }
}

/** Short labels of the table 7.2 columns for a chart axis (the table prints the full headers). */
const COLUMN_AXIS_LABEL: Readonly<Record<string, string>> = {
  'no-low-implemented': '已实施无/低费',
  'mid-high-implemented': '中/高费已实施',
  'mid-high-pending': '中/高费待实施',
  'source-substitution': '源头替代',
  'process-innovation': '工艺革新',
  'end-of-pipe': '末端治理',
  'environmental-management': '环境管理',
};

/** 方案个数（个） and 投资金额（万元） per column of table 7.2 (总计 left out: it is the sum of the first three). */
export function optionsChart(t: Table72): ChartImage {
  const cols = t.columns.filter((c) => c.key !== 'total');
  const title = '图7.1 方案个数与投资金额';
  const png = render({
    legend: { top: 8, data: ['方案个数（个）', '投资金额（万元）'] },
    grid: { left: 60, right: 70, top: 60, bottom: 40 },
    xAxis: {
      type: 'category',
      data: cols.map((c) => COLUMN_AXIS_LABEL[c.key] ?? c.label),
      axisLabel: { interval: 0, fontSize: 11 },
    },
    yAxis: [
      { type: 'value', name: '个', minInterval: 1 },
      { type: 'value', name: '万元', splitLine: { show: false } },
    ],
    series: [
      {
        name: '方案个数（个）',
        type: 'bar',
        data: cols.map((c) => t.optionCount[c.key]),
        label: { show: true, position: 'top', fontSize: 10 },
        itemStyle: { color: '#2f6fb5' },
      },
      {
        name: '投资金额（万元）',
        type: 'bar',
        yAxisIndex: 1,
        data: cols.map((c) => Number(t.investment_wanYuan[c.key].toFixed(2))),
        itemStyle: { color: '#e39b3b' },
      },
    ],
  });
  return { title, png, width: WIDTH, height: HEIGHT };
}

/**
 * 环境效益 and 资源能源节约 of table 7.2 with a positive amount, on a logarithmic axis (the amounts range from
 * thousands of tonnes of wastewater to kilograms of 总磷). Null when no cell is positive.
 */
export function benefitsChart(t: Table72): ChartImage | null {
  const cells = [...t.environmentalBenefits, ...t.resourceEnergySavings].filter((c) => c.value > 0);
  if (cells.length === 0) return null;
  const title = '图7.2 环境效益与资源能源节约（对数坐标）';
  const height = Math.max(220, 60 + cells.length * 26);
  const labels = cells.map((c) => c.label);
  const png = render(
    {
      grid: { left: 200, right: 90, top: 20, bottom: 30 },
      // The bars start at the power of ten below the smallest amount, so every bar grows to the right.
      xAxis: {
        type: 'log',
        logBase: 10,
        min: 10 ** Math.floor(Math.log10(Math.min(...cells.map((c) => c.value)))),
        axisLabel: { fontSize: 10 },
      },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 11 } },
      series: [
        {
          type: 'bar',
          data: cells.map((c) => c.value),
          itemStyle: { color: '#3c9a5f' },
          label: {
            show: true,
            position: 'right',
            fontSize: 10,
            formatter: (p: { dataIndex: number }) => {
              const c = cells[p.dataIndex];
              return c ? formatFixed(c.value, decimalsForUnit(c.unit)) : '';
            },
          },
        },
      ],
    },
    WIDTH,
    height,
  );
  return { title, png, width: WIDTH, height };
}

/**
 * 清洁生产潜力 (现状分析, issue 8): the saving of each indicator if every audited enterprise reached level II and
 * level I, on a logarithmic axis (m³ of water beside tonnes of metal). Null when nothing is to be saved.
 */
export function potentialChart(
  levels: readonly {
    levelLabel: string;
    indicators: readonly { name: string; unit: string; saved: number }[];
  }[],
): ChartImage | null {
  const names = [
    ...new Set(levels.flatMap((l) => l.indicators.filter((i) => i.saved > 0).map((i) => i.name))),
  ];
  if (names.length === 0) return null;
  const unitOf = new Map(levels.flatMap((l) => l.indicators.map((i) => [i.name, i.unit] as const)));
  const values = levels.flatMap((l) => l.indicators.map((i) => i.saved)).filter((v) => v > 0);
  const title = '图5.1 各指标达到Ⅱ级、Ⅰ级水平的削减潜力（对数坐标）';
  const height = Math.max(240, 80 + names.length * 40);
  const colors = ['#2f6fb5', '#3c9a5f'];
  // A logarithmic scale drawn on a linear axis: bar length = log10(value) − floor, so every bar grows to the right
  // from the power of ten below the smallest amount (ECharts' own log axis starts bars at 1, so amounts below 1
  // would point left); the labels print the amounts themselves.
  const floor = Math.floor(Math.log10(Math.min(...values)));
  const png = render(
    {
      legend: { top: 6, data: levels.map((l) => `全部达到${l.levelLabel}`) },
      grid: { left: 220, right: 100, top: 40, bottom: 30 },
      xAxis: {
        type: 'value',
        min: 0,
        interval: 1,
        axisLabel: {
          fontSize: 10,
          formatter: (v: number) => formatFixed(10 ** (v + floor), Math.max(0, -(v + floor))),
        },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: names.map((n) => `${n}（${unitOf.get(n) ?? ''}/年）`),
        axisLabel: { fontSize: 11 },
      },
      series: levels.map((l, k) => {
        const raw = names.map((n) => l.indicators.find((i) => i.name === n)?.saved ?? 0);
        return {
          name: `全部达到${l.levelLabel}`,
          type: 'bar',
          data: raw.map((v) => (v > 0 ? Math.log10(v) - floor : null)),
          itemStyle: { color: colors[k % colors.length] },
          label: {
            show: true,
            position: 'right',
            fontSize: 9,
            formatter: (p: { dataIndex: number }) => {
              const v = raw[p.dataIndex] ?? 0;
              return v > 0 ? formatFixed(v, v >= 100 ? 0 : 3) : '';
            },
          },
        };
      }),
    },
    WIDTH,
    height,
  );
  return { title, png, width: WIDTH, height };
}

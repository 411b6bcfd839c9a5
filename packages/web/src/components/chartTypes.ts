/**
 * The option type of `<Chart>`: ECharts' option composed from exactly the series and components registered in
 * `EChart.tsx`, so a chart that needs something unregistered is a compile error, not a blank canvas.
 * Type-only imports: nothing of ECharts enters the initial bundle through this file.
 */
import type {
  BarSeriesOption,
  BoxplotSeriesOption,
  LineSeriesOption,
  PieSeriesOption,
  SankeySeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import type {
  DatasetComponentOption,
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | SankeySeriesOption
  | BoxplotSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | DatasetComponentOption
>;

/** Handlers of ECharts events (`click`, `legendselectchanged`, …), given the event parameters. */
export type ChartEvents = Readonly<Record<string, (params: unknown) => void>>;

export interface ChartProps {
  readonly option: ChartOption;
  /** CSS height of the chart (default 320 px); the width follows the container. */
  readonly height?: number | string;
  /** Text read by screen readers, describing what the chart shows. */
  readonly ariaLabel: string;
  readonly loading?: boolean;
  readonly onEvents?: ChartEvents;
}

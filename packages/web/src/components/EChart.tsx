/**
 * The ECharts binding, loaded on demand by `<Chart>` (never import this file directly: it would pull ECharts into
 * the importing chunk). Only the parts cpaudit uses are registered (tree-shaken "core" build), and the React
 * wrapper comes from `echarts-for-react/esm/core`: the `lib/core` CommonJS build breaks at run time under Vite.
 */
import { BarChart, BoxplotChart, LineChart, PieChart, SankeyChart, ScatterChart } from 'echarts/charts';
import {
  DatasetComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useI18n } from '../i18n/context.ts';
import { CHART_COLORS, FONT_FAMILY } from '../theme.ts';
import type { ChartProps } from './chartTypes.ts';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  SankeyChart,
  BoxplotChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  MarkLineComponent,
  TitleComponent,
  DatasetComponent,
  CanvasRenderer,
]);

const CHART_THEME = 'cpaudit';
echarts.registerTheme(CHART_THEME, {
  color: CHART_COLORS,
  textStyle: { fontFamily: FONT_FAMILY },
});

export default function EChart({ option, height = 320, ariaLabel, loading = false, onEvents }: ChartProps) {
  const { locale } = useI18n();
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        theme={CHART_THEME}
        notMerge
        lazyUpdate
        showLoading={loading}
        onEvents={onEvents}
        // ECharts ships its ZH and EN texts (toolbox, data zoom) in the core build.
        opts={{ renderer: 'canvas', locale: locale === 'zh-CN' ? 'ZH' : 'EN' }}
        style={{ height, width: '100%' }}
      />
    </div>
  );
}

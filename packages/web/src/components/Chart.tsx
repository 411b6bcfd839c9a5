/**
 * `<Chart option={…} ariaLabel="…" />`: an ECharts chart whose library (about 1/3 MB) is fetched only when the
 * first chart is shown. While it loads a skeleton of the same height holds the place; if the chunk cannot be
 * fetched (offline, a new deployment) a short message replaces the chart instead of breaking the page.
 */
import { Alert, Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/context.ts';
import type { ChartProps } from './chartTypes.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';

export type { ChartEvents, ChartOption, ChartProps } from './chartTypes.ts';

const EChart = lazy(() => import('./EChart.tsx'));

export function Chart(props: ChartProps) {
  const { t } = useI18n();
  const height = props.height ?? 320;
  return (
    <ErrorBoundary fallback={<Alert type="warning" showIcon title={t('chart.failed')} />}>
      <Suspense
        fallback={
          <div
            style={{ height, overflow: 'hidden' }}
            role="status"
            aria-busy="true"
            aria-label={t('chart.loading')}
          >
            <Skeleton active paragraph={{ rows: 6 }} title={false} />
          </div>
        }
      >
        <EChart {...props} height={height} />
      </Suspense>
    </ErrorBoundary>
  );
}

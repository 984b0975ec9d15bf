import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ChunkErrorBoundary } from '../ui/chunk-error-boundary';
import { Loading } from '../ui/status';
import type { BarChartFigureProps } from './bar-chart';

// recharts is large: it is fetched only when a page has real numbers to draw.
const BarChartFigure = lazy(() => import('./bar-chart'));

export function LazyBarChart(props: BarChartFigureProps) {
  const { t } = useI18n();
  return (
    <ChunkErrorBoundary>
      <Suspense fallback={<Loading label={t('chart.loading')} />}>
        <BarChartFigure {...props} />
      </Suspense>
    </ChunkErrorBoundary>
  );
}

/** Colours of the task states, readable in both colour schemes; the legend and the table name them too. */
export const TASK_STATE_COLORS: Record<string, string> = {
  OVERDUE: '#c2410c',
  OPEN: '#2563eb',
  DONE: '#15803d',
};

export const PRIMARY_CHART_COLOR = '#2563eb';

// Loaded only through lazy-bar-chart.tsx: recharts lives in this chunk, never in the initial download.
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../i18n/i18n-context';
import type { ChartDatum, ChartSeries } from './chart-data';

export interface BarChartFigureProps {
  title: string;
  note?: string;
  data: readonly ChartDatum[];
  series: readonly ChartSeries[];
  /** The header of the first column of the data table (e.g. "Month"). */
  categoryHeader: string;
  stacked?: boolean;
}

/**
 * A bar chart with its numbers also available as a real table. The drawing is hidden from assistive technology;
 * the figure's caption and the table say the same thing in words.
 */
export default function BarChartFigure({ title, note, data, series, categoryHeader, stacked }: BarChartFigureProps) {
  const { t } = useI18n();
  const titleId = useId();
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>
        <span className="chart-title">{title}</span>
        {note ? <span className="chart-note">{note}</span> : null}
      </figcaption>
      <div className="chart-canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={[...data]} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: 'currentColor', fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fill: 'currentColor', fontSize: 12 }} />
            <Tooltip />
            {series.length > 1 ? <Legend /> : null}
            {series.map((entry) => (
              <Bar
                key={entry.key}
                dataKey={entry.key}
                name={entry.label}
                fill={entry.color}
                stackId={stacked ? 'stack' : undefined}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-data">
        <summary>{t('chart.showData')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{categoryHeader}</th>
              {series.map((entry) => (
                <th key={entry.key} scope="col">
                  {entry.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((datum) => (
              <tr key={datum.label}>
                <th scope="row">{datum.label}</th>
                {series.map((entry) => (
                  <td key={entry.key}>{datum[entry.key] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

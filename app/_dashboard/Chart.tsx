'use client';

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** How a series' values read: money in the locale's currency format, counts, or percents. */
export type ValueFormat = 'money' | 'count';

export type Series = {
  key: string;
  label: string;
  color: string;
  /** Bars by default; a line over the bars (e.g. profit over revenue). */
  kind?: 'bar' | 'line';
  /** Bars with the same stack are stacked. */
  stack?: string;
};

export type ChartRow = Record<string, string | number>;

/**
 * A dashboard chart: bars (and lines) of one or more series per category, horizontal bars when the
 * categories are names (`layout="names"`). The figures themselves are in the table the server renders
 * beside it, so the chart is a picture of them (hidden from screen readers) and sized by its panel.
 */
export function Chart({
  data,
  category,
  series,
  format,
  locale,
  layout = 'columns',
  height = 220,
}: {
  data: ChartRow[];
  category: string;
  series: Series[];
  format: ValueFormat;
  locale: string;
  layout?: 'columns' | 'names';
  height?: number;
}) {
  const full =
    format === 'money'
      ? new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 })
      : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const short = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const names = layout === 'names';
  const categoryAxis = names ? (
    <YAxis type="category" dataKey={category} width={130} tick={{ fontSize: 11 }} interval={0} />
  ) : (
    <XAxis dataKey={category} tick={{ fontSize: 11 }} interval="preserveStartEnd" />
  );
  const valueAxis = names ? (
    <XAxis
      type="number"
      tickFormatter={(v: number) => short.format(v)}
      tick={{ fontSize: 11 }}
      allowDecimals={format !== 'count'}
    />
  ) : (
    <YAxis
      tickFormatter={(v: number) => short.format(v)}
      tick={{ fontSize: 11 }}
      width={format === 'money' ? 64 : 36}
      allowDecimals={format !== 'count'}
    />
  );
  return (
    <div className="chart" aria-hidden="true" style={{ height }}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart
          data={data}
          layout={names ? 'vertical' : 'horizontal'}
          margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e4e7ec" />
          {categoryAxis}
          {valueAxis}
          <Tooltip formatter={(v) => full.format(Number(v))} isAnimationActive={false} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} itemSorter={null} />}
          {series.map((s) =>
            s.kind === 'line' ? (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ) : (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                stackId={s.stack}
                maxBarSize={28}
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

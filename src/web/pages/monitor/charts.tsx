// One chart of the monitor: horizontal bars (echarts, canvas; only the bar chart, grid, legend and canvas renderer
// are imported, so the rest of echarts is tree-shaken away). For assistive technology the chart is an image with
// a text alternative that says what it shows; the same figures are in the data table right after it, so nobody
// depends on seeing the chart. A suppressed cell ("<5") or a missing value draws no bar.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

export interface BarsProps {
  /** The categories, top to bottom. */
  categories: string[];
  series: ChartSeries[];
  /** The whole text alternative: what the chart shows and its main figures. */
  label: string;
  /** How an axis value is written (e.g. as a percentage). */
  format: (value: number) => string;
}

/** Bar height per category and series: tall enough to read, short enough to see the whole chart. */
function heightFor(categories: number, series: number): number {
  return Math.max(160, 56 + categories * Math.max(28, 16 * series));
}

export function Bars({ categories, series, label, format }: BarsProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const reversed = [...categories].reverse();
    chart.setOption({
      animation: false,
      aria: { enabled: false },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => format(v), hideOverlap: true } },
      yAxis: {
        type: 'category',
        data: reversed,
        axisLabel: { width: 140, overflow: 'break' },
      },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: [...s.values].reverse().map((v) => (v === null ? '-' : v)),
      })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [categories, series, format]);
  return (
    <div
      ref={ref}
      className="vangnet-monitor-chart"
      style={{ blockSize: `${heightFor(categories.length, series.length)}px` }}
      role="img"
      aria-label={label}
    />
  );
}

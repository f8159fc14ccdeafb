import type { JSX } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { t } from '../i18n';

/** Colours of a chart's series, which are also distinguished by shape (solid, dashed, bars). */
export const chartColours = {
  primary: '#0a5a78',
  primaryFill: 'rgba(10, 90, 120, 0.22)',
  secondary: '#b9530c',
} as const;

const axisInk = '#475a68';
const gridLine = '#e3e9ec';
const axisFont = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** A chart's vertical axis: how its ticks read, and a fixed range where the scale has one. */
export interface ValueAxis {
  /** Formats a tick. */
  format(value: number): string;
  /** Formats one value for tooltips and tables, where ticks' rounding is too coarse. */
  formatValue?(value: number): string;
  /** Fixed [min, max]; without it the axis runs from 0 to a little above the largest value. */
  range?: [number, number];
  /** Tick steps to choose from, such as whole numbers for counts; without it, uPlot's own. */
  steps?: number[];
}

/** One plotted quantity of a trend chart, in the unit of its axis. */
export interface TrendSeries {
  label: string;
  values: (number | null)[];
  axis: 'left' | 'right';
  style: 'line' | 'dashed' | 'bars';
  colour: string;
  /** Formats a value for the legend and the data table. */
  format(value: number): string;
}

type PlotBuilder = (
  width: number,
  height: number,
) => { options: uPlot.Options; data: uPlot.AlignedData };

/**
 * Mounts a uPlot chart in a div sized to its container. The chart is rebuilt only when
 * `signature`, a text form of everything `build` draws, changes.
 */
function PlotCanvas({
  build,
  signature,
  height,
}: {
  build: PlotBuilder;
  signature: string;
  height: number;
}): JSX.Element {
  const container = useRef<HTMLDivElement>(null);
  const latestBuild = useRef(build);
  latestBuild.current = build;

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const width = Math.max(element.clientWidth, 200);
    const { options, data } = latestBuild.current(width, height);
    const plot = new uPlot(options, data, element);

    const observer = new ResizeObserver(() => {
      const next = Math.max(element.clientWidth, 200);
      if (next !== plot.width) {
        plot.setSize({ width: next, height });
      }
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [signature, height]);

  // The chart repeats the data table below it, so assistive technology reads the table instead.
  return <div class="chart-canvas" ref={container} aria-hidden="true" />;
}

/** Returns a range from 0 to a rounded value above `max`, for counts and durations. */
function fromZero(_plot: uPlot, _min: number | null, max: number | null): uPlot.Range.MinMax {
  const top = max === null || max <= 0 ? 1 : max;
  return uPlot.rangeNum(0, top, 0.1, true);
}

function valueAxis(axis: ValueAxis, side: 1 | 3, showGrid: boolean): uPlot.Axis {
  return {
    scale: side === 3 ? 'left' : 'right',
    side,
    stroke: axisInk,
    font: axisFont,
    size: 64,
    grid: { show: showGrid, stroke: gridLine, width: 1 },
    ticks: { show: false },
    values: (_plot, splits) => splits.map((value) => axis.format(value)),
    ...(axis.steps === undefined ? {} : { incrs: axis.steps }),
  };
}

function valueScale(axis: ValueAxis): uPlot.Scale {
  return axis.range === undefined ? { range: fromZero } : { range: axis.range };
}

/** Marks the chart while the pointer is over a bucket, so the legend shows values only then. */
function markHovering(plot: uPlot): void {
  plot.root.classList.toggle(
    'is-hovering',
    plot.cursor.idx !== null && plot.cursor.idx !== undefined,
  );
}

/** Indices of the categories that get a label, every `step`-th so that labels do not collide. */
function categorySplits(count: number, plotWidth: number, labelWidth: number): number[] {
  const step = Math.max(1, Math.ceil((count * labelWidth) / Math.max(plotWidth, 1)));
  const splits: number[] = [];
  for (let index = 0; index < count; index += step) splits.push(index);
  return splits;
}

function trendSeries(series: TrendSeries, sparse: boolean): uPlot.Series {
  const common = {
    label: series.label,
    scale: series.axis,
    stroke: series.colour,
    value: (_plot: uPlot, value: number | null) =>
      value === null ? t('common.none') : series.format(value),
  };
  if (series.style === 'bars') {
    return {
      ...common,
      width: 1,
      fill: chartColours.primaryFill,
      paths: uPlot.paths.bars?.({ size: [0.6, 48] }),
      points: { show: false },
    };
  }
  return {
    ...common,
    width: 2,
    dash: series.style === 'dashed' ? [6, 4] : undefined,
    points: { show: sparse, size: 6, fill: series.colour },
  };
}

/**
 * Line and bar chart of KPIs over the period's buckets, with the values on one or two axes and a
 * data table under it. Buckets are evenly spaced, one per category label.
 */
export function TrendChart(props: {
  title: string;
  categories: string[];
  series: TrendSeries[];
  left: ValueAxis;
  right?: ValueAxis;
}): JSX.Element {
  const { title, categories, series, left, right } = props;
  const hasData = series.some((entry) => entry.values.some((value) => value !== null));

  const build = (width: number, height: number) => {
    const count = categories.length;
    const scales: uPlot.Scales = {
      x: { time: false, range: () => [-0.5, Math.max(count - 1, 0) + 0.5] },
      left: valueScale(left),
    };
    const axes: uPlot.Axis[] = [
      {
        stroke: axisInk,
        font: axisFont,
        grid: { show: false },
        ticks: { show: false },
        splits: (plot) => categorySplits(count, plot.bbox.width / uPlot.pxRatio, 76),
        values: (_plot, splits) => splits.map((index) => categories[index] ?? ''),
      },
      valueAxis(left, 3, true),
    ];
    if (right !== undefined) {
      scales.right = valueScale(right);
      axes.push(valueAxis(right, 1, false));
    }

    const options: uPlot.Options = {
      width,
      height,
      scales,
      axes,
      series: [
        {
          label: t('chart.period'),
          value: (_plot, index) => (index === null ? '' : (categories[index] ?? '')),
        },
        ...series.map((entry) => trendSeries(entry, count <= 31)),
      ],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      hooks: { setCursor: [markHovering] },
    };
    const data: uPlot.AlignedData = [
      categories.map((_label, index) => index),
      ...series.map((entry) => entry.values),
    ];
    return { options, data };
  };

  return (
    <ChartFigure title={title} empty={!hasData}>
      <PlotCanvas
        build={build}
        signature={JSON.stringify([categories, series, left.range, right?.range])}
        height={220}
      />
      <DataTable
        title={title}
        columns={[t('chart.period'), ...series.map((entry) => entry.label)]}
        rows={categories.map((category, index) => [
          category,
          ...series.map((entry) => {
            const value = entry.values[index];
            return value === null || value === undefined ? t('common.none') : entry.format(value);
          }),
        ])}
      />
    </ChartFigure>
  );
}

/** One agent in a scatter chart. */
export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
}

/** Maximum length of a point label, in characters; the data table has the full name. */
const maxPointLabel = 16;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Draws each point's label next to it on the chart's canvas: to the right, the left, above or
 * below, whichever first clears the other points and labels. A label with no free place is left
 * out; the tooltip and the data table still name the point.
 */
function drawPointLabels(plot: uPlot, points: ScatterPoint[]): void {
  const context = plot.ctx;
  const ratio = uPlot.pxRatio;
  const gap = 7 * ratio;
  const height = 14 * ratio;
  const area: Box = {
    left: plot.bbox.left,
    top: plot.bbox.top,
    right: plot.bbox.left + plot.bbox.width,
    bottom: plot.bbox.top + plot.bbox.height,
  };
  const centres = points.map((point) => ({
    x: plot.valToPos(point.x, 'x', true),
    y: plot.valToPos(point.y, 'left', true),
  }));
  const occupied: Box[] = centres.map(({ x, y }) => ({
    left: x - gap,
    top: y - gap,
    right: x + gap,
    bottom: y + gap,
  }));

  context.save();
  context.font = `${12 * ratio}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  context.fillStyle = '#13232f';
  // uPlot leaves the alignment of its last axis label on the context.
  context.textAlign = 'left';
  context.textBaseline = 'middle';
  points.forEach((point, index) => {
    const centre = centres[index];
    if (centre === undefined) return;
    const text =
      point.label.length > maxPointLabel
        ? `${point.label.slice(0, maxPointLabel - 1)}…`
        : point.label;
    const width = context.measureText(text).width;
    const candidates: Box[] = [
      { left: centre.x + gap, top: centre.y - height / 2 },
      { left: centre.x - gap - width, top: centre.y - height / 2 },
      { left: centre.x - width / 2, top: centre.y - gap - height },
      { left: centre.x - width / 2, top: centre.y + gap },
    ].map(({ left, top }) => ({ left, top, right: left + width, bottom: top + height }));
    const free = candidates.find(
      (box) =>
        box.left >= area.left &&
        box.right <= area.right &&
        box.top >= area.top &&
        box.bottom <= area.bottom &&
        !occupied.some((other) => overlaps(box, other)),
    );
    if (free !== undefined) {
      occupied.push(free);
      context.fillText(text, free.left, free.top + height / 2);
    }
  });
  context.restore();
}

/** Maximum distance, in CSS pixels, from the pointer to a point whose tooltip shows. */
const tooltipReach = 16;

/**
 * Adds a tooltip to a scatter chart: while the pointer is near a point, it names the agent and
 * both values.
 */
function pointTooltip(
  points: ScatterPoint[],
  axes: { x: ValueAxis; y: ValueAxis; xLabel: string; yLabel: string },
): uPlot.Plugin {
  const { x, y } = axes;
  let tooltip: HTMLDivElement | null = null;
  return {
    hooks: {
      init: (plot) => {
        tooltip = document.createElement('div');
        tooltip.className = 'chart-tooltip';
        tooltip.hidden = true;
        plot.over.appendChild(tooltip);
      },
      setCursor: (plot) => {
        if (tooltip === null) return;
        const { left, top } = plot.cursor;
        let nearest: { point: ScatterPoint; distance: number; px: number; py: number } | null =
          null;
        if (left !== undefined && top !== undefined && left >= 0) {
          for (const point of points) {
            const px = plot.valToPos(point.x, 'x');
            const py = plot.valToPos(point.y, 'left');
            const distance = Math.hypot(px - left, py - top);
            if (distance <= tooltipReach && (nearest === null || distance < nearest.distance)) {
              nearest = { point, distance, px, py };
            }
          }
        }
        if (nearest === null) {
          tooltip.hidden = true;
          return;
        }
        tooltip.textContent = t('chart.pointTooltip', {
          name: nearest.point.label,
          xLabel: axes.xLabel,
          yLabel: axes.yLabel,
          x: (x.formatValue ?? x.format)(nearest.point.x),
          y: (y.formatValue ?? y.format)(nearest.point.y),
        });
        tooltip.hidden = false;
        // Beyond the middle of the chart the tooltip opens to the left of the point.
        const toLeft = nearest.px > plot.over.clientWidth / 2;
        tooltip.style.left = `${nearest.px}px`;
        tooltip.style.top = `${nearest.py}px`;
        tooltip.style.transform = toLeft
          ? 'translate(calc(-100% - 12px), -50%)'
          : 'translate(12px, -50%)';
      },
    },
  };
}

/**
 * Scatter chart with one labelled point per agent, and a data table under it. Points are drawn
 * by uPlot as a series without lines; uPlot needs its x values in ascending order.
 */
export function ScatterChart(props: {
  title: string;
  description: string;
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  x: ValueAxis;
  y: ValueAxis;
}): JSX.Element {
  const { title, description, x, y, xLabel, yLabel } = props;
  const points = [...props.points].sort((a, b) => a.x - b.x);

  const build = (width: number, height: number) => {
    const xScale: uPlot.Scale =
      x.range === undefined ? { time: false, range: fromZero } : { time: false, range: x.range };
    const options: uPlot.Options = {
      width,
      height,
      scales: { x: xScale, left: valueScale(y) },
      axes: [
        {
          stroke: axisInk,
          font: axisFont,
          label: xLabel,
          labelFont: axisFont,
          labelSize: 24,
          grid: { show: true, stroke: gridLine, width: 1 },
          ticks: { show: false },
          values: (_plot, splits) => splits.map((value) => x.format(value)),
        },
        { ...valueAxis(y, 3, true), label: yLabel, labelFont: axisFont, labelSize: 24 },
      ],
      series: [
        { label: xLabel },
        {
          label: yLabel,
          scale: 'left',
          stroke: chartColours.primary,
          paths: () => null,
          points: { show: true, size: 10, width: 2, fill: chartColours.primaryFill },
        },
      ],
      cursor: { x: false, y: false, points: { show: false }, drag: { x: false, y: false } },
      legend: { show: false },
      hooks: { draw: [(plot) => drawPointLabels(plot, points)] },
      plugins: [pointTooltip(points, { x, y, xLabel, yLabel })],
    };
    const data: uPlot.AlignedData = [
      points.map((point) => point.x),
      points.map((point) => point.y),
    ];
    return { options, data };
  };

  return (
    <ChartFigure title={title} description={description} empty={points.length === 0}>
      <PlotCanvas build={build} signature={JSON.stringify(points)} height={260} />
      <DataTable
        title={title}
        columns={[t('chart.agent'), xLabel, yLabel]}
        rows={props.points.map((point) => [
          point.label,
          (x.formatValue ?? x.format)(point.x),
          (y.formatValue ?? y.format)(point.y),
        ])}
      />
    </ChartFigure>
  );
}

function ChartFigure(props: {
  title: string;
  description?: string;
  empty: boolean;
  children: JSX.Element[];
}): JSX.Element {
  const titleId = useId();
  return (
    <figure class="chart card" aria-labelledby={titleId}>
      <h3 id={titleId} class="chart-title">
        {props.title}
      </h3>
      {props.description !== undefined ? (
        <p class="chart-description muted">{props.description}</p>
      ) : null}
      {props.empty ? <p class="chart-empty">{t('chart.empty')}</p> : props.children}
    </figure>
  );
}

/** Shows the chart's values as a table, folded away under a "Show data" toggle. */
function DataTable(props: { title: string; columns: string[]; rows: string[][] }): JSX.Element {
  return (
    <details class="chart-data">
      <summary>
        {t('chart.showData')}
        <span class="visually-hidden"> {t('chart.ofChart', { title: props.title })}</span>
      </summary>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row, index) => (
              <tr key={index}>
                {row.map((cell, column) =>
                  column === 0 ? (
                    <th key={column} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={column}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

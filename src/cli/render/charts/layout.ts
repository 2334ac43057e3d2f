import { formatTick, niceScale, tickValues } from './amounts.js';
import { seriesHex } from './palette.js';
import type { ChartData } from './types.js';

// The picture both chart files draw, as plain shapes: the SVG writes them as elements, the PNG paints
// them into pixels, so the two files show the same chart. Text is measured in fixed-width cells.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FilledRect extends Box {
  color: string;
  /** Set for the data bars (series and category index, and the value), absent for swatches. */
  bar?: { series: number; category: number; value: number };
}

export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
}

export interface TextItem {
  x: number;
  /** The top of the text's cell. */
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  bold?: boolean;
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: Box;
  rects: FilledRect[];
  lines: Line[];
  texts: TextItem[];
}

/** Each character's advance and each text line's height, in pixels. */
export const CELL = { w: 12, h: 16 } as const;
export const CHART_SIZE = { width: 1000, height: 520 } as const;

const MARGIN = 12;
const SWATCH = 14;
const LEGEND_ROW = 22;
const AXIS = '#333333';
const GRID = '#dddddd';
export const TEXT_COLOR = '#222222';
export const BACKGROUND = '#ffffff';

export function chartLayout(data: ChartData): ChartLayout {
  const { width, height } = CHART_SIZE;
  const count = data.categories.length;
  const { lowest, highest } = stackExtent(data);
  const scale = niceScale(lowest, highest);
  const ticks = tickValues(scale);
  const tickWidth = Math.max(...ticks.map((t) => formatTick(t).length)) * CELL.w;
  const longestName = Math.max(0, ...data.series.map((s) => s.name.length));
  const legendWidth = Math.min(240, Math.max(120, SWATCH + 8 + longestName * CELL.w));
  const plot: Box = { x: MARGIN + tickWidth + 8, y: 72, w: 0, h: height - 72 - 44 };
  plot.w = width - plot.x - legendWidth - 2 * MARGIN;

  const texts: TextItem[] = [
    {
      x: MARGIN,
      y: MARGIN,
      text: fitChars(data.title, Math.floor((width - 2 * MARGIN) / CELL.w)),
      anchor: 'start',
      bold: true,
    },
    { x: MARGIN, y: 36, text: data.unit, anchor: 'start' },
  ];
  const lines: Line[] = [];
  const rects: FilledRect[] = [];
  const yOf = (v: number) => plot.y + (plot.h * (scale.max - v)) / (scale.max - scale.min);

  for (const t of ticks) {
    const y = yOf(t);
    lines.push({ x1: plot.x, y1: y, x2: plot.x + plot.w, y2: y, color: t === 0 ? AXIS : GRID });
    texts.push({ x: plot.x - 8, y: y - CELL.h / 2, text: formatTick(t), anchor: 'end' });
  }
  lines.push({ x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.y + plot.h, color: AXIS });

  if (count === 0 || data.series.length === 0) {
    texts.push({ x: plot.x + plot.w / 2, y: plot.y + plot.h / 2 - CELL.h / 2, text: 'No data', anchor: 'middle' });
  }
  const column = count > 0 ? plot.w / count : plot.w;
  const barWidth = column < 3 ? column : Math.max(1, column * 0.7);
  const labelEvery = Math.max(
    1,
    Math.ceil(((Math.max(0, ...data.categories.map((c) => c.length)) + 1) * CELL.w) / column),
  );
  data.categories.forEach((category, c) => {
    const x = plot.x + c * column + (column - barWidth) / 2;
    let above = 0;
    let below = 0;
    data.series.forEach((s, i) => {
      const value = s.values[c] ?? 0;
      if (value === 0 || !Number.isFinite(value)) return;
      const from = value > 0 ? above : below;
      const to = from + value;
      if (value > 0) above = to;
      else below = to;
      const top = yOf(Math.max(from, to));
      rects.push({
        x,
        y: top,
        w: barWidth,
        h: yOf(Math.min(from, to)) - top,
        color: seriesHex(i),
        bar: { series: i, category: c, value },
      });
    });
    if (c % labelEvery === 0) {
      const centre = plot.x + (c + 0.5) * column;
      const base = plot.y + plot.h;
      lines.push({ x1: centre, y1: base, x2: centre, y2: base + 4, color: AXIS });
      texts.push({ x: centre, y: base + 8, text: category, anchor: 'middle' });
    }
  });

  legend(data, plot, width - legendWidth - MARGIN, legendWidth, rects, texts);
  return { width, height, plot, rects, lines, texts };
}

function legend(data: ChartData, plot: Box, x: number, width: number, rects: FilledRect[], texts: TextItem[]): void {
  const rows = Math.max(1, Math.floor(plot.h / LEGEND_ROW));
  const shown = data.series.length > rows ? rows - 1 : data.series.length;
  const chars = Math.floor((width - SWATCH - 8) / CELL.w);
  data.series.slice(0, shown).forEach((s, i) => {
    const y = plot.y + i * LEGEND_ROW;
    rects.push({ x, y, w: SWATCH, h: SWATCH, color: seriesHex(i) });
    texts.push({ x: x + SWATCH + 8, y: y - 1, text: fitChars(s.name, chars), anchor: 'start' });
  });
  if (shown < data.series.length) {
    texts.push({ x, y: plot.y + shown * LEGEND_ROW, text: `+${data.series.length - shown} more`, anchor: 'start' });
  }
}

/** The lowest and highest point a stacked column reaches (negative values stack downwards from 0). */
function stackExtent(data: ChartData): { lowest: number; highest: number } {
  let lowest = 0;
  let highest = 0;
  data.categories.forEach((_, c) => {
    let above = 0;
    let below = 0;
    for (const s of data.series) {
      const v = s.values[c] ?? 0;
      if (!Number.isFinite(v)) continue;
      if (v > 0) above += v;
      else below += v;
    }
    highest = Math.max(highest, above);
    lowest = Math.min(lowest, below);
  });
  return { lowest, highest };
}

function fitChars(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

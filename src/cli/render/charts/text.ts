import { formatAmount } from './amounts.js';
import { seriesAnsi } from './palette.js';
import type { ChartData, TextChartOptions } from './types.js';

// The chart in the terminal: one bar per series for its total, then, for a time series, a sparkline per
// series showing its shape over the categories. Every line fits `opts.width` (at least 40) columns.

interface Glyphs {
  bar: string;
  /** Sparkline marks from low to high; a zero or negative value shows as a space. */
  ramp: string[];
  ellipsis: string;
}

const UNICODE: Glyphs = { bar: '█', ramp: [...'▁▂▃▄▅▆▇█'], ellipsis: '…' };
/** LANG=C: a terminal that may not show UTF-8 gets ASCII only. */
const ASCII: Glyphs = { bar: '#', ramp: [...'.:-=+*%#'], ellipsis: '~' };

const MIN_WIDTH = 40;
const MIN_BAR = 10;

/** The chart as lines of text, each ending in a newline. */
export function renderBarsText(data: ChartData, opts: TextChartOptions): string {
  const width = Math.max(MIN_WIDTH, Math.floor(opts.width));
  const glyphs = opts.unicode ? UNICODE : ASCII;
  const clean = (s: string) => (opts.unicode ? s : s.replace(/[^\x20-\x7e]/g, '?'));
  const paint = (s: string, series: number) => (opts.color ? `\u001b[${seriesAnsi(series)}m${s}\u001b[39m` : s);
  const lines = [cut(clean(`${data.title} (${data.unit})`), width, glyphs.ellipsis)];
  if (data.series.length === 0) return `${[...lines, '  no data'].join('\n')}\n`;

  const totals = data.series.map((s) => s.values.reduce((sum, v) => sum + v, 0));
  const amounts = totals.map((t) => formatAmount(t, data.unit));
  const amountWidth = Math.max(...amounts.map((a) => a.length));
  const names = data.series.map((s) => clean(s.name));
  const longest = Math.max(4, ...names.map((n) => [...n].length));
  const nameWidth = Math.max(4, Math.min(longest, Math.floor(width * 0.3), width - amountWidth - 2 - MIN_BAR));
  const barWidth = Math.max(1, width - nameWidth - amountWidth - 2);
  const peak = Math.max(0, ...totals);
  data.series.forEach((_, i) => {
    const total = totals[i] ?? 0;
    const length = total > 0 ? Math.max(1, Math.round((total / peak) * barWidth)) : 0;
    const bar = paint(glyphs.bar.repeat(length), i) + ' '.repeat(barWidth - length);
    const name = pad(cut(names[i] ?? '', nameWidth, glyphs.ellipsis), nameWidth);
    lines.push(`${name} ${bar} ${(amounts[i] ?? '').padStart(amountWidth)}`);
  });

  if (data.categories.length > 1) lines.push(...sparklines(data, names, width, nameWidth, glyphs, paint));
  return `${lines.join('\n')}\n`;
}

function sparklines(
  data: ChartData,
  names: string[],
  width: number,
  nameWidth: number,
  glyphs: Glyphs,
  paint: (s: string, series: number) => string,
): string[] {
  const peaks = data.series.map((s) => formatAmount(Math.max(0, ...s.values), ''));
  const peakWidth = Math.max(...peaks.map((p) => p.length)) + 'peak '.length;
  const room = Math.max(1, width - nameWidth - peakWidth - 2);
  const count = data.categories.length;
  const perMark = Math.ceil(count / room);
  const first = data.categories[0] ?? '';
  const last = data.categories[count - 1] ?? '';
  const every = perMark > 1 ? ` (${perMark} per mark)` : '';
  const out = [cut(`${first} ${glyphs.ellipsis} ${last}${every}`, width, glyphs.ellipsis)];
  data.series.forEach((s, i) => {
    const marks = bucketMeans(s.values, perMark);
    const top = Math.max(0, ...marks);
    const spark = marks
      .map((v) => {
        if (v <= 0 || top <= 0) return ' ';
        const level = Math.min(glyphs.ramp.length - 1, Math.floor((v / top) * glyphs.ramp.length));
        return glyphs.ramp[level] ?? ' ';
      })
      .join('');
    const name = pad(cut(names[i] ?? '', nameWidth, glyphs.ellipsis), nameWidth);
    out.push(`${name} ${paint(spark, i)}${' '.repeat(room - marks.length)} ${`peak ${peaks[i]}`.padStart(peakWidth)}`);
  });
  return out;
}

/** Means of consecutive groups of `size` values (the last group may be shorter). */
function bucketMeans(values: number[], size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += size) {
    const group = values.slice(i, i + size);
    out.push(group.reduce((sum, v) => sum + v, 0) / group.length);
  }
  return out;
}

function cut(text: string, width: number, ellipsis: string): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - ellipsis.length).join('')}${ellipsis}`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

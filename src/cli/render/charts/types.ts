// The charts `bulkhead cost` draws: in the terminal (bars of text), and into a file (SVG or PNG) with --chart.

/** Values per category (a day or a month) for each series (an environment, an account, a service…). */
export interface ChartData {
  title: string;
  /** The unit of every value, e.g. `USD`. */
  unit: string;
  /** X axis labels in order: `2026-11-01` or `2026-11`. */
  categories: string[];
  /** One per series; `values[i]` belongs to `categories[i]`. Series are stacked in this order. */
  series: { name: string; values: number[] }[];
}

export interface TextChartOptions {
  /** Columns available (the terminal's width, 80 when not a TTY). */
  width: number;
  /** ANSI colours (off when not a TTY, with NO_COLOR, or under LANG=C). */
  color: boolean;
  /** Bars of `█` blocks when the terminal takes UTF-8; `#` otherwise (LANG=C). */
  unicode: boolean;
}

// Numbers as the charts print them: full amounts with the unit for the terminal, short ticks for the axes.

/** `12345.6, 'USD'` → `12,345.60 USD`: two decimals and thousands separators, independent of the locale. */
export function formatAmount(value: number, unit: string): string {
  const sign = value < 0 ? '-' : '';
  const [whole = '0', cents = '00'] = Math.abs(value).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${cents}${unit ? ` ${unit}` : ''}`;
}

/** An axis tick: `0`, `250`, `1.5k`, `2M`. */
export function formatTick(value: number): string {
  const abs = Math.abs(value);
  const [div, suffix] = abs >= 1e9 ? [1e9, 'G'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
  const scaled = value / div;
  const text = Number.isInteger(scaled) ? String(scaled) : String(Number(scaled.toFixed(2)));
  return `${text}${suffix}`;
}

export interface Scale {
  min: number;
  max: number;
  step: number;
}

/** An axis from `min` to `max` (0 included) in steps of 1, 2 or 5 × 10ⁿ, about `ticks` of them. */
export function niceScale(min: number, max: number, ticks = 5): Scale {
  const lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (hi === lo) hi = lo + 1;
  const rough = (hi - lo) / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step };
}

/** The values of a scale's ticks, from its minimum up. */
export function tickValues(scale: Scale): number[] {
  const count = Math.round((scale.max - scale.min) / scale.step);
  return Array.from({ length: count + 1 }, (_, i) => Number((scale.min + i * scale.step).toPrecision(12)));
}

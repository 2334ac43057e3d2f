// Amounts and changes as the cost table and footer write them.

/** `1,234.56` (two decimals, thousands separated; no locale: the same under LANG=C). */
export function money(value: number): string {
  const sign = value < 0 ? '-' : '';
  const [whole = '0', cents = '00'] = Math.abs(value).toFixed(2).split('.');
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** `+12.3%`, `-4.0%`, or `n/a` without a comparison. */
export function percent(change: number | null): string {
  if (change === null) return 'n/a';
  const p = Math.round(change * 1000) / 10;
  return `${p > 0 ? '+' : ''}${p.toFixed(1)}%`;
}

/** Cut to `width` with an ellipsis. */
export function cut(text: string, width: number, ellipsis: string): string {
  if (text.length <= width) return text;
  return `${text.slice(0, Math.max(0, width - ellipsis.length))}${ellipsis}`;
}

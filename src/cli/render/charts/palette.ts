// One colour per series, the same in the terminal, the SVG and the PNG (series i gets colour i, cycling).

/** Tableau 10: distinct for most colour-vision deficiencies and readable on white. */
const HEX = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];
/** The nearest of the 16 ANSI colours for each, in the same order. */
const ANSI = [34, 33, 31, 36, 32, 93, 35, 95, 90, 37];

export function seriesHex(index: number): string {
  return HEX[index % HEX.length] ?? '#4e79a7';
}

export function seriesAnsi(index: number): number {
  return ANSI[index % ANSI.length] ?? 34;
}

/** `#4e79a7` → `[78, 121, 167]`. */
export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

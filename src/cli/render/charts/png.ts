import { BACKGROUND, CELL, TEXT_COLOR, chartLayout } from './layout.js';
import { encodePng } from './png-encode.js';
import { Canvas, TEXT_HEIGHT, TEXT_SCALE } from './raster.js';
import type { ChartData } from './types.js';

/** The same picture as `renderSvg`, rasterised into a PNG file (no dependencies: own canvas, font and encoder). */
export function renderPng(data: ChartData): Buffer {
  const layout = chartLayout(data);
  const canvas = new Canvas(layout.width, layout.height, BACKGROUND);
  for (const l of layout.lines) {
    // Only axis-parallel lines: 1 px wide across the span.
    canvas.fillRect(
      Math.min(l.x1, l.x2),
      Math.min(l.y1, l.y2),
      Math.abs(l.x2 - l.x1) || 1,
      Math.abs(l.y2 - l.y1) || 1,
      l.color,
    );
  }
  for (const r of layout.rects) canvas.fillRect(r.x, r.y, r.w, r.h, r.color);
  for (const t of layout.texts) {
    const width = [...t.text].length * CELL.w - (CELL.w - 5 * TEXT_SCALE);
    const left = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - width / 2 : t.x - width;
    canvas.drawText(left, t.y + (CELL.h - TEXT_HEIGHT) / 2, t.text, TEXT_COLOR, TEXT_SCALE, CELL.w, t.bold);
  }
  return encodePng(layout.width, layout.height, canvas.rgba);
}

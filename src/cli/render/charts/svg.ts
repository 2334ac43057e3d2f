import { formatAmount } from './amounts.js';
import { BACKGROUND, CELL, TEXT_COLOR, chartLayout } from './layout.js';
import type { ChartData } from './types.js';

/** The chart as a standalone SVG document (stacked columns, axis, ticks, legend, title). */
export function renderSvg(data: ChartData): string {
  const layout = chartLayout(data);
  const { width, height } = layout;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(data.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="${BACKGROUND}"/>`,
  ];
  for (const l of layout.lines) {
    out.push(
      `<line x1="${n(l.x1)}" y1="${n(l.y1)}" x2="${n(l.x2)}" y2="${n(l.y2)}" stroke="${l.color}" stroke-width="1"/>`,
    );
  }
  for (const r of layout.rects) {
    const box = `x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" fill="${r.color}"`;
    if (!r.bar) {
      out.push(`<rect ${box}/>`);
      continue;
    }
    const series = data.series[r.bar.series]?.name ?? '';
    const tip = `${series}, ${data.categories[r.bar.category] ?? ''}: ${formatAmount(r.bar.value, data.unit)}`;
    out.push(`<rect class="bar" ${box}><title>${escapeXml(tip)}</title></rect>`);
  }
  out.push(`<g font-family="monospace" font-size="${CELL.h - 2}" fill="${TEXT_COLOR}">`);
  for (const t of layout.texts) {
    const weight = t.bold ? ' font-weight="bold"' : '';
    // The layout gives the top of each text cell; SVG places text by its baseline.
    const y = t.y + CELL.h * 0.8;
    out.push(`<text x="${n(t.x)}" y="${n(y)}" text-anchor="${t.anchor}"${weight}>${escapeXml(t.text)}</text>`);
  }
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}

/** Text for XML content and attributes; characters XML 1.0 cannot hold at all become `?`. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing the control characters XML 1.0 forbids is the point
  const allowed = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '?');
  return allowed
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

// The chart renderers of src/cli/render/charts (terminal bars, SVG, PNG), in one place for `bulkhead cost`.
import { renderPng } from './charts/png.js';
import { renderSvg } from './charts/svg.js';
import { renderBarsText } from './charts/text.js';
import type { ChartData, TextChartOptions } from './charts/types.js';

export const bars = (data: ChartData, opts: TextChartOptions): string => renderBarsText(data, opts);
export const svg = (data: ChartData): string => renderSvg(data);
export const png = (data: ChartData): Uint8Array => renderPng(data);

// The chart renderers of src/cli/render/charts (terminal bars, SVG, PNG), in one place for `bulkhead cost`.
import type { ChartData, TextChartOptions } from './charts/types.js';

interface ChartModules {
  renderBarsText(data: ChartData, opts: TextChartOptions): string;
  renderSvg(data: ChartData): string;
  renderPng(data: ChartData): Uint8Array;
}

// TEMPORARY until charts-tags is merged: loaded by name so this branch builds without them.
const load = async (name: string): Promise<Partial<ChartModules>> =>
  (await import(/* @vite-ignore */ `./charts/${name}.js`)) as Partial<ChartModules>;

export const bars = async (data: ChartData, opts: TextChartOptions): Promise<string> =>
  (await load('text')).renderBarsText!(data, opts);
export const svg = async (data: ChartData): Promise<string> => (await load('svg')).renderSvg!(data);
export const png = async (data: ChartData): Promise<Uint8Array> => (await load('png')).renderPng!(data);

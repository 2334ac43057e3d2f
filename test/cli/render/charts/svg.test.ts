import { describe, expect, it } from 'vitest';
import { chartLayout, CELL } from '../../../../src/cli/render/charts/layout.js';
import { seriesHex } from '../../../../src/cli/render/charts/palette.js';
import { renderSvg } from '../../../../src/cli/render/charts/svg.js';
import type { ChartData } from '../../../../src/cli/render/charts/types.js';
import { environments } from './sample-data.js';
import { allElements, parseXml } from './xml-well-formed.js';

describe('renderSvg', () => {
  it('is a well-formed standalone SVG document', () => {
    const root = parseXml(renderSvg(environments(30)));
    expect(root.name).toBe('svg');
    expect(root.attributes['xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(root.attributes['viewBox']).toBe('0 0 1000 520');
  });

  it('draws one rect per non-zero value, in its series colour, stacked in series order', () => {
    const data: ChartData = {
      title: 'Mixed',
      unit: 'USD',
      categories: ['2026-01', '2026-02', '2026-03'],
      series: [
        { name: 'a', values: [5, 0, 2] },
        { name: 'b', values: [0, -1, 3] },
      ],
    };
    const bars = allElements(parseXml(renderSvg(data))).filter((e) => e.attributes['class'] === 'bar');
    expect(bars.map((b) => b.attributes['fill'])).toEqual([seriesHex(0), seriesHex(1), seriesHex(0), seriesHex(1)]);
    const [, negative, lower, upper] = bars.map((b) => ({
      y: Number(b.attributes['y']),
      h: Number(b.attributes['height']),
    }));
    // March: b (3) sits on top of a (2); February's negative b hangs below the zero line
    expect(upper!.y + upper!.h).toBeCloseTo(lower!.y, 5);
    expect(upper!.h / lower!.h).toBeCloseTo(1.5, 5);
    expect(negative!.y).toBeCloseTo(lower!.y + lower!.h, 5);
    expect(bars[0]?.children[0]?.text).toBe('a, 2026-01: 5.00 USD');
  });

  it('escapes text from the data', () => {
    const data = { ...environments(3), title: 'R&D <costs> "q1"\u0007' };
    data.series[0]!.name = "o'brien & <co>";
    const svg = renderSvg(data);
    const texts = allElements(parseXml(svg)).filter((e) => e.name === 'text' || e.name === 'title');
    expect(texts.map((t) => t.text)).toContain('R&D <costs> "q1"?');
    expect(texts.map((t) => t.text)).toContain("o'brien & <co>");
    expect(svg).toContain('o&apos;brien &amp; &lt;co&gt;');
  });

  it('has a title, a legend entry per series and axis ticks', () => {
    const texts = allElements(parseXml(renderSvg(environments(30))))
      .filter((e) => e.name === 'text')
      .map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['Cost by environment', 'USD', 'prod', 'staging', 'dev', '0', '150']));
  });

  it('thins the category labels so they do not overlap', () => {
    const layout = chartLayout(environments(365));
    const labels = layout.texts.filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.text));
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.length).toBeLessThan(365);
    for (let i = 1; i < labels.length; i++) {
      expect(labels[i]!.x - labels[i - 1]!.x).toBeGreaterThanOrEqual(10 * CELL.w);
    }
    expect(chartLayout(environments(5)).texts.filter((t) => /^\d{4}-/.test(t.text))).toHaveLength(5);
  });

  it('draws an empty chart for no data', () => {
    const root = parseXml(renderSvg({ title: 'Nothing', unit: 'USD', categories: [], series: [] }));
    expect(allElements(root).filter((e) => e.attributes['class'] === 'bar')).toHaveLength(0);
    expect(allElements(root).map((e) => e.text)).toContain('No data');
  });
});

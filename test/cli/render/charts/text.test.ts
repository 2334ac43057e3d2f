import { describe, expect, it } from 'vitest';
import { renderBarsText } from '../../../../src/cli/render/charts/text.js';
import type { ChartData } from '../../../../src/cli/render/charts/types.js';
import { environments } from './sample-data.js';

// eslint-disable-next-line no-control-regex -- stripping the SGR codes the renderer writes
const visible = (line: string) => [...line.replace(/\u001b\[[0-9;]*m/g, '')].length;
const lines = (text: string) => text.split('\n').slice(0, -1);

const wide: ChartData = {
  title: 'Cost by account over the whole year with a long title that does not fit',
  unit: 'USD',
  categories: ['2026-01', '2026-02'],
  series: [
    { name: 'an-account-with-a-very-long-name-indeed', values: [123_456_789.12, 1] },
    { name: 'small', values: [0.5, 0.25] },
  ],
};

describe('renderBarsText', () => {
  it.each([40, 57, 80, 132, 200])('keeps every line within %i columns', (width) => {
    for (const data of [environments(365), environments(2), wide]) {
      for (const unicode of [true, false]) {
        const out = renderBarsText(data, { width, color: true, unicode });
        for (const line of lines(out)) expect(visible(line), line).toBeLessThanOrEqual(width);
      }
    }
  });

  it('treats a width below 40 as 40', () => {
    const out = renderBarsText(environments(30), { width: 12, color: false, unicode: true });
    expect(Math.max(...lines(out).map(visible))).toBe(40);
  });

  it('draws each total as a bar in proportion, with the amount and unit', () => {
    const out = renderBarsText(environments(30), { width: 80, color: false, unicode: true });
    const [, prod, staging, dev] = lines(out);
    const bar = (line = '') => (line.match(/█+/)?.[0] ?? '').length;
    expect(prod).toMatch(/^prod +█+ +3,000\.00 USD$/);
    expect(staging).toMatch(/1,200\.00 USD$/);
    expect(dev).toMatch(/200\.00 USD$/);
    expect(bar(staging) / bar(prod)).toBeCloseTo(0.4, 1);
    expect(bar(dev) / bar(prod)).toBeCloseTo(200 / 3000, 1);
  });

  it('adds a sparkline per series for a time series, none for one category', () => {
    const series = renderBarsText(environments(30), { width: 80, color: false, unicode: true });
    expect(lines(series)[4]).toBe('2026-01-01 … 2026-01-30');
    expect(lines(series)[5]).toMatch(/^prod +█{30} +peak 100\.00$/);
    // dev is 0 every third day: a gap in its line
    expect(lines(series)[7]).toMatch(/^dev +( ██){10} +peak 10\.00$/);
    const single = renderBarsText({ ...environments(1) }, { width: 80, color: false, unicode: true });
    expect(lines(single)).toHaveLength(4);
  });

  it('groups periods into marks when there are more than columns', () => {
    const out = renderBarsText(environments(365), { width: 80, color: false, unicode: true });
    expect(out).toMatch(/2026-01-01 … 2026-12-31 \(\d per mark\)/);
  });

  it('uses ASCII only under LANG=C (unicode off)', () => {
    const data = { ...environments(30), title: 'Coût — été' };
    const out = renderBarsText(data, { width: 60, color: false, unicode: false });
    expect(out).toMatch(/^[\n\x20-\x7e]*$/);
    expect(lines(out)[1]).toMatch(/^prod +#+ +3,000\.00 USD$/);
    expect(lines(out)[0]).toBe('Co?t ? ?t? (USD)');
  });

  it('writes ANSI colours only when asked', () => {
    const plain = renderBarsText(environments(30), { width: 80, color: false, unicode: true });
    expect(plain).not.toContain('\u001b');
    const coloured = renderBarsText(environments(30), { width: 80, color: true, unicode: true });
    expect(coloured).toContain('\u001b[34m█');
    expect(coloured).toContain('\u001b[39m');
  });

  it('says when there is nothing to draw', () => {
    const out = renderBarsText(
      { title: 'Cost', unit: 'USD', categories: [], series: [] },
      { width: 80, color: false, unicode: true },
    );
    expect(out).toBe('Cost (USD)\n  no data\n');
  });
});

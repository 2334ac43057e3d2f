import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import { amountToMicros } from '../../../src/providers/aws/cost-explorer/amount.js';
import { CostGroupsFold } from '../../../src/providers/aws/cost-explorer/cost-groups.js';
import { lastStringField } from '../../../src/providers/aws/cost-explorer/json-scan.js';
import { scanCostPage } from '../../../src/providers/aws/cost-explorer/page-scan.js';

// The page scanner against JSON.parse: every page, however it is written, folds to the same result by both roads.

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('111122223333', 'Amazon EC2', 'a"b', 'back\\slash', 'tab\there', 'ünï', '\u0000', '\u2028'),
);
const amount = fc.oneof(
  fc.integer({ min: -9_999_999_999, max: 9_999_999_999 }).map((m) => (m / 1_000_000).toFixed(6)),
  fc.constantFrom('0', '-0', '12.', '.5', '1.2E-5', '3e2', ' 7.25 ', '', '-', '0.00000049', '0.0000005', '1.23456789'),
  fc.constantFrom('123456789012.5', '99999999999999999', '-0.0000015'),
);
const metrics = fc.record(
  { UnblendedCost: fc.record({ Amount: amount, Unit: fc.constant('USD') }, { requiredKeys: [] }) },
  { requiredKeys: [] },
);
const group = fc.record(
  { Keys: fc.array(text, { maxLength: 3 }), Metrics: metrics, Extra: fc.jsonValue({ maxDepth: 2 }) },
  { requiredKeys: ['Keys'] },
);
const period = fc.record(
  {
    TimePeriod: fc.record({ Start: fc.constantFrom('2026-01-01', '2026-01-02', '2026-02-01'), End: text }),
    Total: metrics,
    Groups: fc.array(group, { maxLength: 6 }),
    Estimated: fc.boolean(),
  },
  { requiredKeys: [] },
);
const page = fc.record(
  {
    GroupDefinitions: fc.constant([{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }]),
    ResultsByTime: fc.array(period, { maxLength: 4 }),
    DimensionValueAttributes: fc.array(
      fc.record({ Value: text, Attributes: fc.dictionary(fc.constantFrom('description', 'other'), text) }),
      { maxLength: 3 },
    ),
    NextPageToken: fc.option(text, { nil: undefined }),
  },
  { requiredKeys: [] },
);
/** How the page is written: compact, indented, or with its keys in reverse order. */
const writing = fc.constantFrom('compact', 'indented', 'reversed');

function write(value: unknown, how: string): string {
  if (how === 'indented') return JSON.stringify(value, null, 2);
  if (how === 'compact') return JSON.stringify(value);
  const reverse = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(reverse)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, reverse(x)]),
          )
        : v;
  return JSON.stringify(reverse(value));
}

/** The fold worked out the plain way: per distinct Keys, the sum per period start, in first-seen order. */
function reference(pages: string[], grouped: boolean) {
  const starts: string[] = [];
  const groups = new Map<string, { keys: string[]; micros: number[] }>();
  const add = (keys: string[], start: string, micros: number) => {
    if (!starts.includes(start)) starts.push(start);
    const id = JSON.stringify(keys);
    if (!groups.has(id)) groups.set(id, { keys, micros: [] });
    const g = groups.get(id)!;
    const si = starts.indexOf(start);
    g.micros[si] = (g.micros[si] ?? 0) + micros;
  };
  for (const text of pages) {
    for (const p of (JSON.parse(text) as GetCostAndUsageCommandOutput).ResultsByTime ?? []) {
      const start = p.TimePeriod?.Start ?? '';
      if (!starts.includes(start)) starts.push(start);
      for (const g of p.Groups ?? []) add(g.Keys ?? [], start, amountToMicros(g.Metrics?.UnblendedCost?.Amount));
      if (!grouped && p.Total?.UnblendedCost) add([], start, amountToMicros(p.Total.UnblendedCost.Amount));
    }
  }
  return { starts, groups: [...groups.values()] };
}

function byBothRoads(pages: string[], grouped: boolean) {
  const scanned = new CostGroupsFold(grouped);
  const parsed = new CostGroupsFold(grouped);
  const tokens = pages.map((t) => {
    const fromScan = scanned.addText(t);
    const p = JSON.parse(t) as GetCostAndUsageCommandOutput;
    parsed.add(p);
    return { fromScan, fromParse: p.NextPageToken || undefined };
  });
  return { scanned: scanned.done(), parsed: parsed.done(), tokens };
}

describe('GetCostAndUsage page scanner', () => {
  it('folds any page exactly as JSON.parse does, however it is written', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(page, writing), { minLength: 1, maxLength: 3 }), fc.boolean(), (pages, grouped) => {
        const { scanned, parsed, tokens } = byBothRoads(
          pages.map(([p, how]) => write(p, how)),
          grouped,
        );
        expect(scanned).toEqual(parsed);
        const { starts, groups } = reference(
          pages.map(([p, how]) => write(p, how)),
          grouped,
        );
        expect({ starts: scanned.starts, groups: scanned.groups }).toEqual({ starts, groups });
        for (const t of tokens) expect(t.fromScan).toBe(t.fromParse);
      }),
      { numRuns: 400 },
    );
  });

  it('reads the compact pages Cost Explorer writes through its fast path, amounts to the micro-dollar', () => {
    const body = {
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-01-01', End: '2026-01-02' },
          Total: {},
          Groups: [
            { Keys: ['111122223333'], Metrics: { UnblendedCost: { Amount: '65.045718', Unit: 'USD' } } },
            { Keys: ['111122223333', 'Amazon EC2'], Metrics: { UnblendedCost: { Amount: '0.0000005', Unit: 'USD' } } },
            { Keys: ['444455556666'], Metrics: { UnblendedCost: { Amount: '-1.9999994', Unit: 'USD' } } },
          ],
          Estimated: false,
        },
      ],
      DimensionValueAttributes: [{ Value: '111122223333', Attributes: { description: 'prod' } }],
      NextPageToken: 'next',
    };
    const fold = new CostGroupsFold(true);
    expect(fold.addText(JSON.stringify(body))).toBe('next');
    const result = fold.done();
    expect(result.groups).toEqual([
      { keys: ['111122223333'], micros: [65_045_718] },
      { keys: ['111122223333', 'Amazon EC2'], micros: [1] },
      { keys: ['444455556666'], micros: [-1_999_999] },
    ]);
    expect(result.accountNames.get('111122223333')).toBe('prod');
  });

  it('declines text that is not a well-formed page, and the fold then says the answer is not JSON', () => {
    const sink = { period: () => undefined, accountName: () => undefined };
    for (const bad of ['', '[]', '{"ResultsByTime":[', '{"ResultsByTime":[]} x', '{"a":01}', '{"a":"\u0001"}', 'nul'])
      expect(scanCostPage(bad, sink)).toBeUndefined();
    // The endpoint's fault, said as such (not an internal error), with what to check.
    expect(() => new CostGroupsFold(true).addText('{"ResultsByTime":[')).toThrow(
      expect.objectContaining({ code: 'aws-bad-answer', source: 'aws' }),
    );
  });
});

describe('the NextPageToken guess', () => {
  it('finds the last string field from the end, and never one inside a string', () => {
    expect(lastStringField('{"ResultsByTime":[],"NextPageToken":"abc"}', 'NextPageToken')).toBe('abc');
    expect(lastStringField('{"NextPageToken" : "a\\"b" }', 'NextPageToken')).toBe('a"b');
    expect(lastStringField('{"x":"\\"NextPageToken\\":\\"no\\""}', 'NextPageToken')).toBeUndefined();
    expect(lastStringField('{"NextPageToken":null}', 'NextPageToken')).toBeUndefined();
    expect(lastStringField('{"ResultsByTime":[]}', 'NextPageToken')).toBeUndefined();
    // A nested field of the same name is a wrong guess: the caller checks it against the page it reads.
    expect(lastStringField('{"NextPageToken":"real","a":{"NextPageToken":"nested"}}', 'NextPageToken')).toBe('nested');
  });
});

import { describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { cost } from '../../src/toolkit/cost/cost.js';
import { recordedConnection, type RecordedCall, type RecordedResponses } from '../support/cost/recorded-cloud.js';

// A past week by service (no services query, no forecast) whose series runs to 12 pages: 12 requests on AWS.
const PAGES = 12;
const input = {
  TimePeriod: { Start: '2026-11-04', End: '2026-11-18' },
  Granularity: 'DAILY',
  Metrics: ['UnblendedCost'],
  GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
};
const calls: RecordedCall[] = Array.from({ length: PAGES }, (_, i) => ({
  operation: 'GetCostAndUsage',
  input: i === 0 ? input : { ...input, NextPageToken: `p${i}` },
  output: {
    ResultsByTime: [
      {
        TimePeriod: { Start: '2026-11-11', End: '2026-11-12' },
        Groups: [{ Keys: [`Service ${i}`], Metrics: { UnblendedCost: { Amount: '1', Unit: 'USD' } } }],
      },
    ],
    ...(i < PAGES - 1 ? { NextPageToken: `p${i + 1}` } : {}),
  },
}));
const recording: RecordedResponses = {
  now: '2026-11-20T12:00:00Z',
  organization: { managementAccountId: '999999999999', accounts: [] },
  costExplorer: calls,
};

function onAws() {
  const r = recordedConnection(recording);
  (r.connection.target as { kind: string }).kind = 'aws';
  return r;
}
const run = (extra: Parameters<typeof cost>[0] extends infer O ? Partial<O> : never, rec = onAws()) =>
  cost({
    connection: rec.connection,
    io: new RecordingIoHost(),
    by: 'service',
    from: '2026-11-11',
    to: '2026-11-17',
    now: () => Date.parse(recording.now),
    ...extra,
  });

describe('cost: more than 10 Cost Explorer requests on AWS', () => {
  it('refuses before the 11th request without a way to ask and without --yes', async () => {
    const rec = onAws();
    await expect(run({}, rec)).rejects.toMatchObject({ code: 'E-COST-REQUESTS' });
    expect(rec.sent).toHaveLength(10);
  });

  it('asks once, and goes on to the last page when the answer is yes', async () => {
    const asked: number[] = [];
    const report = await run({
      confirmRequests: async (info) => {
        asked.push(info.made);
        return true;
      },
    });
    expect(asked).toEqual([10]);
    expect(report.requests.total).toBe(PAGES);
    expect(report.total).toBe(PAGES);
  });

  it('does not ask with --yes, nor on the local cloud', async () => {
    expect((await run({ yes: true })).requests.total).toBe(PAGES);
    const local = recordedConnection(recording);
    expect((await run({}, local)).requests.costUsd).toBe(0.12);
  });
});

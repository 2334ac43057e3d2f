import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getCostAndUsage,
  newRequestCounter,
  type CeContext,
} from '../../../src/providers/aws/cost-explorer/requests.js';
import { readCostAndUsageAsText } from '../../../src/providers/aws/cost-explorer/wire-json.js';

// The next page is asked for on a guess at its token, before this page is read. A plain HTTP server plays Cost
// Explorer here, so the pages can be written as no local cloud would: a wrong guess must cost one request, no page.

const group = (id: string, amount: string) => ({
  Keys: [id],
  Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
});
const period = (start: string, groups: unknown[]) => ({
  TimePeriod: { Start: start, End: 'x' },
  Total: {},
  Groups: groups,
  Estimated: false,
});

const pages: Record<string, unknown> = {
  // The real token first, then a nested field of the same name, which the guess from the end picks up.
  '': {
    NextPageToken: 'page-2',
    ResultsByTime: [period('2026-01-01', [group('111122223333', '1.5')])],
    DimensionValueAttributes: [{ Value: '111122223333', Attributes: { description: 'prod', NextPageToken: 'decoy' } }],
  },
  'page-2': {
    ResultsByTime: [period('2026-01-01', [group('111122223333', '2.25'), group('444455556666', '3')])],
    DimensionValueAttributes: [],
    NextPageToken: 'page-3',
  },
  'page-3': { ResultsByTime: [period('2026-01-02', [group('444455556666', '0.000001')])] },
};

let server: Server;
let client: CostExplorerClient;
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const token = (JSON.parse(body) as { NextPageToken?: string }).NextPageToken ?? '';
      asked.push(token);
      const answer = pages[token];
      res.writeHead(answer ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(answer ?? { __type: 'InvalidNextTokenException', message: 'The token is invalid' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  client = new CostExplorerClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
  readCostAndUsageAsText(client);
});
afterAll(async () => {
  client.destroy();
  await new Promise((r) => server.close(r));
});

describe('GetCostAndUsage one page ahead', () => {
  it('follows every page, and a wrong guess at a token costs one counted request and no data', async () => {
    const ctx: CeContext = { client, counter: newRequestCounter() };
    const result = await getCostAndUsage(ctx, {
      start: '2026-01-01',
      end: '2026-01-03',
      granularity: 'DAILY',
      groupBy: [{ type: 'DIMENSION', key: 'LINKED_ACCOUNT' }],
    });
    expect(result.starts).toEqual(['2026-01-01', '2026-01-02']);
    expect(result.groups).toEqual([
      { keys: ['111122223333'], micros: [3_750_000] },
      { keys: ['444455556666'], micros: [3_000_000, 1] },
    ]);
    expect(result.pages).toBe(3);
    // The decoy was asked for (and refused) before the first page was read; page-3 was asked for on a right guess.
    expect(asked).toEqual(['', 'decoy', 'page-2', 'page-3']);
    expect(ctx.counter.total).toBe(4);
  });

  it('leaves any other GetCostAndUsage on the same client to the SDK: the text is only for requests that ask', async () => {
    const out = await client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2026-01-01', End: '2026-01-03' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
      }),
    );
    expect(out.NextPageToken).toBe('page-2');
    expect(out.ResultsByTime?.[0]?.Groups?.[0]?.Metrics?.['UnblendedCost']?.Amount).toBe('1.5');
  });
});

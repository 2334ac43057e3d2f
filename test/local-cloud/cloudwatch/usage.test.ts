import { GetMetricDataCommand, GetMetricStatisticsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQuotaUsage } from '../../../src/providers/aws/cloudwatch/usage.js';
import { awsError } from '../helpers.js';
import type { UsageOrg } from './helpers.js';
import { EC2_VCPU, LAMBDA, load, startUsageOrg } from './helpers.js';

let o: UsageOrg;
beforeAll(async () => {
  o = await startUsageOrg();
}, 60_000);
afterAll(async () => {
  await o?.h.stop();
});

const lastHour = () => ({ start: new Date(Date.now() - 3_600_000), end: new Date(Date.now() + 60_000) });
const query = (id: string, period = 300, stat = 'Maximum') => ({
  Id: id,
  MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'ConcurrentExecutions' }, Period: period, Stat: stat },
});

describe('CloudWatch quota usage metrics (SDK v3, awsJson1_0)', () => {
  it('ListMetrics lists the usage metrics of the quota catalogue, filtered by namespace and dimension', async () => {
    const all = (await o.cw('prod').send(new ListMetricsCommand({}))).Metrics ?? [];
    expect(all.map((m) => `${m.Namespace}/${m.MetricName}`).sort()).toEqual([
      'AWS/Lambda/ConcurrentExecutions',
      'AWS/Usage/ResourceCount',
    ]);
    const usage = await o
      .cw('prod')
      .send(new ListMetricsCommand({ Namespace: 'AWS/Usage', Dimensions: [{ Name: 'Resource', Value: 'vCPU' }] }));
    expect(usage.Metrics?.map((m) => m.MetricName)).toEqual(['ResourceCount']);
    const none = await o.cw('prod').send(new ListMetricsCommand({ Dimensions: [{ Name: 'Resource', Value: 'GPU' }] }));
    expect(none.Metrics).toEqual([]);
  });

  it('GetMetricData answers one datapoint per period, newest first, Complete; an unknown metric has none', async () => {
    const end = new Date(Math.floor(Date.now() / 300_000) * 300_000);
    const start = new Date(end.getTime() - 3_600_000);
    const r = await o.cw('prod').send(
      new GetMetricDataCommand({
        StartTime: start,
        EndTime: end,
        MetricDataQueries: [
          query('lambda'),
          {
            Id: 'other',
            MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Throttles' }, Period: 300, Stat: 'Sum' },
          },
        ],
      }),
    );
    const [lambda, other] = r.MetricDataResults ?? [];
    expect(lambda?.StatusCode).toBe('Complete');
    expect(lambda?.Timestamps?.length).toBe(12);
    expect(lambda?.Timestamps?.[0]?.getTime()).toBe(end.getTime() - 300_000);
    expect(lambda?.Timestamps?.[11]?.getTime()).toBe(start.getTime());
    expect(lambda?.Values?.every((v) => v > 0 && v <= 1000)).toBe(true);
    expect(other).toMatchObject({ Id: 'other', Timestamps: [], Values: [], StatusCode: 'Complete' });
  });

  it('prod uses more of its quotas than dev, at every minute (synthetic levels by profile)', async () => {
    const window = lastHour();
    for (const stat of ['Maximum', 'Minimum']) {
      const read = async (account: 'prod' | 'dev') =>
        (
          await o.cw(account).send(
            new GetMetricDataCommand({
              StartTime: window.start,
              EndTime: window.end,
              MetricDataQueries: [query('q', 60, stat)],
            }),
          )
        ).MetricDataResults?.[0]?.Values ?? [];
      const prod = await read('prod');
      const dev = await read('dev');
      expect(prod.length).toBe(dev.length);
      expect(prod.every((v, i) => v > (dev[i] ?? Infinity))).toBe(true);
    }
    const [prodEc2, devEc2] = [
      await readQuotaUsage(o.cw('prod'), [EC2_VCPU], window),
      await readQuotaUsage(o.cw('dev'), [EC2_VCPU], window),
    ];
    expect(prodEc2[0]).toBeGreaterThanOrEqual(devEc2[0] ?? Infinity);
  });

  it('a load test pushes one account to the limit, leaves the other as it was, and ends', async () => {
    const window = lastHour();
    const before = await readQuotaUsage(o.cw('prod'), [LAMBDA], window);
    const started = await load(o.h, { account: 'acme-dev', quota: 'L-B99A9384', forSeconds: 2 });
    expect(started).toMatchObject({ status: 200, body: { accountId: o.dev, quotaCode: 'L-B99A9384', level: 1000 } });
    expect(await readQuotaUsage(o.cw('dev'), [LAMBDA], lastHour())).toEqual([1000]);
    expect(await readQuotaUsage(o.cw('prod'), [LAMBDA], window)).toEqual(before);
    await new Promise((r) => setTimeout(r, 2100));
    // The current minute only (its sample is now): the load is over, dev is back to its own level.
    const after = await readQuotaUsage(o.cw('dev'), [LAMBDA], {
      start: new Date(Date.now() + 1),
      end: new Date(Date.now() + 60_000),
    });
    expect(after[0]).toBeLessThan(1000);
  });

  it('a load test stops on demand; counted and unknown quotas and accounts are refused', async () => {
    await load(o.h, { account: o.prod, quota: 'L-1216C47A', usage: 5, forSeconds: 600 });
    expect(await readQuotaUsage(o.cw('prod'), [EC2_VCPU], lastHour())).toEqual([5]);
    expect((await load(o.h, { account: o.prod, quota: 'L-1216C47A', stop: true })).body).toMatchObject({ stopped: 1 });
    expect((await load(o.h, { account: o.prod, quota: 'L-1216C47A', stop: true })).body).toMatchObject({
      code: 'NoLoad',
    });
    expect((await load(o.h, { account: 'nope', quota: 'L-B99A9384' })).body).toMatchObject({ code: 'UnknownAccount' });
    expect((await load(o.h, { account: o.dev, quota: 'L-00000000' })).body).toMatchObject({ code: 'UnknownQuota' });
    const page = await fetch(`${o.h.cloud.endpoint}/_bulkhead/usage/load`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(page.status).toBe(415);
  });

  it('readQuotaUsage batches 500 queries per call and keeps the order asked', async () => {
    const metrics = Array.from({ length: 501 }, (_, i) => (i % 2 === 0 ? LAMBDA : { ...LAMBDA, name: 'Invocations' }));
    const got = await readQuotaUsage(o.cw('prod'), metrics, lastHour());
    expect(got.length).toBe(501);
    expect(got.filter((v, i) => (i % 2 === 0 ? typeof v === 'number' && v > 0 : v === undefined)).length).toBe(501);
  });

  it('pages datapoints with NextToken (MaxDatapoints), and refuses a foreign token', async () => {
    const base = {
      StartTime: new Date(Date.now() - 3_600_000),
      EndTime: new Date(),
      MetricDataQueries: [query('a', 60), query('b', 60)],
    };
    const first = await o.cw('prod').send(new GetMetricDataCommand({ ...base, MaxDatapoints: 50 }));
    expect(first.MetricDataResults?.map((r) => [r.Id, r.StatusCode, r.Values?.length])).toEqual([
      ['a', 'PartialData', 50],
    ]);
    const second = await o
      .cw('prod')
      .send(new GetMetricDataCommand({ ...base, MaxDatapoints: 50, NextToken: first.NextToken }));
    expect(second.MetricDataResults?.[0]?.Id).toBe('a');
    const e = await awsError(() => o.cw('prod').send(new GetMetricDataCommand({ ...base, NextToken: 'forged' })));
    expect(e).toMatchObject({ name: 'InvalidNextToken', status: 400 });
  });

  it('GetMetricStatistics and bad input answer as CloudWatch does', async () => {
    const now = Date.now();
    const stats = await o.cw('prod').send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/Lambda',
        MetricName: 'ConcurrentExecutions',
        StartTime: new Date(now - 3_600_000),
        EndTime: new Date(now),
        Period: 3600,
        Statistics: ['Maximum', 'Minimum'],
      }),
    );
    expect(stats.Datapoints?.length).toBeGreaterThan(0);
    expect(stats.Datapoints?.every((d) => (d.Maximum ?? 0) >= (d.Minimum ?? Infinity))).toBe(true);
    const tooMany = await awsError(() =>
      o.cw('prod').send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/Lambda',
          MetricName: 'ConcurrentExecutions',
          StartTime: new Date(now - 2 * 86_400_000),
          EndTime: new Date(now),
          Period: 60,
          Statistics: ['Maximum'],
        }),
      ),
    );
    expect(tooMany.name).toBe('InvalidParameterCombinationException');
    expect(tooMany.message).toMatch(/exceeds the limit of 1440/);
    const same = await awsError(() =>
      o.cw('prod').send(
        new GetMetricDataCommand({
          StartTime: new Date(now),
          EndTime: new Date(now),
          MetricDataQueries: [query('a')],
        }),
      ),
    );
    expect(same).toMatchObject({
      name: 'ValidationException',
      message: 'The parameter StartTime must not equal parameter EndTime.',
    });
    const period = await awsError(() =>
      o.cw('prod').send(
        new GetMetricDataCommand({
          StartTime: new Date(now - 60_000),
          EndTime: new Date(now),
          MetricDataQueries: [query('a', 45)],
        }),
      ),
    );
    expect(period.name).toBe('ValidationException');
  });
});

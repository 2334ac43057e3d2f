import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageOrg } from '../local-cloud/cloudwatch/helpers.js';
import { load, startUsageOrg } from '../local-cloud/cloudwatch/helpers.js';
import { requireTool } from '../support/fidelity/tools.js';

/*
 * CloudWatch's usage metrics as clients no one here wrote read them: the AWS CLI v1 (botocore 1.43, which picks
 * awsJson1_0 from the model's protocols) and botocore's own smithy-rpc-v2-cbor client (the model's protocols narrowed
 * to CBOR), both parsing with botocore's CloudWatch model.
 */
const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../support/fidelity/botocore-cbor-cloudwatch.py', import.meta.url));

let o: UsageOrg;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  requireTool('aws');
  requireTool('botocore');
  o = await startUsageOrg();
  env = {
    ...process.env,
    AWS_ENDPOINT_URL: o.h.cloud.endpoint,
    AWS_ACCESS_KEY_ID: o.creds.dev.accessKeyId,
    AWS_SECRET_ACCESS_KEY: o.creds.dev.secretAccessKey,
    AWS_SESSION_TOKEN: o.creds.dev.sessionToken ?? '',
    AWS_DEFAULT_REGION: o.h.cloud.region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}, 60_000);
afterAll(async () => {
  await o?.h.stop();
});

const aws = async (...args: string[]) =>
  JSON.parse((await run('aws', [...args, '--output', 'json'], { env })).stdout) as Record<string, unknown>;

describe('AWS CLI v1 (awsJson1_0)', () => {
  it('list-metrics and get-metric-data read the usage metrics, and see a load test on this account', async () => {
    const listed = await aws('cloudwatch', 'list-metrics', '--namespace', 'AWS/Lambda');
    expect(listed).toEqual({
      Metrics: [{ Namespace: 'AWS/Lambda', MetricName: 'ConcurrentExecutions', Dimensions: [] }],
    });
    await load(o.h, { account: o.dev, quota: 'L-B99A9384', usage: 990, forSeconds: 30 });
    const end = new Date(Date.now() + 60_000).toISOString();
    const start = new Date(Date.now() - 3_600_000).toISOString();
    const data = await aws(
      'cloudwatch',
      'get-metric-data',
      '--start-time',
      start,
      '--end-time',
      end,
      '--metric-data-queries',
      JSON.stringify([
        {
          Id: 'lambda',
          MetricStat: {
            Metric: { Namespace: 'AWS/Lambda', MetricName: 'ConcurrentExecutions' },
            Period: 3600,
            Stat: 'Maximum',
          },
        },
      ]),
    );
    const results = data.MetricDataResults as { Id: string; Values: number[]; StatusCode: string }[];
    expect(results[0]?.StatusCode).toBe('Complete');
    expect(Math.max(...(results[0]?.Values ?? []))).toBe(990);
  });

  it('a bad request is the query error code botocore models (ValidationError)', async () => {
    const now = new Date().toISOString();
    const failed = await run(
      'aws',
      [
        'cloudwatch',
        'get-metric-data',
        '--start-time',
        now,
        '--end-time',
        now,
        '--metric-data-queries',
        JSON.stringify([
          {
            Id: 'a',
            MetricStat: {
              Metric: { Namespace: 'AWS/Lambda', MetricName: 'ConcurrentExecutions' },
              Period: 60,
              Stat: 'Maximum',
            },
          },
        ]),
      ],
      { env },
    ).then(
      () => undefined,
      (e: { stderr: string; code: number }) => e,
    );
    expect(failed?.code).toBe(255);
    expect(failed?.stderr).toMatch(
      /\(ValidationError\) when calling the GetMetricData operation: The parameter StartTime must not equal parameter EndTime\./,
    );
  });
});

describe("botocore's smithy-rpc-v2-cbor client", () => {
  it('reads ListMetrics, GetMetricData (tag-1 timestamps) and a query-compatible error in CBOR', async () => {
    const out = JSON.parse((await run('python3', [SCRIPT], { env })).stdout) as Record<string, unknown>;
    expect(out.protocol).toBe('smithy-rpc-v2-cbor');
    expect(new Set(out.contentTypes as string[])).toEqual(new Set(['application/cbor']));
    expect((out.metrics as unknown[]).length).toBe(2);
    const result = out.result as { StatusCode: string; Values: number[]; Timestamps: string[] };
    expect(result.StatusCode).toBe('Complete');
    expect(result.Values.length).toBe(result.Timestamps.length);
    expect(result.Timestamps.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+00:00$/.test(t))).toBe(true);
    expect(out.error).toEqual({
      Code: 'ValidationError',
      Message: 'The parameter StartTime must not equal parameter EndTime.',
    });
  });
});

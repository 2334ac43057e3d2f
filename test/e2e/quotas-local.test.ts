import * as Q from '@aws-sdk/client-service-quotas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { cloudWithTemplate } from './local-connection.js';

/*
 * Issue 13 item 4: `bulkhead quotas` against an applied organization on the local cloud. Quotas are per account: an
 * increase approved in the production account shows in production's column while the others keep the default.
 */

interface Report {
  region: string;
  environments: { name: string; accounts: { id: string; name: string }[] }[];
  quotas: {
    quotaCode: string;
    values: {
      environment: string;
      accountId: string;
      value: number;
      usage: number | null;
      openRequests: unknown[];
    }[];
  }[];
}

describe('bulkhead quotas', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let prodId = '';
  beforeAll(async () => {
    env = await cloudWithTemplate('startup');
    env.useCredentials();
    const first = await runCli(['quotas', '-f', env.file, '--endpoint', env.cloud.endpoint, '--json']);
    const report = JSON.parse(first.stdout) as Report;
    prodId = report.environments.find((e) => e.name === 'prod')?.accounts[0]?.id ?? '';
    const prod = (await env.connection.clients.forAccount(prodId)).client(Q.ServiceQuotasClient, report.region);
    const id =
      (
        await prod.send(
          new Q.RequestServiceQuotaIncreaseCommand({
            ServiceCode: 'lambda',
            QuotaCode: 'L-B99A9384',
            DesiredValue: 5000,
          }),
        )
      ).RequestedQuota?.Id ?? '';
    for (let i = 0; i < 200; i++) {
      const r = await prod.send(new Q.GetRequestedServiceQuotaChangeCommand({ RequestId: id }));
      if (r.RequestedQuota?.Status === 'APPROVED') break;
      await new Promise((res) => setTimeout(res, 20));
    }
  }, 180_000);
  afterAll(async () => {
    await env.stop();
  });

  it('shows each environment its own value, as JSON', async () => {
    const r = await runCli([
      'quotas',
      '-f',
      env.file,
      '--endpoint',
      env.cloud.endpoint,
      '--service',
      'lambda',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const names = report.environments.map((e) => e.name);
    expect(names).toContain('prod');
    expect(names.length).toBeGreaterThan(1);
    const row = report.quotas.find((q) => q.quotaCode === 'L-B99A9384');
    const byEnv = new Map(row?.values.map((v) => [v.environment, v.value]));
    expect(byEnv.get('prod')).toBe(5000);
    for (const [name, value] of byEnv) if (name !== 'prod') expect(value).toBe(1000);
  });

  it('renders a table of 80 columns with one column per environment', async () => {
    const r = await runCli(['quotas', '-f', env.file, '--endpoint', env.cloud.endpoint, '--service', 'lambda'], {
      env: { LANG: 'C', COLUMNS: '80' },
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines.some((l) => /\bprod\b/.test(l))).toBe(true);
    const row = lines.find((l) => l.includes('L-B99A9384')) ?? '';
    expect(row).toMatch(/5000/);
    expect(row).toMatch(/1000/);
  });

  it('offers did-you-mean for an unknown quota or service code and exits 1', async () => {
    const q = await runCli(['quotas', '-f', env.file, '--endpoint', env.cloud.endpoint, '--quota', 'L-B99A9348']);
    expect(q.code).toBe(1);
    expect(q.stderr).toMatch(/--quota "L-B99A9348" is not a quota code/);
    expect(q.stderr).toMatch(/L-B99A9384 \(Concurrent executions\)/);
    const byName = await runCli([
      'quotas',
      '-f',
      env.file,
      '--endpoint',
      env.cloud.endpoint,
      '--quota',
      'Concurent executions',
    ]);
    expect(byName.code).toBe(1);
    expect(byName.stderr).toMatch(/L-B99A9384/);
    const s = await runCli(['quotas', '-f', env.file, '--endpoint', env.cloud.endpoint, '--service', 'lamda']);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/did you mean "lambda"/);
  });

  it('shows usage from CloudWatch: a dev load test pushes dev to its limit while prod stays where it was', async () => {
    const read = async (): Promise<Map<string, number | null>> => {
      const r = await runCli([
        'quotas',
        '-f',
        env.file,
        '--endpoint',
        env.cloud.endpoint,
        '--quota',
        'L-B99A9384',
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const row = (JSON.parse(r.stdout) as Report).quotas.find((q) => q.quotaCode === 'L-B99A9384');
      return new Map(row?.values.map((v) => [v.environment, v.usage]));
    };
    const before = await read();
    // Synthetic usage: every account reports some, production the most.
    expect(before.get('prod')).toBeGreaterThan(0);
    expect(before.get('prod')!).toBeGreaterThan(before.get('dev')!);
    const load = await fetch(`${env.cloud.endpoint}/_bulkhead/usage/load`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'acme-dev', quota: 'L-B99A9384', forSeconds: 600 }),
    });
    expect(load.status, await load.clone().text()).toBe(200);
    const after = await read();
    expect(after.get('dev')).toBe(1000);
    // Prod and staging keep their own level (the last hour's peak of their synthetic usage may move on a minute
    // boundary between the two reads, never towards the limit the load test drove dev to).
    for (const env of ['prod', 'staging']) {
      expect(after.get(env)!).toBeLessThan(1000);
      expect(Math.abs(after.get(env)! - before.get(env)!)).toBeLessThanOrEqual(before.get(env)! * 0.1);
    }
  });
});

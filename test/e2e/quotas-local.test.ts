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
    values: { environment: string; accountId: string; value: number; openRequests: unknown[] }[];
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
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as O from '@aws-sdk/client-organizations';
import * as Q from '@aws-sdk/client-service-quotas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { apply } from '../../src/toolkit/apply.js';
import { plan } from '../../src/toolkit/plan.js';
import { runCli } from '../cli/run-cli.js';
import { freshLocalCloud, type LocalEnv } from './local-connection.js';

/*
 * Issue 13 item 4 (requesting increases) on the local cloud: `quotas:` plans an increase in the production account
 * and an entry in the quota request template; the next plan tracks the open request; once approved the value is
 * reached and the plan is empty; an account created afterwards asks for the template's quota; an unknown quota code
 * is E-QUOTA-UNKNOWN with did-you-mean, exit 1, nothing applied.
 */

const spec = (accounts: string, quotas: string) => `version: 1
organization:
  name: acme
  managementAccount: { name: acme-management, email: aws+management@example.com }
  homeRegion: eu-west-1
environments:
  prod: { kind: production }
  dev: { kind: development }
organizationalUnits:
  - name: Workloads
    accounts: [${accounts}]
accounts:
  - { name: acme-prod, email: aws+prod@example.com, environment: prod }
${accounts.includes('acme-dev') ? '  - { name: acme-dev, email: aws+dev@example.com, environment: dev }\n' : ''}quotas:
${quotas}`;

const PROD = `  - { service: lambda, quota: L-B99A9384, value: 3000, environmentKind: production }\n`;
const TEMPLATE = `  - { service: lambda, quota: L-B99A9384, value: 2000, newAccounts: true }\n`;

let env: LocalEnv;
let file: string;
const io = () => new RecordingIoHost();
const write = (text: string) => writeFileSync(file, text);

async function quotaClient(accountName: string): Promise<Q.ServiceQuotasClient> {
  const accounts = (await env.connection.clients.organizations.send(new O.ListAccountsCommand({}))).Accounts ?? [];
  const id = accounts.find((a) => a.Name === accountName)!.Id!;
  return (await env.connection.clients.forAccount(id)).client(Q.ServiceQuotasClient, 'eu-west-1');
}

beforeAll(async () => {
  // Default latencies: a request stays PENDING, then CASE_OPENED, 2 s each, long enough to see it tracked.
  env = await freshLocalCloud({ fast: false });
  file = join(env.dir, 'org.yaml');
}, 60_000);

afterAll(async () => {
  await env.connection.close();
  await env.cloud.close();
});

describe('quotas: requesting increases on the local cloud', () => {
  it('plans and applies the increase, tracks the request, and is empty once approved', async () => {
    write(spec('acme-prod', PROD));
    const applied = await apply({ yes: true, file, connection: env.connection, io: io(), pollDelayMs: () => 50 });
    expect(applied.failed).toEqual([]);
    const quotaChanges = applied.plan.changes.filter((c) => /quota|service-access/.test(c.kind));
    expect(quotaChanges.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      'create service-quota acme-prod/lambda/L-B99A9384@eu-west-1',
    ]);
    // Planned before the account existed: at the AWS default.
    expect(quotaChanges[0]!.properties).toEqual([{ name: 'value', before: 1000, after: 3000 }]);

    const tracked = (await plan({ file, connection: env.connection, io: io(), accessDiff: false })).plan;
    expect(tracked.changes).toEqual([]);
    const note = tracked.notes.find((n) => n.code === 'N-QUOTA-REQUEST-OPEN');
    expect(note?.message).toMatch(/request for 3000 is (PENDING|CASE_OPENED) \(applied now: 1000\)/);

    const prod = await quotaClient('acme-prod');
    const input = { ServiceCode: 'lambda', QuotaCode: 'L-B99A9384' };
    for (let i = 0; i < 100; i++) {
      const { Quota } = await prod.send(new Q.GetServiceQuotaCommand(input));
      if (Quota?.Value === 3000) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await prod.send(new Q.GetServiceQuotaCommand(input))).Quota?.Value).toBe(3000);
    const done = (await plan({ file, connection: env.connection, io: io(), accessDiff: false })).plan;
    expect(done.changes).toEqual([]);
    expect(done.notes.filter((n) => n.code === 'N-QUOTA-REQUEST-OPEN')).toEqual([]);
    expect(done.problems).toEqual([]);
  }, 120_000);

  it('makes an account created afterwards ask for the template quota', async () => {
    write(spec('acme-prod', PROD + TEMPLATE));
    const template = await apply({ yes: true, file, connection: env.connection, io: io(), pollDelayMs: () => 50 });
    expect(template.failed).toEqual([]);
    expect(template.plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual([
      'create service-access servicequotas.amazonaws.com',
      'create quota-template lambda/L-B99A9384@eu-west-1',
    ]);
    expect(template.plan.changes[1]!.properties).toContainEqual({
      name: 'template',
      before: 'not associated',
      after: 'associated',
    });
    write(spec('acme-prod, acme-dev', PROD + TEMPLATE));
    const applied = await apply({ yes: true, file, connection: env.connection, io: io(), pollDelayMs: () => 50 });
    expect(applied.failed).toEqual([]);
    expect(applied.plan.changes.map((c) => c.kind)).toEqual(['account']);
    const dev = await quotaClient('acme-dev');
    const history = await dev.send(
      new Q.ListRequestedServiceQuotaChangeHistoryByQuotaCommand({ ServiceCode: 'lambda', QuotaCode: 'L-B99A9384' }),
    );
    expect(history.RequestedQuotas?.map((r) => r.DesiredValue)).toEqual([2000]);
  }, 120_000);

  it('refuses an unknown quota code with did-you-mean: exit 1, nothing applied', async () => {
    write(spec('acme-prod, acme-dev', `  - { service: lambda, quota: L-B99A9385, value: 3000, environment: dev }\n`));
    const planned = (await plan({ file, connection: env.connection, io: io(), accessDiff: false })).plan;
    expect(planned.problems).toMatchObject([
      {
        severity: 'error',
        code: 'E-QUOTA-UNKNOWN',
        message: 'quotas[0]: service lambda has no quota L-B99A9385',
        hint: expect.stringContaining('did you mean L-B99A9384 (Concurrent executions)'),
      },
    ]);
    const previous = { ...process.env };
    process.env['AWS_ACCESS_KEY_ID'] = env.cloud.credentials.accessKeyId;
    process.env['AWS_SECRET_ACCESS_KEY'] = env.cloud.credentials.secretAccessKey;
    try {
      const r = await runCli(['apply', '-f', file, '--endpoint', env.cloud.endpoint, '--yes']);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('service lambda has no quota L-B99A9385');
      expect(r.stdout + r.stderr).toContain('did you mean L-B99A9384 (Concurrent executions)?');
    } finally {
      process.env = previous;
    }
    const dev = await quotaClient('acme-dev');
    const history = await dev.send(
      new Q.ListRequestedServiceQuotaChangeHistoryByQuotaCommand({ ServiceCode: 'lambda', QuotaCode: 'L-B99A9384' }),
    );
    expect(history.RequestedQuotas?.map((r) => r.DesiredValue)).toEqual([2000]);
  }, 120_000);
});

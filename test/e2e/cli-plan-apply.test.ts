import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateOrganizationalUnitCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshOrganization } from '../../src/providers/aws/organizations/reader.js';
import { runCli } from '../cli/run-cli.js';
import { cloudWithTemplate } from './local-connection.js';

// The CLI as people use it: plan, saved plans, apply, destructive changes, show, exit codes.
describe('bulkhead plan / apply / show on the command line', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let file: string;
  let target: string[];
  beforeAll(async () => {
    env = await cloudWithTemplate('startup', { applied: false });
    file = env.file;
    target = ['-f', file, '--endpoint', env.cloud.endpoint];
    env.useCredentials();
  });
  afterAll(async () => {
    await env.stop();
  });

  it('--detailed-exitcode: 2 with changes, then a saved plan applies and the next plan exits 0', async () => {
    const planFile = join(env.dir, 'plan.json');
    const first = await runCli(['plan', ...target, '--detailed-exitcode', '--out', planFile]);
    expect(first.code, first.stderr).toBe(2);
    expect(first.stdout).toMatch(/\+ create organization acme/);
    expect(JSON.parse(readFileSync(planFile, 'utf8'))).toMatchObject({
      formatVersion: 2,
      stateFingerprint: expect.stringMatching(/^sha256:/),
    });

    const applied = await runCli(['apply', planFile, ...target, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/✓ Applied \d+ of \d+ changes/);

    const again = await runCli(['plan', ...target, '--detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/No changes: the organization matches the spec\./);
  });

  it('refuses a plan made before the organization changed', async () => {
    const planFile = join(env.dir, 'stale.json');
    writeFileSync(
      join(env.dir, 'more.yaml'),
      readFileSync(file, 'utf8').replace('  - name: Sandbox\n', '  - name: Labs\n  - name: Sandbox\n'),
    );
    const more = ['-f', join(env.dir, 'more.yaml'), '--endpoint', env.cloud.endpoint];
    expect((await runCli(['plan', ...more, '--out', planFile])).code).toBe(0);
    const observed = await refreshOrganization(env.connection.clients.organizations);
    await env.connection.clients.organizations.send(
      new CreateOrganizationalUnitCommand({ ParentId: observed.root!.id, Name: 'ChangedByHand' }),
    );
    const r = await runCli(['apply', planFile, ...more, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error: the organization has changed since .*stale\.json was made\n {2}hint: run `bulkhead plan` again/,
    );
  });

  it('destructive changes need --allow-destroy; closing an account then works', async () => {
    const closing = join(env.dir, 'close.yaml');
    writeFileSync(
      closing,
      readFileSync(file, 'utf8').replace(
        '    environment: sandbox-bob\n',
        '    environment: sandbox-bob\n    lifecycle: close\n',
      ),
    );
    const args = ['-f', closing, '--endpoint', env.cloud.endpoint, '--yes'];
    const refused = await runCli(['apply', ...args]);
    expect(refused.code).toBe(1);
    // bob's sandbox budget goes with the only account it watched: removing a budget is destructive too.
    expect(refused.stderr).toMatch(
      /error: the plan has 2 destructive changes: close acme-sandbox-bob, delete sandbox-bob-monthly\n {2}hint: review them, then pass --allow-destroy/,
    );
    const closed = await runCli(['apply', ...args, '--allow-destroy']);
    expect(closed.code, closed.stderr).toBe(0);
    const bob = (await refreshOrganization(env.connection.clients.organizations)).accounts.find(
      (a) => a.name === 'acme-sandbox-bob',
    )!;
    expect(['PENDING_CLOSURE', 'SUSPENDED']).toContain(bob.status);
  });

  it('show: tree, json and mermaid', async () => {
    const tree = await runCli(['show', '--endpoint', env.cloud.endpoint]);
    expect(tree.code).toBe(0);
    // The startup template's guardrails are all on the root, packed into one SCP.
    expect(tree.stdout).toMatch(/^o-\w+ \(root r-\w+\) {2}\[scp: guardrails-root\]$/m);
    const json = JSON.parse((await runCli(['show', '--format', 'json', '--endpoint', env.cloud.endpoint])).stdout) as {
      accounts: { name: string; ouPath: string | null; environment: string | null }[];
    };
    expect(json.accounts.find((a) => a.name === 'acme-prod')).toMatchObject({
      ouPath: 'Workloads/Prod',
      environment: 'prod',
    });
    const mermaid = await runCli(['show', '--format', 'mermaid', '--endpoint', env.cloud.endpoint]);
    expect(mermaid.stdout.split('\n')[0]).toBe('flowchart TD');
    expect(mermaid.stdout).toMatch(/\("acme-prod<br\/>\d{12} · prod"\)/);
    expect((await runCli(['show', '--format', 'xml', '--endpoint', env.cloud.endpoint])).code).toBe(2);
  });
});

import { organizationTree } from '../../src/model/observed.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { loadValidModel, plan } from '../../src/toolkit/plan.js';
import { planAccessDiff } from '../../src/toolkit/plan-access.js';
import { runCli } from '../cli/run-cli.js';
import { cloudWithTemplate } from './local-connection.js';

describe('what a plan changes in access', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let file: string;
  beforeAll(async () => {
    env = await cloudWithTemplate('growth');
    file = env.file;
  });
  afterAll(async () => {
    await env.stop();
  });

  it('dropping a guardrail from the live organization shows who gains what', async () => {
    const edited = join(env.dir, 'no-trail-guardrail.yaml');
    const spec = parse(readFileSync(file, 'utf8')) as {
      guardrails: { use: string }[];
      audit: { trail: { protect?: boolean } };
    };
    spec.guardrails = spec.guardrails.filter((g) => g.use !== 'protect-cloudtrail');
    // The trail would put it back on the root by itself (audit.trail.protect defaults to true).
    spec.audit.trail.protect = false;
    writeFileSync(edited, stringify(spec));
    const io = new RecordingIoHost();
    const result = await plan({ file: edited, connection: env.connection, io });
    // protect-cloudtrail is packed with the other root guardrails: their policy loses its statement.
    expect(result.plan.changes.map((c) => `${c.action} ${c.label}`)).toEqual(['update guardrails-root']);
    const diff = (await planAccessDiff(result.plan, result.model, organizationTree(result.observed)))!;
    // PowerUserAccess allows CloudTrail; only the guardrail kept Ops from stopping the trail in prod.
    const ops = diff.changes.find((c) => c.group === 'Ops' && c.environment === 'prod')!;
    expect(ops).toMatchObject({ change: 'gain', production: true });
    expect(ops.actions).toContain('cloudtrail:StopLogging');
    expect(diff.lines[0]).toMatch(/^Ops gain .*cloudtrail:DeleteTrail.* in prod \[production\]$/);
    expect(diff.changes.every((c) => c.change === 'gain')).toBe(true);
  });

  it('a baseline spec shows changes to the access grid', async () => {
    const edited = join(env.dir, 'devs-write-prod.yaml');
    writeFileSync(
      edited,
      readFileSync(file, 'utf8').replace(/(Developers:\n(?:.*\n)*?\s+prod: )ReadOnly/, '$1PowerUser'),
    );
    expect(readFileSync(edited, 'utf8')).not.toEqual(readFileSync(file, 'utf8'));
    const io = new RecordingIoHost();
    const result = await plan({ file: edited, connection: env.connection, io });
    const diff = (await planAccessDiff(
      result.plan,
      result.model,
      organizationTree(result.observed),
      await loadValidModel(file, io),
    ))!;
    expect(
      diff.lines.some(
        (l) =>
          /^Developers gain .*dynamodb:DeleteTable.* in prod \[production\]$/.test(l) ||
          /^Developers gain .* in prod \[production\]$/.test(l),
      ),
    ).toBe(true);
    env.useCredentials();
    const r = await runCli(['plan', '-f', edited, '--baseline', file, '--endpoint', env.cloud.endpoint]);
    // One access section: who gains or loses which permission set (from the assignment changes) first, then actions.
    expect(r.stdout).toMatch(
      /Access changes \(\d+ actions compared per group and environment\):\n {2}! Developers \(group\) gain permission set PowerUser in prod: its one account \(acme-prod\) \[production\]\n {2}! Developers \(group\) lose permission set ReadOnly in prod: its one account \(acme-prod\) \[production\]\n {2}! Developers gain .* in prod \[production\]/,
    );
    const json = await runCli(['plan', '-f', edited, '--baseline', file, '--endpoint', env.cloud.endpoint, '--json']);
    expect((JSON.parse(json.stdout) as { accessGrants: unknown[] }).accessGrants).toEqual([
      {
        change: 'gain',
        principalType: 'GROUP',
        principal: 'Developers',
        permissionSet: 'PowerUser',
        environment: 'prod',
        production: true,
        accounts: ['acme-prod'],
        allAccounts: true,
      },
      {
        change: 'lose',
        principalType: 'GROUP',
        principal: 'Developers',
        permissionSet: 'ReadOnly',
        environment: 'prod',
        production: true,
        accounts: ['acme-prod'],
        allAccounts: true,
      },
    ]);
  });
});

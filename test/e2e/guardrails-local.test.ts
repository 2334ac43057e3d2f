import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { RecordingIoHost } from '../../src/core/events.js';
import { refreshOrganization } from '../../src/providers/aws/organizations/reader.js';
import { apply } from '../../src/toolkit/apply.js';
import { plan } from '../../src/toolkit/plan.js';
import { FAKE_GUARDRAILS } from '../support/fake-guardrails.js';
import { freshLocalCloud } from './local-connection.js';

const SPEC = `version: 1
organization:
  name: acme
  managementAccount: { name: acme-management, email: aws+management@example.com }
  homeRegion: eu-west-1
  allowedRegions: [eu-west-1, eu-central-1]
environments:
  prod: { kind: production }
  sandbox-alice: { kind: sandbox }
  sandbox-bob: { kind: sandbox }
organizationalUnits:
  - name: Workloads
    accounts: [acme-prod]
  - name: Sandbox
    accounts: [acme-sandbox-alice, acme-sandbox-bob]
accounts:
  - { name: acme-prod, email: aws+prod@example.com, environment: prod }
  - { name: acme-sandbox-alice, email: aws+alice@example.com, environment: sandbox-alice }
  - { name: acme-sandbox-bob, email: aws+bob@example.com, environment: sandbox-bob }
policies:
  serviceControlPolicies:
    - name: deny-s3-deletes
      targets: [ou:Workloads]
      document:
        Version: "2012-10-17"
        Statement:
          - { Sid: DenyS3Deletes, Effect: Deny, Action: "s3:DeleteBucket", Resource: "*" }
guardrails:
  - use: allowed-regions
    targets: [root]
  - use: deny-leave-organization
    targets: [root]
  - use: deny-actions
    parameters: { actions: ["ec2:PurchaseReservedInstancesOffering"] }
    targets: [kind:sandbox]
`;

describe('guardrails planned and applied to the local cloud', () => {
  let env: Awaited<ReturnType<typeof freshLocalCloud>>;
  let file: string;
  beforeAll(async () => {
    env = await freshLocalCloud();
    file = join(env.dir, 'org.yaml');
    writeFileSync(file, SPEC);
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('creates and attaches the packed policies, then plans no changes', async () => {
    const validated = await validateSpecFile(file, { guardrails: FAKE_GUARDRAILS });
    expect(validated.diagnostics).toEqual([]);
    const model = validated.model!;
    const io = new RecordingIoHost();
    const first = await plan({ file, model, connection: env.connection, io, accessDiff: false });
    expect(first.plan.changes.filter((c) => c.origin).map((c) => [c.key, c.origin!.guardrails])).toEqual([
      ['guardrails-root', ['allowed-regions', 'deny-leave-organization']],
      ['guardrails-kind-sandbox', ['deny-actions']],
    ]);

    const applied = await apply({ yes: true, file, model, connection: env.connection, io, pollDelayMs: () => 20 });
    expect(applied.failed).toEqual([]);
    expect(applied.done.length).toBe(applied.plan.changes.length);

    const observed = await refreshOrganization(env.connection.clients.organizations);
    const byName = new Map(observed.policies.map((p) => [p.name, p]));
    const root = byName.get('guardrails-root')!;
    expect(root.targetIds).toEqual([observed.root!.id]);
    expect(JSON.parse(root.content).Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'AllowedRegionsDenyOthers',
      'DenyLeaveOrganization',
    ]);
    const sandboxIds = observed.accounts.filter((a) => a.name.startsWith('acme-sandbox-')).map((a) => a.id);
    expect([...byName.get('guardrails-kind-sandbox')!.targetIds].sort()).toEqual([...sandboxIds].sort());
    expect(byName.get('deny-s3-deletes')?.targetIds).toHaveLength(1);

    const second = await plan({ file, model, connection: env.connection, io, accessDiff: false });
    expect(second.plan.changes).toEqual([]);
    expect(second.plan.problems).toEqual([]);
  });
});

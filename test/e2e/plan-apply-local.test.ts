import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { apply } from '../../src/toolkit/apply.js';
import { init } from '../../src/toolkit/init.js';
import { plan } from '../../src/toolkit/plan.js';
import { refreshOrganization } from '../../src/providers/aws/organizations/reader.js';
import { freshLocalCloud } from './local-connection.js';

describe('plan and apply against the local cloud', () => {
  let env: Awaited<ReturnType<typeof freshLocalCloud>>;
  let file: string;
  beforeAll(async () => {
    env = await freshLocalCloud();
    file = join(env.dir, 'org.yaml');
    init({ template: 'growth', file });
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('creates the growth organization from nothing, then plans no changes', async () => {
    const io = new RecordingIoHost();
    const first = await plan({ file, connection: env.connection, io });
    expect(first.plan.changes.find((c) => c.kind === 'organization')?.action).toBe('create');

    const applied = await apply({ yes: true, file, connection: env.connection, io, pollDelayMs: () => 20 });
    expect(applied.failed).toEqual([]);
    expect(applied.skipped).toEqual([]);
    expect(applied.done.length).toBe(applied.plan.changes.length);

    const observed = await refreshOrganization(env.connection.clients.organizations);
    const prod = observed.accounts.find((a) => a.name === 'acme-prod')!;
    expect(observed.organizationalUnits.find((o) => o.id === prod.parentId)?.path).toBe('Workloads/Prod');
    expect(prod.tags).toMatchObject({ 'managed-by': 'bulkhead', environment: 'prod', 'cost-center': 'prod' });
    const region = observed.policies.find((p) => p.name === 'guardrails-root')!;
    expect(region.targetIds).toContain(observed.root!.id);
    const regionStatement = JSON.parse(region.content).Statement.find(
      (s: { Sid: string }) => s.Sid === 'AllowedRegionsDenyOthers',
    );
    expect(regionStatement.Condition.StringNotEquals['aws:RequestedRegion']).toEqual(['eu-west-1', 'eu-central-1']);

    const second = await plan({ file, connection: env.connection, io });
    expect(second.plan.changes).toEqual([]);
    expect(second.plan.problems).toEqual([]);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateAccountCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { apply } from '../../src/toolkit/apply.js';
import { init } from '../../src/toolkit/init.js';
import { plan } from '../../src/toolkit/plan.js';
import { freshLocalCloud } from './local-connection.js';

type Stack = {
  middlewareStack: { add(mw: unknown, options: { step: 'deserialize'; name: string; priority: 'high' }): void };
};

// An apply that died leaves up to five CreateAccount requests running, and AWS allows five at a
// time (TooManyRequestsException beyond). The next apply must spend its five slots on resuming
// them, not on new requests that AWS refuses until the old ones finish.
describe('apply after a crash that left CreateAccount requests running', () => {
  let env: Awaited<ReturnType<typeof freshLocalCloud>>;
  let file: string;
  const refused: string[] = [];

  beforeAll(async () => {
    // CreateAccount takes 3 s (the default profile): long enough that the requests sent below are still running
    // when the next plan reads them, even on a loaded machine.
    env = await freshLocalCloud({ fast: false });
    file = join(env.dir, 'org.yaml');
    init({ template: 'growth', file });
    // Organizations only: the CreateAccount requests end while this test plans, so the refresh must stay short.
    const text = readFileSync(file, 'utf8').replace(/^identity:\n(?:(?: .*|)\n)*/m, '');
    writeFileSync(file, text.replace(/^ {4}owner: .*\n/gm, ''));
    (env.connection.clients.organizations as unknown as Stack).middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        try {
          return await next(args);
        } catch (err) {
          refused.push(`${context.commandName ?? '?'}: ${(err as { name?: string }).name ?? String(err)}`);
          throw err;
        }
      },
      { step: 'deserialize', name: 'recordRefusals', priority: 'high' },
    );
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('resumes the running requests first and never exceeds five in flight', async () => {
    const io = new RecordingIoHost();
    const withoutAccounts = (await plan({ file, connection: env.connection, io })).plan.changes
      .filter((c) => c.kind === 'account')
      .map((c) => c.id);
    expect(withoutAccounts).toHaveLength(10);
    const org = env.connection.clients.organizations;
    // With no CreateAccount slot, apply does everything but the accounts, which it skips.
    const first = await apply({
      yes: true,
      file,
      connection: env.connection,
      io,
      pollDelayMs: () => 20,
      createAccountConcurrency: 0,
    });
    const skipped = first.skipped.map((s) => s.id).sort();
    expect(skipped.filter((id) => id.startsWith('account:'))).toEqual([...withoutAccounts].sort());
    // What needs an account waits with it: the trail's bucket (log-archive), the security services (security), the
    // budgets watching new accounts (prod, the sandboxes) and prod's quota increase.
    expect(skipped.filter((id) => !id.startsWith('account:'))).toEqual([
      'budget:prod-monthly',
      'budget:sandbox-alice-monthly',
      'budget:sandbox-bob-monthly',
      'delegated-admin:config-multiaccountsetup.amazonaws.com',
      'delegated-admin:config.amazonaws.com',
      'delegated-admin:guardduty.amazonaws.com',
      'delegated-admin:securityhub.amazonaws.com',
      'organization-trail',
      'security-service:config',
      'security-service:guardduty',
      'security-service:securityhub',
      'service-quota:acme-prod/lambda/L-B99A9384@eu-west-1',
      'trail-bucket',
    ]);
    // The crashed run had sent CreateAccount for the five accounts last in plan order.
    const late = ['acme-security', 'acme-shared-services', 'acme-staging-qa', 'acme-staging-uat', 'acme-sandbox-bob'];
    for (const name of late)
      await org.send(new CreateAccountCommand({ AccountName: name, Email: `aws+${name.slice(5)}@example.com` }));

    const resumed = await plan({ file, connection: env.connection, io });
    expect(
      resumed.plan.changes
        .filter(
          (c) => c.kind === 'account' && c.payload.action === 'create' && c.payload.pendingRequestId !== undefined,
        )
        .map((c) => c.label)
        .sort(),
    ).toEqual([...late].sort());
    refused.length = 0;
    const applied = await apply({ yes: true, file, connection: env.connection, io, pollDelayMs: () => 20 });
    expect(applied.failed).toEqual([]);
    expect(refused).toEqual([]);
    expect((await plan({ file, connection: env.connection, io })).plan.changes).toEqual([]);
  }, 60_000);
});

import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshOrganization } from '../../src/providers/aws/organizations/reader.js';
import { createClients } from '../../src/providers/aws/clients.js';
import { freshLocalCloud } from './local-connection.js';

type Stack = { middlewareStack: { add(mw: unknown, options: { step: 'initialize'; name: string }): void } };

// An apply that died leaves CreateAccount requests running; the next refresh must see each of them
// either as an account or as a request in progress. If one finishes between the two reads, reading
// the accounts first and the requests second sees it in neither, and the plan sends a second
// CreateAccount for the same email (FAILED: EMAIL_ALREADY_EXISTS). The crash suite hit this under load.
describe('refresh while a CreateAccount request finishes', () => {
  let env: Awaited<ReturnType<typeof freshLocalCloud>>;
  beforeAll(async () => {
    // CreateAccount takes 1 s (the default 3 s at time scale 1/3).
    env = await freshLocalCloud({ fast: false, timeScale: 1 / 3 });
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('sees the account or its request, whichever order the reads and the completion take', async () => {
    const org = env.connection.clients.organizations;
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const requestId = (
      await org.send(new CreateAccountCommand({ AccountName: 'acme-late', Email: 'aws+late@example.com' }))
    ).CreateAccountStatus!.Id!;

    // A separate client waits for the request to finish just before refresh lists the requests in
    // progress: the worst moment for a refresh that lists the accounts first.
    const watcher = createClients(env.connection.target);
    const refreshing = createClients(env.connection.target);
    let waited = false;
    (refreshing.organizations as unknown as Stack).middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        if (context.commandName === 'ListCreateAccountStatusCommand' && !waited) {
          waited = true;
          for (;;) {
            const s = await watcher.organizations.send(
              new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId }),
            );
            if (s.CreateAccountStatus!.State !== 'IN_PROGRESS') break;
            await new Promise((r) => setTimeout(r, 20));
          }
        }
        return next(args);
      },
      { step: 'initialize', name: 'finishCreateAccountFirst' },
    );
    try {
      const observed = await refreshOrganization(refreshing.organizations);
      expect(waited).toBe(true);
      const asAccount = observed.accounts.some((a) => a.email === 'aws+late@example.com');
      const asRequest = observed.pendingCreates.some((p) => p.requestId === requestId);
      expect(asAccount || asRequest).toBe(true);
    } finally {
      watcher.destroy();
      refreshing.destroy();
    }
  }, 30_000);
});

import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
} from '@aws-sdk/client-organizations';
import { eventually, startHarness } from '../local-cloud/helpers.js';
import { createClients } from '../../src/providers/aws/clients.js';
import type { ClientOptions } from '../../src/providers/aws/clients.js';

/** A fast local cloud with an organization and one member account, and Bulkhead's clients for it. */
export async function cloudWithMember(options: ClientOptions = {}) {
  const h = await startHarness();
  const managementId = (await h.org.send(new CreateOrganizationCommand({}))).Organization?.MasterAccountId ?? '';
  const started = await h.org.send(new CreateAccountCommand({ Email: 'member@example.com', AccountName: 'member' }));
  const memberId = await eventually(async () => {
    const s = await h.org.send(
      new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.CreateAccountStatus?.Id }),
    );
    return s.CreateAccountStatus?.AccountId;
  });
  const clients = createClients(
    { kind: 'local', endpoint: h.cloud.endpoint, region: h.cloud.region, credentials: h.cloud.credentials },
    { maxAttempts: 1, ...options },
  );
  return {
    h,
    clients,
    managementId,
    memberId,
    async stop() {
      clients.destroy();
      await h.stop();
    },
  };
}

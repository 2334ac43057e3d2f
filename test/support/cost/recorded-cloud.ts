import type { Connection } from '../../../src/toolkit/connect.js';

/** A recorded Cost Explorer exchange: the request's operation and input, and what Cost Explorer answered. */
export interface RecordedCall {
  operation: string;
  input: Record<string, unknown>;
  output?: Record<string, unknown>;
  /** An error answer instead: its name and message. */
  error?: { name: string; message: string };
}

export interface RecordedResponses {
  /** The clock of the recording (ISO instant). */
  now: string;
  organization: {
    managementAccountId: string;
    accounts: { id: string; name: string; email: string; tags?: Record<string, string> }[];
  };
  costExplorer: RecordedCall[];
}

const nameOf = (command: object): string => command.constructor.name.replace(/Command$/, '');

/**
 * A connection whose Cost Explorer answers from the recording: a request must match one recorded input exactly
 * (anything else fails the test, naming the request), and Organizations and STS answer from `organization`.
 * `sent` lists every Cost Explorer request in order.
 */
export function recordedConnection(rec: RecordedResponses): { connection: Connection; sent: RecordedCall[] } {
  const sent: RecordedCall[] = [];
  const ce = {
    send: async (command: { input: Record<string, unknown> }) => {
      const operation = nameOf(command);
      const input = JSON.parse(JSON.stringify(command.input)) as Record<string, unknown>;
      sent.push({ operation, input });
      const match = rec.costExplorer.find(
        (c) => c.operation === operation && JSON.stringify(c.input) === JSON.stringify(input),
      );
      if (!match) throw new Error(`no recorded answer for ${operation} ${JSON.stringify(input)}`);
      if (match.error) throw Object.assign(new Error(match.error.message), { name: match.error.name, $metadata: {} });
      return match.output ?? {};
    },
  };
  const org = rec.organization;
  const organizations = {
    send: async (command: { input: Record<string, unknown> }) => {
      const operation = nameOf(command);
      if (operation === 'ListAccounts')
        return { Accounts: org.accounts.map((a) => ({ Id: a.id, Name: a.name, Email: a.email, Status: 'ACTIVE' })) };
      if (operation === 'ListTagsForResource') {
        const a = org.accounts.find((x) => x.id === command.input['ResourceId']);
        return { Tags: Object.entries(a?.tags ?? {}).map(([Key, Value]) => ({ Key, Value })) };
      }
      if (operation === 'DescribeOrganization')
        return { Organization: { Id: 'o-recorded', MasterAccountId: org.managementAccountId } };
      throw new Error(`no recorded answer for organizations ${operation}`);
    },
  };
  const sts = {
    send: async () => ({ Arn: `arn:aws:iam::${org.managementAccountId}:root`, Account: org.managementAccountId }),
  };
  const clients = { client: () => ce, organizations, sts, destroy() {} };
  const connection = {
    target: { kind: 'local', endpoint: 'http://recorded', region: 'us-east-1' },
    description: 'recorded responses',
    clients,
    close: async () => {},
  } as unknown as Connection;
  return { connection, sent };
}

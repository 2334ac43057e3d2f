import type { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { describe, expect, it } from 'vitest';
import { AssignmentPoller } from '../../src/providers/aws/identity-center/assignment-poller.js';
import { assignmentReadMessage, assignmentReadPlan } from '../../src/providers/aws/identity-center/reader.js';
import type { ApplyContext } from '../../src/providers/aws/provider.js';

/** An sso-admin stand-in: each request id ends after `rounds` status polls; `sent` counts requests by command. */
function fakeSso(rounds: Map<string, number>, fail = new Set<string>()) {
  const sent = new Map<string, number>();
  const left = new Map(rounds);
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.set(name, (sent.get(name) ?? 0) + 1);
      if (name === 'ListAccountAssignmentCreationStatus' && command.input['Filter'] !== undefined) {
        const wanted = (command.input['Filter'] as { Status: string }).Status;
        if (wanted === 'FAILED') {
          const failed = [...left].filter(([id, n]) => n <= 0 && fail.has(id)).map(([RequestId]) => RequestId);
          return { AccountAssignmentsCreationStatus: failed.map((RequestId) => ({ RequestId, Status: 'FAILED' })) };
        }
        for (const [id, n] of left) left.set(id, n - 1);
        const running = [...left].filter(([, n]) => n > 0).map(([RequestId]) => ({ RequestId, Status: 'IN_PROGRESS' }));
        return { AccountAssignmentsCreationStatus: running };
      }
      const id = command.input['AccountAssignmentCreationRequestId'] as string;
      if ((left.get(id) ?? 0) > 0 && sent.get('ListAccountAssignmentCreationStatus') === undefined)
        left.set(id, left.get(id)! - 1);
      const done = (left.get(id) ?? 0) <= 0;
      const Status = done ? (fail.has(id) ? 'FAILED' : 'SUCCEEDED') : 'IN_PROGRESS';
      return {
        AccountAssignmentCreationStatus: {
          RequestId: id,
          Status,
          ...(Status === 'FAILED' ? { FailureReason: 'no' } : {}),
        },
      };
    },
  };
  return { client: client as unknown as SSOAdminClient, sent };
}

const ctx = {
  sleep: () => Promise.resolve(),
  pollDelayMs: () => 0,
  pollSlot: () => Promise.resolve(),
} as unknown as ApplyContext;

describe('assignment poller', () => {
  it('waits on ten outstanding operations with listings per round and one describe per operation that failed', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `r-${i}`);
    const { client, sent } = fakeSso(new Map(ids.map((id, i) => [id, 1 + (i % 3)])), new Set(['r-4']));
    const poller = new AssignmentPoller(client, 'arn:aws:sso:::instance/ssoins-x');
    const statuses = await Promise.all(ids.map((id) => poller.wait(id, 'create', ctx)));
    expect(statuses.map((s) => s.Status)).toEqual(ids.map((id) => (id === 'r-4' ? 'FAILED' : 'SUCCEEDED')));
    // Three rounds (the longest takes three polls), each listing those IN_PROGRESS and then, as some ended, those
    // FAILED; only the failed operation is described, for AWS's reason.
    expect(sent.get('ListAccountAssignmentCreationStatus')).toBe(6);
    expect(sent.get('DescribeAccountAssignmentCreationStatus')).toBe(1);
    expect(statuses.find((s) => s.Status === 'FAILED')?.FailureReason).toBe('no');
  });

  it('asks one outstanding operation directly', async () => {
    const { client, sent } = fakeSso(new Map([['r-1', 2]]));
    const poller = new AssignmentPoller(client, 'arn:aws:sso:::instance/ssoins-x');
    expect((await poller.wait('r-1', 'create', ctx)).Status).toBe('SUCCEEDED');
    expect(sent.get('ListAccountAssignmentCreationStatus')).toBeUndefined();
    expect(sent.get('DescribeAccountAssignmentCreationStatus')).toBe(2);
  });
});

describe('reading assignments', () => {
  it('says both counts in ASCII, so an ASCII locale shows the message as it is', () => {
    const message = assignmentReadMessage({
      perAccountAndPermissionSet: 5000,
      perPrincipal: 240,
      chosen: 'per-principal',
    });
    expect(message).toMatch(/^assignments read per principal: 240 ListAccountAssignmentsForPrincipal .* vs 5000 /);
    expect(/^[\x20-\x7e]*$/.test(message)).toBe(true);
  });

  it('picks the cheaper of per (account × provisioned permission set) and per principal', () => {
    const sets = [{ provisionedAccountIds: ['a', 'b', 'c'] }, { provisionedAccountIds: ['a'] }];
    expect(assignmentReadPlan(sets, 10)).toEqual({
      perAccountAndPermissionSet: 4,
      perPrincipal: 10,
      chosen: 'per-account-and-permission-set',
    });
    expect(assignmentReadPlan(sets, 3).chosen).toBe('per-principal');
    // The benchmark's shape: 1,000 accounts × 10 permission sets vs 40 groups (+ users).
    const bench = Array.from({ length: 10 }, () => ({ provisionedAccountIds: Array.from({ length: 1000 }, String) }));
    expect(assignmentReadPlan(bench, 40 + 100)).toMatchObject({
      perAccountAndPermissionSet: 10_000,
      chosen: 'per-principal',
    });
  });
});

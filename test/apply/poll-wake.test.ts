import { describe, expect, it } from 'vitest';
import { Durations } from '../../src/providers/aws/durations.js';
import { accountProvider } from '../../src/providers/aws/organizations/account.js';
import type { ApplyContext } from '../../src/providers/aws/provider.js';
import type { KindChange } from '../../src/plan/types.js';

/** Organizations as CreateAccount sees it: every request ends `endsAfterMs` after it was sent. */
function organizations(endsAfterMs: number) {
  const sent = new Map<string, number>();
  const polls: string[] = [];
  const send = (command: { constructor: { name: string }; input: Record<string, string> }) => {
    const name = command.constructor.name.replace(/Command$/, '');
    if (name === 'CreateAccount') {
      const id = `car-${command.input['AccountName']}`;
      sent.set(id, Date.now());
      return Promise.resolve({ CreateAccountStatus: { Id: id, State: 'IN_PROGRESS' } });
    }
    if (name === 'DescribeCreateAccountStatus') {
      const id = command.input['CreateAccountRequestId']!;
      polls.push(id);
      const done = Date.now() - sent.get(id)! >= endsAfterMs;
      const status = done
        ? { Id: id, State: 'SUCCEEDED', AccountId: '111111111111' }
        : { Id: id, State: 'IN_PROGRESS' };
      return Promise.resolve({ CreateAccountStatus: status });
    }
    throw new Error(`unexpected ${name}`);
  };
  return { client: { send }, polls };
}

const create = (name: string) =>
  ({
    id: `account:${name}`,
    kind: 'account',
    key: name,
    label: name,
    action: 'create',
    properties: [],
    dependsOn: [],
    destructive: false,
    payload: {
      action: 'create',
      name,
      email: `${name}@example.com`,
      ou: null,
      root: { address: { kind: 'organization', key: 'organization' }, id: 'r-root' },
      tags: {},
    },
  }) as unknown as KindChange<'account'>;

// AWS ends CreateAccount requests sent together at about the same time: once one of them is seen to end, the
// others are polled at once, not at their own next turn.
describe('creations sent together', () => {
  it('are noticed together: the first one seen to end wakes the others', async () => {
    const aws = organizations(300);
    const durations = new Durations();
    let first = true;
    const ctx = (): ApplyContext =>
      ({
        clients: { organizations: aws.client },
        progress: () => {},
        sleep: (ms: number, wake?: Promise<void>) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, ms);
            void wake?.then(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
        // One creation polls every 20 ms; the others would wait 10 s between polls.
        pollDelayMs: (() => {
          const fast = first;
          first = false;
          return () => (fast ? 20 : 10_000);
        })(),
        pollSlot: () => Promise.resolve(),
        releaseLane: () => {},
        durations,
        signal: new AbortController().signal,
      }) as unknown as ApplyContext;
    const started = Date.now();
    const results = await Promise.all(['a', 'b', 'c'].map((n) => accountProvider.apply(create(n), ctx())));
    const took = Date.now() - started;
    expect(results.map((r) => r.physicalId)).toEqual(Array(3).fill('111111111111'));
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(2_000);
    // The slow two polled only when woken.
    expect(aws.polls.filter((p) => p !== 'car-a').sort()).toEqual(['car-b', 'car-c']);
  });
});

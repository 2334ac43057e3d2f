import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { describe, expect, it } from 'vitest';
import { encodeHolder, type LockHolder } from '../../src/providers/aws/lock-holder.js';
import { releaseLockPolicy } from '../../src/providers/aws/lock-release.js';
import { ApplyMarkError } from '../../src/providers/aws/apply-mark.js';

const ours: LockHolder = { holder: 'me', since: '2026-01-01T00:00:00.000Z', token: 'ours' };
const lock = { policyId: 'p-lock', holder: ours };

function awsError(name: string): Error {
  return Object.assign(new Error(`${name} from the fake`), { name });
}

/** A client whose answers are scripted per call: an Error is thrown, 'hang' never answers. */
function fakeOrg(script: (command: string, call: number) => unknown) {
  const calls: string[] = [];
  const org = {
    send(command: object) {
      const name = command.constructor.name.replace(/Command$/, '');
      calls.push(name);
      const answer = script(name, calls.length);
      if (answer === 'hang') return new Promise(() => {});
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
  return { org: org as unknown as OrganizationsClient, calls };
}

const described = (holder: LockHolder) => ({
  Policy: { PolicySummary: { Id: 'p-lock', Description: encodeHolder(holder) } },
});

describe('releasing the apply lock', () => {
  it('retries transient failures with growing pauses, then deletes', async () => {
    const { org, calls } = fakeOrg((name, call) =>
      call <= 3
        ? awsError(call === 2 ? 'TooManyRequestsException' : 'ServiceException')
        : name === 'DescribePolicy'
          ? described(ours)
          : {},
    );
    const pauses: number[] = [];
    const outcome = await releaseLockPolicy(org, lock, () => Promise.resolve(undefined), {
      sleep: (ms) => (pauses.push(ms), Promise.resolve()),
    });
    expect(outcome).toEqual({ status: 'released', attempts: 4 });
    expect(pauses).toEqual([250, 500, 1000]);
    expect(calls.slice(-2)).toEqual(['DescribePolicy', 'DeletePolicy']);
  });

  it('gives up after the attempts with a typed error that says to run bulkhead unlock', async () => {
    const { org, calls } = fakeOrg(() => awsError('ServiceException'));
    const outcome = await releaseLockPolicy(org, lock, () => Promise.resolve(undefined), {
      attempts: 3,
      sleep: () => Promise.resolve(),
    });
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(calls).toHaveLength(3);
    expect(outcome.error.code).toBe('lock-release-failed');
    expect(outcome.error.message).toMatch(
      /could not release the apply lock \(policy p-lock, held by me\) after 3 tries/,
    );
    expect(outcome.error.message).toMatch(/ServiceException from the fake/);
    expect(outcome.error.hint).toMatch(/bulkhead unlock/);
  });

  it('does not retry what no retry fixes', async () => {
    const { org, calls } = fakeOrg(() => awsError('AccessDeniedException'));
    const outcome = await releaseLockPolicy(org, lock, () => Promise.resolve(undefined), {
      sleep: () => Promise.resolve(),
    });
    expect(outcome.status).toBe('failed');
    expect(calls).toEqual(['DescribePolicy']);
  });

  it('stops waiting at the deadline when the endpoint never answers', async () => {
    const { org } = fakeOrg(() => 'hang');
    const started = Date.now();
    const outcome = await releaseLockPolicy(org, lock, () => Promise.resolve(undefined), { deadlineMs: 300 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.error.message).toMatch(/no answer within 300 ms/);
  });

  it('leaves a lock alone whose token is no longer ours', async () => {
    const theirs = { ...ours, holder: 'them', token: 'theirs' };
    const { org, calls } = fakeOrg(() => described(theirs));
    const outcome = await releaseLockPolicy(org, lock, () => Promise.resolve(theirs));
    expect(outcome).toEqual({ status: 'lost', attempts: 1, current: theirs });
    expect(calls).not.toContain('DeletePolicy');
  });

  it('a delete whose answer was lost, retried, counts as released', async () => {
    const { org } = fakeOrg((name, call) =>
      name === 'DescribePolicy'
        ? described(ours)
        : call === 2
          ? awsError('ServiceException')
          : awsError('PolicyNotFoundException'),
    );
    const outcome = await releaseLockPolicy(org, lock, () => Promise.resolve(undefined), {
      sleep: () => Promise.resolve(),
    });
    expect(outcome).toEqual({ status: 'released', attempts: 2 });
  });

  it('writes the apply mark on every try, before it deletes', async () => {
    const { org, calls } = fakeOrg((name, call) =>
      name === 'DescribePolicy' ? (call === 1 ? awsError('ServiceException') : described(ours)) : {},
    );
    const marks: string[] = [];
    const outcome = await releaseLockPolicy(org, lock, () => Promise.resolve(undefined), {
      sleep: () => Promise.resolve(),
      mark: () => {
        marks.push(`mark before ${calls.filter((c) => c === 'DeletePolicy').length} deletes`);
        return Promise.resolve();
      },
    });
    expect(outcome).toEqual({ status: 'released', attempts: 2 });
    expect(marks).toEqual(['mark before 0 deletes', 'mark before 0 deletes']);
  });

  it('keeps the lock when AWS refuses the mark for good, and says what to allow', async () => {
    const { org, calls } = fakeOrg((name) => (name === 'DescribePolicy' ? described(ours) : {}));
    const outcome = await releaseLockPolicy(org, lock, () => Promise.resolve(undefined), {
      sleep: () => Promise.resolve(),
      mark: () => Promise.reject(new ApplyMarkError(awsError('AccessDeniedException'))),
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.attempts).toBe(1);
    expect(calls).not.toContain('DeletePolicy');
    if (outcome.status === 'failed') {
      expect(outcome.error.message).toMatch(/apply mark \(the tag bulkhead:last-apply on the root\)/);
      expect(outcome.error.hint).toMatch(/organizations:TagResource on the root/);
    }
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import {
  describeProcess,
  encodeHolder,
  lockHolderState,
  MAX_DESCRIPTION_LENGTH,
  parseHolder,
  type LockHolder,
} from '../../src/providers/aws/lock-holder.js';

const base = { holder: 'someone', since: '2026-01-02T03:04:05.000Z', token: 't-1' };
const holderFor = (identity: Partial<LockHolder>): LockHolder => ({ ...base, ...identity });

const children: ChildProcess[] = [];
function startChild(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone; // node has reaped it by now: the pid no longer exists
}
afterEach(async () => {
  await Promise.all(children.splice(0).map(stop));
});

describe('lockHolderState', () => {
  it('this process holds the lock', () => {
    expect(lockHolderState(holderFor(describeProcess(process.pid)))).toBe('this-process');
  });

  it('a child that runs is alive here; once killed it is dead here', async () => {
    const child = startChild();
    const holder = holderFor(describeProcess(child.pid!));
    expect(lockHolderState(holder)).toBe('alive-here');
    await stop(child);
    expect(lockHolderState(holder)).toBe('dead-here');
  });

  it('a pid that now belongs to another process (another start) is dead here', () => {
    const me = describeProcess(process.pid);
    // Linux: the start identity is read from /proc.
    expect(me.processStart).toMatch(/^[0-9a-f-]{36}\/\d+$/);
    expect(lockHolderState(holderFor({ ...me, processStart: `${me.processStart!.split('/')[0]}/1` }))).toBe(
      'dead-here',
    );
    const child = startChild();
    expect(lockHolderState(holderFor({ host: hostname(), pid: child.pid!, processStart: me.processStart! }))).toBe(
      'dead-here',
    );
  });

  it('another host cannot be checked from here', () => {
    expect(lockHolderState(holderFor({ host: `not-${hostname()}`, pid: process.pid }))).toBe('other-host');
  });

  it.each([
    ['no host or pid', {}],
    ['pid 0 (would mean the process group)', { host: hostname(), pid: 0 }],
    ['a negative pid (would mean every process)', { host: hostname(), pid: -1 }],
    ['a fractional pid', { host: hostname(), pid: 1.5 }],
  ])('%s is unknown', (_, identity) => {
    expect(lockHolderState(holderFor(identity))).toBe('unknown');
  });

  it('no readable holder at all is unknown', () => {
    expect(lockHolderState(undefined)).toBe('unknown');
  });

  it('reads the host and pid from the holder line older versions wrote', async () => {
    const child = startChild();
    const legacy = { ...base, holder: `alice@${hostname()} (pid ${child.pid})` };
    expect(lockHolderState(legacy)).toBe('alive-here');
    await stop(child);
    expect(lockHolderState(legacy)).toBe('dead-here');
  });
});

describe('the holder record', () => {
  it('round-trips through the policy description', () => {
    const holder = holderFor({ ...describeProcess(process.pid), command: 'bulkhead apply org.yaml' });
    expect(parseHolder(encodeHolder(holder))).toEqual(holder);
  });

  it('fits AWS limit of 512 characters, keeping the token, when the command and host are long', () => {
    const holder = holderFor({
      ...describeProcess(process.pid),
      holder: `ci@${'h'.repeat(250)} (pid 1)`,
      host: 'h'.repeat(250),
      command: `bulkhead apply ${'x'.repeat(600)}`,
    });
    const text = encodeHolder(holder);
    expect(text.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    const back = parseHolder(text)!;
    expect(back.token).toBe(holder.token);
    expect(back.since).toBe(holder.since);
    // A clipped host would name another machine: it is dropped rather than cut.
    expect(back.host === undefined || back.host === holder.host).toBe(true);
  });

  it.each([
    ['not JSON', 'held by bob'],
    ['not an object', '"text"'],
    ['no token', JSON.stringify({ holder: 'a', since: 'b' })],
    ['a token that is not a string', JSON.stringify({ holder: 'a', since: 'b', token: 7 })],
  ])('a description that is %s has no holder', (_, text) => {
    expect(parseHolder(text)).toBeUndefined();
  });

  it('ignores fields of the wrong type', () => {
    expect(parseHolder(JSON.stringify({ ...base, pid: '12', host: 3 }))).toEqual(base);
  });
});

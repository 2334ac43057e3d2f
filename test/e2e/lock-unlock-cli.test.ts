import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { CreateOrganizationCommand } from '@aws-sdk/client-organizations';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerUnlock, type Prompt } from '../../src/cli/commands/unlock.js';
import type { Terminal } from '../../src/cli/io.js';
import { makeStyle } from '../../src/cli/render/style.js';
import { BulkheadError } from '../../src/core/errors.js';
import { acquireLock, breakLock, describeProcess, readLock } from '../../src/providers/aws/lock.js';
import { runCli } from '../cli/run-cli.js';
import { cloudWithTemplate } from './local-connection.js';

const children: ChildProcess[] = [];
function startHolder(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone;
}

/** `bulkhead unlock` in this process, with a scripted terminal prompt. */
async function unlockWithPrompt(args: string[], answer: string | undefined, meanwhile?: () => Promise<unknown>) {
  const out: string[] = [];
  const questions: string[] = [];
  const term: Terminal = { out: (t) => out.push(t), err: () => {}, style: makeStyle(false), isTty: true };
  const prompt: Prompt = {
    available: () => true,
    ask: async (q) => {
      questions.push(q);
      await meanwhile?.();
      return answer;
    },
  };
  const program = new Command().exitOverride();
  registerUnlock(program, term, prompt);
  const error = await program.parseAsync(['unlock', ...args], { from: 'user' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { out: out.join('\n'), questions, error };
}

describe('bulkhead unlock', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  let target: string[];
  const org = () => env.connection.clients.organizations;

  /** A lock held by a process started here, which is then killed unless `alive`. */
  async function lockHeldByChild(alive: boolean) {
    const child = startHolder();
    const held = await acquireLock(org(), { process: describeProcess(child.pid!), command: 'bulkhead apply org.yaml' });
    if (!alive) await kill(child);
    return { child, held };
  }

  beforeAll(async () => {
    env = await cloudWithTemplate('startup', { applied: false });
    await org().send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    target = ['--endpoint', env.cloud.endpoint];
    env.useCredentials();
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map(kill));
    const left = await readLock(org());
    if (left) await runCli(['unlock', '--force', ...target]);
  });
  afterAll(async () => {
    await env.stop();
  });

  it('nothing to break: exit 0', async () => {
    const r = await runCli(['unlock', ...target]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('The organization is not locked.');
    expect(JSON.parse((await runCli(['unlock', '--json', ...target])).stdout)).toEqual({
      locked: false,
      broken: false,
    });
  });

  it('a holder that died on this host: shown, refused without a terminal or --yes, broken with --yes', async () => {
    const { child } = await lockHeldByChild(false);
    const asked = await runCli(['unlock', ...target]);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toMatch(new RegExp(`locked by .*@${hostname()} \\(pid ${child.pid}\\) since \\d{4}-`));
    expect(asked.stdout).toContain('command: bulkhead apply org.yaml');
    expect(asked.stdout).toContain(`process ${child.pid} is gone from this host`);
    expect(asked.stderr).toMatch(/no terminal to ask\n {2}hint: .*pass --yes/);
    expect(await readLock(org())).toBeDefined();

    const broken = await runCli(['unlock', '--yes', ...target]);
    expect(broken.code, broken.stderr).toBe(0);
    expect(broken.stdout).toMatch(/✓ unlocked: broke the lock held by .*\(pid \d+\)/);
    expect(await readLock(org())).toBeUndefined();
  });

  it('a holder that still runs here is refused, even with --yes; --force breaks it', async () => {
    const { child } = await lockHeldByChild(true);
    const refused = await runCli(['unlock', '--yes', ...target]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`process ${child.pid} still runs on this host`);
    expect(refused.stderr).toMatch(
      /refusing to break the lock: its holder still runs on this host\n {2}hint: .*--force/,
    );
    expect(await readLock(org())).toBeDefined();

    const forced = await runCli(['unlock', '--force', ...target]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readLock(org())).toBeUndefined();
  });

  it('a holder on another host is refused without --force', async () => {
    await acquireLock(org(), { process: { host: 'build-runner-3.example', pid: 4242 } });
    const r = await runCli(['unlock', '--yes', ...target]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('it was taken on build-runner-3.example; from here Bulkhead cannot tell');
    expect(r.stderr).toMatch(/its holder may still be running/);
    expect(await readLock(org())).toBeDefined();
  });

  it('--json: one object with the holder and its state, also when refused', async () => {
    const { held } = await lockHeldByChild(true);
    const refused = await runCli(['unlock', '--json', ...target]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      locked: true,
      policyId: held.policyId,
      holder: held.holder,
      holderState: 'alive-here',
      broken: false,
      refused: { code: 'unlock-refused', message: expect.stringMatching(/still runs/), hint: expect.any(String) },
    });
    const forced = await runCli(['unlock', '--json', '--force', ...target]);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ locked: true, holderState: 'alive-here', broken: true });
  });

  it.each([
    ['y', true],
    ['yes', true],
    ['n', false],
    ['', false],
    [undefined, false], // Ctrl-C or Ctrl-D
  ])("on a terminal it asks before breaking a dead holder's lock (answer %j)", async (answer, breaks) => {
    await lockHeldByChild(false);
    const r = await unlockWithPrompt(target, answer);
    expect(r.questions).toEqual(['Break the lock? [y/N] ']);
    expect(await readLock(org())).toEqual(breaks ? undefined : expect.anything());
    if (breaks) expect(r.error).toBeUndefined();
    else expect(BulkheadError.is(r.error) && r.error.code).toBe('unlock-cancelled');
  });

  it("on a terminal it does not offer to break a live holder's lock", async () => {
    await lockHeldByChild(true);
    const r = await unlockWithPrompt(target, 'yes');
    expect(r.questions).toEqual([]);
    expect(BulkheadError.is(r.error) && r.error.code).toBe('unlock-refused');
  });

  it('breaks only the lock it showed: one released and taken again while the user decided stays', async () => {
    await lockHeldByChild(false);
    let retaken = '';
    const r = await unlockWithPrompt(target, 'y', async () => {
      await breakLock(org());
      retaken = (await acquireLock(org(), { holder: 'the-next-apply' })).policyId;
    });
    expect(BulkheadError.is(r.error) && r.error.code).toBe('unlock-changed');
    expect((r.error as BulkheadError).hint).toMatch(/now held by the-next-apply/);
    expect((await readLock(org()))?.policyId).toBe(retaken);
  });
});

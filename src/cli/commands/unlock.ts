import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { BulkheadError } from '../../core/errors.js';
import type { Terminal } from '../io.js';
import { ProgressIoHost } from '../render/progress.js';
import type { LockHolder, LockHolderState, LockInspection } from '../../toolkit/unlock.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

/** Asks on the terminal; undefined when the user pressed Ctrl-C or Ctrl-D. */
export interface Prompt {
  available: () => boolean;
  ask: (question: string) => Promise<string | undefined>;
}

export const terminalPrompt: Prompt = {
  available: () => Boolean(process.stdin.isTTY),
  async ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const cancel = new AbortController();
    rl.on('SIGINT', () => cancel.abort());
    rl.on('close', () => cancel.abort());
    try {
      return await rl.question(question, { signal: cancel.signal });
    } catch {
      return undefined;
    } finally {
      rl.close();
    }
  },
};

interface UnlockFlags extends TargetFlags {
  yes?: boolean;
  force?: boolean;
  json?: boolean;
}

function stateLine(holder: LockHolder | undefined, state: LockHolderState): string {
  const pid = holder?.pid ?? /\(pid (\d+)\)$/.exec(holder?.holder ?? '')?.[1];
  switch (state) {
    case 'dead-here':
      return `process ${pid} is gone from this host: the apply that took the lock died without releasing it`;
    case 'alive-here':
    case 'this-process':
      return `process ${pid} still runs on this host: an apply may be in progress`;
    case 'other-host':
      return `it was taken on ${holder?.host ?? 'another host'}; from here Bulkhead cannot tell whether that apply still runs`;
    case 'unknown':
      return 'the lock does not say which process holds it, so Bulkhead cannot tell whether it still runs';
  }
}

function refusal(state: LockHolderState): BulkheadError {
  return new BulkheadError(
    'unlock-refused',
    state === 'alive-here' || state === 'this-process'
      ? 'refusing to break the lock: its holder still runs on this host'
      : 'refusing to break the lock: its holder may still be running',
    {
      hint: 'wait for that apply to finish; if you are sure it no longer runs, `bulkhead unlock --force` breaks the lock anyway',
    },
  );
}

export function registerUnlock(program: Command, term: Terminal, prompt: Prompt = terminalPrompt): void {
  addTargetOptions(
    program
      .command('unlock')
      .description('show the apply lock, and break it when the apply holding it is gone')
      .option('-y, --yes', 'break a lock whose holder is gone from this host without asking')
      .option('--force', 'break the lock even when its holder may still run (on this host or another)')
      .option('--json', 'print { locked, holder, holderState, broken } as JSON'),
  ).action(async (flags: UnlockFlags) => {
    const { connect } = await import('../../toolkit/connect.js');
    const { inspectLock, unlockPolicy, breakInspectedLock } = await import('../../toolkit/unlock.js');
    // With --json, stdout holds the one JSON answer and nothing else.
    const connection = await connect(targetOptions(flags), flags.json ? undefined : new ProgressIoHost(term, 'plain'));
    const report = (lock: LockInspection, broken: boolean, refused?: BulkheadError) => {
      if (!flags.json) return;
      const json = lock.locked
        ? { locked: true, policyId: lock.policyId, holder: lock.holder ?? null, holderState: lock.state, broken }
        : { locked: false, broken: false };
      const why = refused && { refused: { code: refused.code, message: refused.message, hint: refused.hint } };
      term.out(JSON.stringify({ ...json, ...why }));
    };
    try {
      const lock = await inspectLock(connection);
      if (!lock.locked) {
        report(lock, false);
        if (!flags.json) term.out('The organization is not locked.');
        return;
      }
      const { holder, state } = lock;
      if (!flags.json) {
        term.out(`The organization is locked${holder ? ` by ${holder.holder} since ${holder.since}` : ''}.`);
        if (holder?.command) term.out(`  command: ${holder.command}`);
        term.out(`  ${stateLine(holder, state)}.`);
      }
      const refuse = (err: BulkheadError): never => {
        report(lock, false, err);
        throw err;
      };
      const decision = unlockPolicy(state, { force: flags.force === true });
      if (decision === 'refuse') refuse(refusal(state));
      if (decision === 'ask' && !flags.yes) {
        if (!prompt.available())
          refuse(
            new BulkheadError(
              'unlock-needs-yes',
              'breaking the lock needs confirmation, and there is no terminal to ask',
              {
                hint: 'its holder is gone from this host: pass --yes to break the lock',
              },
            ),
          );
        const answer = await prompt.ask('Break the lock? [y/N] ');
        if (answer === undefined || !/^y(es)?$/i.test(answer.trim()))
          refuse(new BulkheadError('unlock-cancelled', 'the lock was left in place'));
      }
      const outcome = await breakInspectedLock(connection, lock.policyId);
      if (outcome.status === 'changed')
        refuse(
          new BulkheadError('unlock-changed', 'the lock changed while unlock looked at it; it was left in place', {
            hint: `it is now held${outcome.current ? ` by ${outcome.current.holder}` : ''}: run \`bulkhead unlock\` again`,
          }),
        );
      report(lock, outcome.status === 'broken');
      if (outcome.status === 'broken' && outcome.unmarked)
        term.err(
          `${term.style.yellow('!')} ${outcome.unmarked}: an apply planned while the holder ran will not see that it changed anything; allow organizations:TagResource on the root`,
        );
      if (!flags.json)
        term.out(
          outcome.status === 'broken'
            ? `${term.style.green('✓')} unlocked: broke the lock${holder ? ` held by ${holder.holder}` : ''}`
            : 'The lock was released meanwhile: the organization is not locked.',
        );
    } finally {
      await connection.close();
    }
  });
}

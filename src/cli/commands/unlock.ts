import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { BulkheadError } from '../../core/errors.js';
import type { Terminal } from '../io.js';
import { ProgressIoHost } from '../render/progress.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

export function registerUnlock(program: Command, term: Terminal): void {
  addTargetOptions(
    program
      .command('unlock')
      .description('remove the apply lock left by an apply that died')
      .option('-y, --yes', 'do not ask for confirmation'),
  ).action(async (flags: TargetFlags & { yes?: boolean }) => {
    const { connect } = await import('../../toolkit/connect.js');
    const { currentLock, unlock } = await import('../../toolkit/lock.js');
    const io = new ProgressIoHost(term, 'plain');
    const connection = await connect(targetOptions(flags), io);
    try {
      const holder = await currentLock(connection);
      if (holder === null) {
        term.out('The organization is not locked.');
        return;
      }
      term.out(`The organization is locked${holder ? ` by ${holder.holder} since ${holder.since}` : ''}.`);
      if (!flags.yes) {
        if (!process.stdin.isTTY)
          throw new BulkheadError('unlock-needs-yes', 'unlock needs confirmation, and there is no terminal to ask on', {
            hint: 'make sure no apply is running, then pass --yes',
          });
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        const answer = await rl.question('Remove it? An apply that still runs would lose its protection. Type "yes": ');
        rl.close();
        if (answer.trim() !== 'yes') throw new BulkheadError('unlock-cancelled', 'the lock was left in place');
      }
      await unlock(connection, io);
      term.out(`${term.style.green('✓')} unlocked`);
    } finally {
      await connection.close();
    }
  });
}

import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { BulkheadError, UsageError } from '../../core/errors.js';
import type { Plan } from '../../toolkit/render.js';
import type { ExitCode } from '../exit-codes.js';
import type { Terminal } from '../io.js';
import { planStyle } from '../render/plan-style.js';
import { ProgressIoHost, progressMode } from '../render/progress.js';
import { requireValidSpec } from './spec-first.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

interface ApplyFlags extends TargetFlags {
  file: string;
  yes?: boolean;
  allowDestroy?: boolean;
  json?: boolean;
  lockTimeout?: string;
}

export function registerApply(program: Command, term: Terminal, setExit: (code: ExitCode) => void): void {
  addTargetOptions(
    program
      .command('apply [plan]')
      .description('change the live organization to match org.yaml (or carry out a saved plan)')
      .option('-f, --file <file>', 'the spec', 'org.yaml')
      .option('-y, --yes', 'do not ask for confirmation')
      .option('--allow-destroy', 'allow destructive changes (closing accounts, detaching guardrails, deleting)')
      .option('--json', 'print progress and the result as NDJSON events')
      .option('--lock-timeout <seconds>', 'wait this long for another apply to finish instead of failing at once'),
  ).action(async (planFile: string | undefined, flags: ApplyFlags) => {
    const { connect } = await import('../../toolkit/connect.js');
    const { applyWithLock } = await import('../../toolkit/lock.js');
    const lockTimeout = flags.lockTimeout === undefined ? 0 : Number(flags.lockTimeout);
    if (!Number.isFinite(lockTimeout) || lockTimeout < 0)
      throw new UsageError(`--lock-timeout must be a number of seconds, not "${flags.lockTimeout}"`);
    const { renderPlan } = await import('../../toolkit/render.js');
    const io = new ProgressIoHost(term, progressMode(term, flags.json));
    const confirm = async (plan: Plan): Promise<boolean> => {
      if (flags.yes) return true;
      if (!process.stdin.isTTY)
        throw new BulkheadError('apply-needs-yes', 'apply needs confirmation, and there is no terminal to ask on', {
          hint: 'review `bulkhead plan`, then pass --yes',
        });
      io.finish();
      term.out(renderPlan(plan.changes, plan.problems, planStyle(term.style)));
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      const answer = await rl.question('\nApply these changes? Only "yes" is accepted: ');
      rl.close();
      return answer.trim() === 'yes';
    };
    const model = await requireValidSpec(flags.file, io);
    const connection = await connect(targetOptions(flags), io);
    try {
      const result = await applyWithLock({
        file: flags.file,
        model,
        ...(planFile ? { planFile } : {}),
        connection,
        io,
        allowDestroy: flags.allowDestroy === true,
        confirm,
        lockTimeoutMs: lockTimeout * 1000,
      });
      io.finish();
      if (flags.json) {
        term.out(
          JSON.stringify({
            type: 'result',
            data: { done: result.done, failed: result.failed, skipped: result.skipped, elapsedMs: result.elapsedMs },
          }),
        );
      } else if (result.plan.changes.length === 0) {
        term.out('No changes: the organization matches the spec.');
      } else {
        for (const f of result.failed) term.err(`${term.style.red('✗')} ${f.label}: ${f.code}: ${f.message}`);
        const line = `Applied ${result.done.length} of ${result.plan.changes.length} changes in ${(result.elapsedMs / 1000).toFixed(1)}s`;
        term.out(
          result.failed.length === 0
            ? `${term.style.green('✓')} ${line}.`
            : `${term.style.red('✗')} ${line}: ${result.failed.length} failed, ${result.skipped.length} skipped. Fix the cause and run apply again; it continues where this run stopped.`,
        );
      }
      setExit(result.failed.length > 0 || result.skipped.length > 0 ? 1 : 0);
    } finally {
      io.finish();
      await connection.close();
    }
  });
}

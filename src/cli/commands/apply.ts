import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { ApplyResult } from '../../toolkit/apply.js';
import type { ExitCode } from '../exit-codes.js';
import type { Terminal } from '../io.js';
import { ProgressIoHost, progressMode } from '../render/progress.js';
import { askOnTerminal } from './apply-prompt.js';
import { requireValidSpec } from './spec-first.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

interface ApplyFlags extends TargetFlags {
  file: string;
  yes?: boolean;
  allowDestroy?: boolean;
  json?: boolean;
  lockTimeout?: string;
}

/** Ctrl-C / SIGTERM: the first cancels (nothing new starts, the lock is released), a second exits. */
function cancelOnSignals(term: Terminal, controller: AbortController): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      term.err('second interrupt: exiting now; if the apply lock is left behind, `bulkhead unlock` removes it');
      process.exit(130);
    }
    // The library says what cancelling means (apply.cancelling); the reason names the signal.
    controller.abort(new Error(`cancelled by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

function report(term: Terminal, result: ApplyResult): void {
  const s = term.style;
  if (result.plan.changes.length === 0) return term.out('No changes: the organization matches the spec.');
  for (const f of result.failed) term.err(`${s.red('✗')} ${f.label}: ${f.code}: ${f.message}`);
  const total = result.plan.changes.length;
  const line = `Applied ${result.done.length} of ${total} changes in ${(result.elapsedMs / 1000).toFixed(1)}s`;
  if (result.cancelled) {
    term.out(
      `${s.red('✗')} Cancelled. ${line}; ${result.notStarted.length} not started, ${result.failed.length} left waiting.`,
    );
    term.out('Run apply again to finish: it plans what is left and resumes account creations still running.');
  } else if (result.failed.length === 0 && result.skipped.length === 0) term.out(`${s.green('✓')} ${line}.`);
  else {
    const counts = `${result.failed.length} failed, ${result.skipped.length} skipped`;
    term.out(
      `${s.red('✗')} ${line}: ${counts}. Fix the cause and run apply again; it continues where this run stopped.`,
    );
  }
  if (!result.lockReleased)
    term.err(`${s.red('!')} the apply lock is still held: run \`bulkhead unlock\` once the target answers`);
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
    const { apply } = await import('../../toolkit/apply.js');
    const lockTimeout = flags.lockTimeout === undefined ? 0 : Number(flags.lockTimeout);
    if (!Number.isFinite(lockTimeout) || lockTimeout < 0)
      throw new UsageError(`--lock-timeout must be a number of seconds, not "${flags.lockTimeout}"`);
    const io = new ProgressIoHost(term, progressMode(term, flags.json));
    const canAsk = !flags.yes && !flags.json && process.stdin.isTTY === true;
    if (canAsk) {
      io.ask = async (question) => {
        io.finish();
        return askOnTerminal(term, question);
      };
    }
    const model = planFile ? undefined : await requireValidSpec(flags.file, io);
    const controller = new AbortController();
    const stop = cancelOnSignals(term, controller);
    try {
      const result = await apply({
        file: flags.file,
        ...(model ? { model } : {}),
        ...(planFile ? { planFile } : {}),
        target: targetOptions(flags),
        io,
        yes: flags.yes === true,
        allowDestroy: flags.allowDestroy === true,
        signal: controller.signal,
        lockTimeoutMs: lockTimeout * 1000,
      });
      io.finish();
      // With --json the library's apply.result event has already gone out.
      if (!flags.json) report(term, result);
      const incomplete = result.failed.length + result.skipped.length + result.notStarted.length > 0;
      setExit(result.cancelled ? 130 : incomplete || !result.lockReleased ? 1 : 0);
    } finally {
      stop();
      io.finish();
    }
  });
}

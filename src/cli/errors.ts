import { CommanderError } from 'commander';
import { BulkheadError } from '../core/errors.js';
import { explainError } from '../toolkit/errors.js';
import type { ExitCode } from './exit-codes.js';
import type { Terminal } from './io.js';

/**
 * Prints an error the way the user should see it and returns the exit code: 2 for a usage
 * mistake, 1 for a problem with the input or the target, 70 for a bug of ours (with a stack
 * trace only under BULKHEAD_DEBUG).
 */
export function reportError(caught: unknown, term: Terminal): ExitCode {
  if (caught instanceof CommanderError) {
    // help and version exit through here with code 0; everything else is a usage mistake.
    return caught.exitCode === 0 ? 0 : 2;
  }
  const err = explainError(caught);
  if (BulkheadError.is(err) && err.source !== 'internal') {
    term.err(`${term.style.red('error')}: ${err.message}`);
    if (err.hint) term.err(`  ${term.style.cyan('hint')}: ${err.hint}`);
    return err.code === 'usage' ? 2 : err.code === 'interrupted' ? 130 : 1;
  }
  term.err(`${term.style.red('internal error')}: ${(err as Error)?.message ?? String(err)}`);
  term.err('This is a bug in Bulkhead; please report it with the command you ran.');
  if (process.env['BULKHEAD_DEBUG']) term.err((err as Error)?.stack ?? '');
  return 70;
}

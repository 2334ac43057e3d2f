import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** How the child ended, as a shell reports it. */
export type ChildOutcome =
  | { status: 'exited'; exitCode: number }
  | { status: 'not-found'; exitCode: 127; message: string }
  | { status: 'not-executable'; exitCode: 126; message: string };

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs the command with the terminal's stdio, forwarding SIGINT, SIGTERM and SIGHUP; resolves with
 * the exit code to pass on: the child's own, 128+n when a signal n killed it, 127 when there is no
 * such command and 126 when it cannot be executed, as a POSIX shell does.
 */
export function runChild(command: string, args: readonly string[], env: Record<string, string>): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const handlers = FORWARDED.map((signal) => [signal, forward(signal)] as const);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    const done = (outcome: ChildOutcome) => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      resolve(outcome);
    };
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') done({ status: 'not-found', exitCode: 127, message: `${command}: command not found` });
      else if (err.code === 'EACCES' || err.code === 'EISDIR' || err.code === 'ENOEXEC')
        done({ status: 'not-executable', exitCode: 126, message: `${command}: permission denied` });
      else done({ status: 'not-executable', exitCode: 126, message: `${command}: ${err.message}` });
    });
    child.once('exit', (code, signal) => {
      if (signal !== null) done({ status: 'exited', exitCode: 128 + (constants.signals[signal] ?? 0) });
      else done({ status: 'exited', exitCode: code ?? 0 });
    });
  });
}

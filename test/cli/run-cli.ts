import { main } from '../../src/cli/main.js';
import { createTerminal, type OutputStream } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The environment the terminal sees (colour and locale variables); empty by default. */
  env?: NodeJS.ProcessEnv;
  stdoutTty?: boolean;
  stderrTty?: boolean;
}

/** A stream that keeps what is written, and says whether it is a terminal. */
export function captureStream(isTTY: boolean, columns = 80, rows = 24): OutputStream & { text(): string } {
  const chunks: string[] = [];
  return { write: (c: string) => chunks.push(c), isTTY, columns, rows, text: () => chunks.join('') };
}

/** Runs the CLI in-process, writing through the real terminal encoding into captured streams. */
export async function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdout = captureStream(options.stdoutTty ?? false);
  const stderr = captureStream(options.stderrTty ?? false);
  const code = await main(args, ({ noColor }) => createTerminal({ stdout, stderr, env: options.env ?? {}, noColor }));
  const strip = (t: string) => t.replace(/\n$/, '');
  return { code, stdout: strip(stdout.text()), stderr: strip(stderr.text()) };
}

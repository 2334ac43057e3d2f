import { main } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/io.js';
import { makeStyle } from '../../src/cli/render/style.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with a captured terminal. */
export async function runCli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const term: Terminal = { out: (t) => out.push(t), err: (t) => err.push(t), style: makeStyle(false), isTty: false };
  const code = await main(args, term);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

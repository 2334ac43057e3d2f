import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** What one AWS CLI command printed, and its exit code. */
export interface PooledResult {
  code: number;
  stdout: string;
  stderr: string;
}

const RUNNER = join(import.meta.dirname, 'aws-cli-runner.py');

interface Runner {
  child: ChildProcessWithoutNullStreams;
  busy: boolean;
  pending?: { resolve: (r: PooledResult) => void; timer: NodeJS.Timeout };
}

/**
 * AWS CLI v1 commands run in long-lived Python processes (aws-cli-runner.py): one per command in flight, reused
 * after, so the suites pay the interpreter's start and the CLI's imports once rather than per command. A command
 * that hangs is answered with code -1 after `timeoutMs` and its runner killed, as a spawned CLI would be.
 */
export class AwsCliPool {
  private readonly idle: Runner[] = [];
  private readonly all = new Set<Runner>();

  constructor(private readonly timeoutMs = 30_000) {}

  run(args: string[], env: NodeJS.ProcessEnv): Promise<PooledResult> {
    const runner = this.idle.pop() ?? this.start();
    runner.busy = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.kill(runner);
        resolve({ code: -1, stdout: '', stderr: `aws ${args.join(' ')}: no answer within ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      runner.pending = { resolve, timer };
      runner.child.stdin.write(`${JSON.stringify({ args, env })}\n`);
    });
  }

  dispose(): void {
    for (const r of [...this.all]) this.kill(r);
  }

  private start(): Runner {
    const child = spawn('python3', [RUNNER], { stdio: ['pipe', 'pipe', 'pipe'] });
    // An idle runner must not keep the test process alive; it exits when its stdin closes with this process.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr])
      (stream as unknown as { unref?: () => void }).unref?.();
    const runner: Runner = { child, busy: false };
    this.all.add(runner);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-4000)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const pending = runner.pending;
      if (!pending) return;
      runner.pending = undefined;
      clearTimeout(pending.timer);
      runner.busy = false;
      this.idle.push(runner);
      pending.resolve(JSON.parse(line) as PooledResult);
    });
    child.once('exit', (code) => {
      this.all.delete(runner);
      const at = this.idle.indexOf(runner);
      if (at >= 0) this.idle.splice(at, 1);
      const pending = runner.pending;
      if (pending) {
        clearTimeout(pending.timer);
        runner.pending = undefined;
        pending.resolve({ code: -1, stdout: '', stderr: `the AWS CLI runner exited (${code}): ${stderr.trim()}` });
      }
    });
    return runner;
  }

  private kill(runner: Runner): void {
    this.all.delete(runner);
    const at = this.idle.indexOf(runner);
    if (at >= 0) this.idle.splice(at, 1);
    if (runner.child.exitCode === null) runner.child.kill('SIGKILL');
  }
}

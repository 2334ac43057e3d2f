import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { init } from '../../src/toolkit/init.js';
import { ensureBuilt, runBuiltCli, spawnBuiltCli } from '../support/e2e/built-cli.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await sleep(20);
  }
}

// The in-process local cloud keeps AWS's asynchronous CreateAccount (3 s by default): Ctrl-C lands
// while accounts are being created.
describe('bulkhead apply interrupted by Ctrl-C', () => {
  it('stops starting work, releases its lock, says what was done, exits 130; a re-run finishes', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-interrupt-'));
    const file = join(dir, 'org.yaml');
    init({ template: 'startup', file });
    const args = ['apply', '--yes', '-f', file, '--data', join(dir, 'cloud')];
    const run = spawnBuiltCli(args);
    await until(() => /create account /.test(run.output()), 30_000, run.output);
    run.child.kill('SIGINT');
    await until(() => run.child.exitCode !== null, 30_000, run.output);
    const out = run.output();
    expect(run.child.exitCode, out).toBe(130);
    expect(out).toMatch(/cancelling: nothing new starts/);
    expect(out).toMatch(/Cancelled\. Applied \d+ of \d+ changes/);
    expect(out).toMatch(/released the apply lock|Run apply again/);
    expect(out).not.toMatch(/internal error|the apply lock is still held/);
    // Nothing left locked: the next apply runs, resumes what was in flight and converges.
    const again = runBuiltCli(args);
    expect(again.status, again.stderr).toBe(0);
    const plan = runBuiltCli([
      'plan',
      '--detailed-exitcode',
      '--no-access-diff',
      '-f',
      file,
      '--data',
      join(dir, 'cloud'),
    ]);
    expect(plan.status, plan.stdout + plan.stderr).toBe(0);
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The third-party programs the fidelity suites check against. They are part of the machine image:
 * when one is missing the suite fails with this message instead of skipping.
 */
export function requireTool(what: 'aws' | 'moto' | 'botocore'): void {
  const probe =
    what === 'aws'
      ? spawnSync('aws', ['--version'], { encoding: 'utf8' })
      : spawnSync('python3', ['-c', what === 'moto' ? 'import moto.server' : 'import botocore'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    const detail = probe.error?.message ?? probe.stderr.trim().split('\n').pop() ?? `exit ${String(probe.status)}`;
    const install = what === 'aws' ? 'the AWS CLI (`aws` on PATH)' : `the Python package ${what} for python3`;
    throw new Error(`fidelity suites need ${install}, which is part of the machine image: ${detail}`);
  }
}

/** A free TCP port on 127.0.0.1 (asks the OS for an ephemeral one and releases it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` every 50 ms until it returns a value, or throws `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The third-party programs the fidelity suites check against. They are part of the machine image:
 * when one is missing the suite fails with this message instead of skipping.
 */
export function requireTool(what: 'aws' | 'aws-v2' | 'moto' | 'botocore'): void {
  const probe =
    what === 'aws' || what === 'aws-v2'
      ? spawnSync(what === 'aws' ? 'aws' : AWS_CLI_V2, ['--version'], { encoding: 'utf8' })
      : spawnSync('python3', ['-c', what === 'moto' ? 'import moto.server' : 'import botocore'], { encoding: 'utf8' });
  const wrongMajor = what === 'aws-v2' && probe.status === 0 && !/^aws-cli\/2\./.test(probe.stdout + probe.stderr);
  if (probe.error !== undefined || probe.status !== 0 || wrongMajor) {
    const detail = wrongMajor
      ? `${AWS_CLI_V2} is ${(probe.stdout + probe.stderr).trim()}`
      : (probe.error?.message ?? probe.stderr.trim().split('\n').pop() ?? `exit ${String(probe.status)}`);
    const install =
      what === 'aws'
        ? 'the AWS CLI v1 (`aws` on PATH), which is part of the machine image'
        : what === 'aws-v2'
          ? `the AWS CLI v2 at ${AWS_CLI_V2} (Debian's awscli), which \`bash scripts/install-test-tools.sh\` installs (npm test runs it)`
          : `the Python package ${what} for python3, which is part of the machine image`;
    throw new Error(`fidelity suites need ${install}: ${detail}`);
  }
}

/** AWS CLI v2 from Debian's `awscli` package; `aws` on PATH is the machine image's v1 (pyenv). */
export const AWS_CLI_V2 = '/usr/bin/aws';

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

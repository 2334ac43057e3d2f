import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from '../support/e2e/built-cli.js';

/* A reader that stops early (`| head`) ends the output quietly: no EPIPE stack trace on stderr. */
describe('output into a pipe that closes early', () => {
  beforeAll(() => ensureBuilt());

  it('bulkhead schema | true (a reader that never reads) prints no error and exits 0', () => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" schema | true`], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });
});

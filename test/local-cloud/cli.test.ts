import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from '../support/e2e/built-cli.js';
import { tempDataDir } from './helpers.js';

// The real CLI (bin/bulkhead.js, bundled from src/), as users run it.
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'local', ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bulkhead local (CLI)', () => {
  const dir = tempDataDir();
  beforeAll(() => ensureBuilt(), 120_000);
  afterAll(() => {
    cli('stop', '--data', dir);
    rmSync(dir, { recursive: true, force: true });
  });

  it('start --detach, status, the AWS CLI against it, stop, reset', () => {
    const before = cli('status', '--data', dir);
    expect(before.status).toBe(1);
    expect(before.stdout).toContain('not running');

    const started = cli('start', '--detach', '--fast', '--port', '0', '--data', dir);
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    expect(started.stdout).toMatch(/export AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+/);

    const status = JSON.parse(cli('status', '--json', '--data', dir).stdout) as {
      running: boolean;
      managementAccountId: string;
      env: Record<string, string>;
    };
    expect(status.running).toBe(true);
    expect(Object.keys(status.env)).toEqual(
      expect.arrayContaining(['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']),
    );

    const aws = spawnSync('aws', ['sts', 'get-caller-identity', '--output', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, ...status.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    });
    expect(aws.stderr).toBe('');
    expect(JSON.parse(aws.stdout)).toMatchObject({ Account: status.managementAccountId });

    const second = cli('start', '--detach', '--fast', '--port', '0', '--data', dir);
    expect(second.status).not.toBe(0);
    expect(second.stderr).toContain('already running');

    const refusedReset = cli('reset', '--data', dir);
    expect(refusedReset.stderr).toContain('is running');

    const stopped = cli('stop', '--data', dir);
    expect(stopped.stdout).toContain('Stopped');
    expect(cli('status', '--data', dir).status).toBe(1);
    expect(existsSync(join(dir, 'state.json'))).toBe(true);

    const reset = cli('reset', '--data', dir);
    expect(reset.status).toBe(0);
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
  });

  it('runs in the foreground until SIGTERM, then releases the data directory', async () => {
    const fg = tempDataDir();
    const child = spawn(process.execPath, [BIN, 'local', 'start', '--fast', '--port', '0', '--data', fg], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((ready, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Press Ctrl+C')) ready();
      });
      child.on('exit', (code) => fail(new Error(`exited early with ${code}: ${out}`)));
    });
    const status = JSON.parse(cli('status', '--json', '--data', fg).stdout) as { running: boolean; pid: number };
    expect(status).toMatchObject({ running: true, pid: child.pid });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(cli('status', '--data', fg).status).toBe(1);
    expect(existsSync(join(fg, 'server.lock'))).toBe(false);
    rmSync(fg, { recursive: true, force: true });
  });

  it('rejects bad flags with usage errors', () => {
    expect(cli('start', '--port', 'eighty', '--data', dir).stderr).toContain('--port must be an integer');
    expect(cli('start', '--fast', '--realistic', '--data', dir).stderr).toMatch(/cannot be used with/);
    expect(cli('start', '--quotas', 'huge', '--data', dir).stderr).toContain('--quotas must be');
    expect(cli('start', '--trail-delivery-interval', '0', '--data', dir).stderr).toContain(
      '--trail-delivery-interval must be a number of seconds above 0',
    );
    expect(cli('start', '--cost-seed', '', '--data', dir).stderr).toContain('--cost-seed must be a non-empty text');
  });
});

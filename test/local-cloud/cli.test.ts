import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ENTRY = join(ROOT, 'test', 'support', 'local-cli.mjs');
const BUILT = join(ROOT, 'dist', 'cli', 'commands', 'local.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The CLI runs from dist/: build first when the build is missing or older than the sources. */
function ensureBuilt(): void {
  const stale = !existsSync(BUILT) || statSync(BUILT).mtimeMs < Math.max(newestMtime(join(ROOT, 'src', 'local-cloud')), newestMtime(join(ROOT, 'src', 'cli')));
  if (stale) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'pipe' });
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [ENTRY, 'local', ...args], { encoding: 'utf8', timeout: 20_000 });
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

    const status = JSON.parse(cli('status', '--json', '--data', dir).stdout) as { running: boolean; managementAccountId: string; env: Record<string, string> };
    expect(status.running).toBe(true);
    expect(Object.keys(status.env)).toEqual(expect.arrayContaining(['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']));

    const aws = spawnSync('aws', ['sts', 'get-caller-identity', '--output', 'json'], { encoding: 'utf8', env: { ...process.env, ...status.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } });
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
    const child = spawn(process.execPath, [ENTRY, 'local', 'start', '--fast', '--port', '0', '--data', fg], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  });
});

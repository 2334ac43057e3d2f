import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as OIDC from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from '../support/e2e/built-cli.js';
import { tempDataDir } from './helpers.js';
import type { SignInHarness } from './sso-sign-in-helpers.js';
import { register, startSignIn } from './sso-sign-in-helpers.js';

/** The real CLI, asynchronously (the local cloud it talks to runs in this process). */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'local', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let h: SignInHarness | undefined;
beforeAll(async () => {
  ensureBuilt();
  h = await startSignIn({ ssoDeviceCodeLifetimeSeconds: 3 });
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

async function pendingCode(s: SignInHarness): Promise<string> {
  const client = await register(s);
  const d = await s.oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...client, startUrl: s.startUrl }));
  return d.userCode ?? '';
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('bulkhead local sign-in USER CODE', () => {
  it('approves a pending code (--json), any case and without the dash, then refuses it as already approved', async () => {
    const s = h!;
    const code = await pendingCode(s);
    const r = await cli('sign-in', 'alice', code.toLowerCase().replace('-', ''), '--data', s.dataDir, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      approved: true,
      userName: 'alice',
      userId: s.alice,
      clientName: 'test',
      endpoint: s.cloud.endpoint,
    });
    const again = await cli('sign-in', 'alice', code, '--data', s.dataDir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`Code ${code} was already approved`);
    noStack(again.stderr);
  });

  it('refuses an unknown user with did-you-mean, an unknown code, an expired code', async () => {
    const s = h!;
    const code = await pendingCode(s);
    const user = await cli('sign-in', 'alicee', code, '--data', s.dataDir);
    expect(user.status).toBe(1);
    expect(user.stderr).toContain('No user alicee');
    expect(user.stderr).toContain('did you mean `alice`');
    noStack(user.stderr);
    const unknown = await cli('sign-in', 'alice', 'WXYZ-WXYZ', '--data', s.dataDir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No sign-in is waiting for code WXYZ-WXYZ');
    await new Promise((r) => setTimeout(r, 3100));
    const expired = await cli('sign-in', 'alice', code, '--data', s.dataDir);
    expect(expired.status).toBe(1);
    expect(expired.stderr).toContain('has expired');
    noStack(expired.stderr);
  });

  it('says when no local cloud runs on the data directory', async () => {
    const dir = tempDataDir();
    try {
      const r = await cli('sign-in', 'alice', 'ABCD-EFGH', '--data', dir, '--json');
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`no local cloud is running on ${dir}`);
      noStack(r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

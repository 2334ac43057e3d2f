import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { requireTool } from '../support/fidelity/tools.js';

/*
 * The AWS CLI reaches the local cloud through AWS_ENDPOINT_URL alone (no --endpoint-url), signing
 * with a region other than us-east-1 and addressing it as `localhost`: the SigV4 scope, body and
 * Host checks accept what a real client sends.
 */
let fc: FidelityCloud | undefined;
let home: string;

beforeAll(async () => {
  requireTool('aws');
  fc = await startFidelityCloud({ timeScale: 0 });
  home = mkdtempSync(join(tmpdir(), 'bulkhead-fidelity-env-'));
  writeFileSync(join(home, 'config'), '');
  writeFileSync(join(home, 'credentials'), '');
});

afterAll(async () => {
  await fc?.stop();
  rmSync(home, { recursive: true, force: true });
});

function aws(endpoint: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cloud = fc?.cloud;
  if (cloud === undefined) throw new Error('the local cloud did not start');
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))),
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: cloud.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: cloud.credentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  // Asynchronous: the local cloud answers from this very process.
  return new Promise((resolve) => {
    execFile('aws', [...args, '--output', 'json'], { env, encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr }),
    );
  });
}

describe('the AWS CLI with AWS_ENDPOINT_URL', () => {
  it('creates and reads an organization, lists IAM roles and names the caller, signing eu-west-1', async () => {
    const endpoint = fc?.cloud.endpoint ?? '';
    const created = await aws(endpoint, ['organizations', 'create-organization']);
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout).Organization.MasterAccountId).toBe(fc?.cloud.managementAccountId);
    const roles = await aws(endpoint, ['iam', 'list-roles']);
    expect([roles.code, JSON.parse(roles.stdout).Roles]).toEqual([0, []]);
    const me = await aws(endpoint.replace('127.0.0.1', 'localhost'), ['sts', 'get-caller-identity']);
    expect([me.code, JSON.parse(me.stdout).Account]).toEqual([0, fc?.cloud.managementAccountId]);
  });
});

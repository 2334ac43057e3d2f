import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CreateOrganizationCommand } from '@aws-sdk/client-organizations';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { connect } from '../../src/toolkit/connect.js';
import { startHarness, type Harness } from '../local-cloud/helpers.js';
import { runCli } from './run-cli.js';

// A real endpoint (a local cloud in this process): every way of naming it must reach it, with the
// credentials the SDK's default chain finds (variables with a session token, or a profile).
describe('an endpoint target reaches that endpoint', () => {
  let h: Harness;
  let managementId: string;
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-targets-'));

  beforeAll(async () => {
    h = await startHarness();
    managementId = (await h.org.send(new CreateOrganizationCommand({}))).Organization?.MasterAccountId ?? '';
  });
  afterAll(async () => h.stop());
  afterEach(() => vi.unstubAllEnvs());

  function useCloudKeys(): void {
    vi.stubEnv('AWS_ACCESS_KEY_ID', h.cloud.credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', h.cloud.credentials.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
  }

  it('--target aws --endpoint sends the calls to the endpoint', async () => {
    useCloudKeys();
    const r = await runCli(['show', '--format', 'json', '--target', 'aws', '--endpoint', h.cloud.endpoint]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`"id": "${managementId}"`);
  });

  it('AWS_ENDPOINT_URL alone is honoured: no local cloud is started', async () => {
    useCloudKeys();
    vi.stubEnv('AWS_ENDPOINT_URL', h.cloud.endpoint);
    const data = join(dir, 'never-created');
    const r = await runCli(['show', '--format', 'json', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`"id": "${managementId}"`);
    expect(existsSync(data)).toBe(false);
  });

  it('passes AWS_SESSION_TOKEN through (the endpoint refuses a session key without its token)', async () => {
    await h.iam.send(
      new CreateRoleCommand({
        RoleName: 'Operator',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${managementId}:root` }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    const session = await h.sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${managementId}:role/Operator`, RoleSessionName: 'alice' }),
    );
    vi.stubEnv('AWS_ACCESS_KEY_ID', session.Credentials?.AccessKeyId ?? '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', session.Credentials?.SecretAccessKey ?? '');
    vi.stubEnv('AWS_SESSION_TOKEN', session.Credentials?.SessionToken ?? '');
    vi.stubEnv('AWS_PROFILE', undefined);
    const connection = await connect({ endpoint: h.cloud.endpoint, env: {} });
    try {
      const me = await connection.clients.sts.send(new GetCallerIdentityCommand({}));
      expect(me.Arn).toBe(`arn:aws:sts::${managementId}:assumed-role/Operator/alice`);
    } finally {
      await connection.close();
    }
  });

  it('uses --profile with an endpoint (credentials from the profile, not the variables)', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    const credentials = join(dir, 'credentials');
    writeFileSync(
      credentials,
      `[cloud]\naws_access_key_id = ${h.cloud.credentials.accessKeyId}\naws_secret_access_key = ${h.cloud.credentials.secretAccessKey}\n`,
    );
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentials);
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'no-config'));
    const r = await runCli(['show', '--format', 'json', '--endpoint', h.cloud.endpoint, '--profile', 'cloud']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`"id": "${managementId}"`);
  });
});

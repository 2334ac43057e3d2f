import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteGroupMembershipCommand,
  GetGroupIdCommand,
  GetGroupMembershipIdCommand,
  GetUserIdCommand,
} from '@aws-sdk/client-identitystore';
import { ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshOrganization } from '../../src/providers/aws/organizations/reader.js';
import { runCli } from '../cli/run-cli.js';
import { requireTool } from '../support/fidelity/tools.js';
import { cloudWithTemplate } from './local-connection.js';
import { identityStoreOf, ssoAdminOf } from '../../src/providers/aws/identity-center/clients.js';

interface ProfilesJson {
  userName: string;
  source: string;
  note: string;
  organizationId?: string;
  endpointUrl?: string;
  sso: { session: string; startUrl: string; region: string };
  profiles: { profile: string; environment: string; accountName: string; accountId?: string; permissionSet: string }[];
  written?: { file: string; status: string };
}

describe('bulkhead profiles on the live organization (local cloud after apply)', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  beforeAll(async () => {
    env = await cloudWithTemplate('startup');
    env.useCredentials();
  });
  afterAll(async () => {
    await env.stop();
  });

  const profiles = async (...extra: string[]) => {
    const r = await runCli([
      'profiles',
      '-f',
      env.file,
      '--endpoint',
      env.cloud.endpoint,
      '--user',
      'alice',
      '--json',
      ...extra,
    ]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as ProfilesJson;
  };

  it('reads the assignments from IAM Identity Center by default, with the real account ids', async () => {
    const observed = await refreshOrganization(env.connection.clients.organizations);
    const id = (name: string) => observed.accounts.find((a) => a.name === name)!.id;
    const live = await profiles();
    expect(live.source).toBe('live');
    expect(live.note).toMatch(/^from the live assignments in IAM Identity Center/);
    expect(live.organizationId).toBe(observed.organization!.id);
    expect(live.sso).toEqual({ session: 'acme', startUrl: `${env.cloud.endpoint}/start`, region: 'eu-west-1' });
    expect(live.endpointUrl).toBe(env.cloud.endpoint);
    expect(live.profiles.map((p) => [p.profile, p.accountId])).toEqual([
      ['prod-poweruser', id('acme-prod')],
      ['prod-readonly', id('acme-prod')],
      ['staging-poweruser', id('acme-staging')],
      ['dev-poweruser', id('acme-dev')],
      ['sandbox-alice-poweruser', id('acme-sandbox-alice')],
    ]);
  });

  it('follows a change made by hand in Identity Center; the spec does not', async () => {
    const { clients } = env.connection;
    clients.useHomeRegion('eu-west-1');
    const instance = (await ssoAdminOf(clients).send(new ListInstancesCommand({}))).Instances![0]!;
    const IdentityStoreId = instance.IdentityStoreId!;
    const { UserId } = await identityStoreOf(clients).send(
      new GetUserIdCommand({
        IdentityStoreId,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: 'alice' } },
      }),
    );
    const { GroupId } = await identityStoreOf(clients).send(
      new GetGroupIdCommand({
        IdentityStoreId,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: 'Ops' } },
      }),
    );
    const { MembershipId } = await identityStoreOf(clients).send(
      new GetGroupMembershipIdCommand({ IdentityStoreId, GroupId: GroupId!, MemberId: { UserId: UserId! } }),
    );
    await identityStoreOf(clients).send(
      new DeleteGroupMembershipCommand({ IdentityStoreId, MembershipId: MembershipId! }),
    );

    expect((await profiles()).profiles.map((p) => p.profile)).not.toContain('prod-poweruser');
    const spec = await profiles('--from', 'spec');
    expect(spec.source).toBe('spec');
    expect(spec.profiles.map((p) => p.profile)).toContain('prod-poweruser');
  });

  it('writes a file botocore reads, and a second write changes nothing', async () => {
    requireTool('botocore');
    const file = join(mkdtempSync(join(tmpdir(), 'bulkhead-profiles-')), 'config');
    expect((await profiles('--write', file)).written?.status).toBe('created');
    expect((await profiles('--write', file)).written?.status).toBe('unchanged');
    const py = spawnSync(
      'python3',
      [
        '-c',
        'import json,sys; from botocore.configloader import load_config; print(json.dumps(load_config(sys.argv[1])))',
        file,
      ],
      { encoding: 'utf8' },
    );
    expect(py.status, py.stderr).toBe(0);
    const loaded = JSON.parse(py.stdout) as {
      profiles: Record<string, Record<string, string>>;
      sso_sessions: Record<string, Record<string, string>>;
    };
    expect(loaded.sso_sessions['acme']).toMatchObject({
      sso_start_url: `${env.cloud.endpoint}/start`,
      sso_region: 'eu-west-1',
    });
    expect(loaded.profiles['dev-poweruser']).toMatchObject({
      sso_session: 'acme',
      sso_role_name: 'PowerUser',
      bulkhead_environment: 'dev',
      endpoint_url: env.cloud.endpoint,
      sso_account_id: expect.stringMatching(/^\d{12}$/),
    });
    expect(readFileSync(file, 'utf8')).toMatch(/^bulkhead_organization = o-/m);
  });

  it('refuses --from live for a user Identity Center does not have, with did-you-mean', async () => {
    const r = await runCli([
      'profiles',
      '-f',
      env.file,
      '--endpoint',
      env.cloud.endpoint,
      '--user',
      'alicee',
      '--from',
      'live',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('IAM Identity Center has no user "alicee"');
    expect(r.stderr).toContain('did you mean `alice`?');
  });
});

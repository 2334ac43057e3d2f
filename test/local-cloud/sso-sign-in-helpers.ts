import * as ID from '@aws-sdk/client-identitystore';
import * as S from '@aws-sdk/client-sso-admin';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import * as OIDC from '@aws-sdk/client-sso-oidc';
import type { LocalCloudOptions } from '../../src/local-cloud/index.js';
import { eventually } from './helpers.js';
import type { SsoHarness } from './sso-helpers.js';
import { startSso } from './sso-helpers.js';

/**
 * An Identity Center with sign-in to do: alice in group Developers, which has PowerUser (AdministratorAccess) in the
 * member account; alice herself has ReadOnly there; bob exists without any assignment.
 */
export interface SignInHarness extends SsoHarness {
  oidc: OIDC.SSOOIDCClient;
  portal: SSOClient;
  startUrl: string;
  alice: string;
  bob: string;
  developers: string;
}

async function assign(h: SsoHarness, name: string, principalType: 'USER' | 'GROUP', principalId: string) {
  const ps = await h.sso.send(
    new S.CreatePermissionSetCommand({ InstanceArn: h.instanceArn, Name: name, SessionDuration: 'PT2H' }),
  );
  const arn = ps.PermissionSet?.PermissionSetArn ?? '';
  if (name === 'PowerUser')
    await h.sso.send(
      new S.AttachManagedPolicyToPermissionSetCommand({
        InstanceArn: h.instanceArn,
        PermissionSetArn: arn,
        ManagedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    );
  const started = await h.sso.send(
    new S.CreateAccountAssignmentCommand({
      InstanceArn: h.instanceArn,
      PermissionSetArn: arn,
      PrincipalType: principalType,
      PrincipalId: principalId,
      TargetId: h.member,
      TargetType: 'AWS_ACCOUNT',
    }),
  );
  const requestId = started.AccountAssignmentCreationStatus?.RequestId ?? '';
  await eventually(async () => {
    const s = await h.sso.send(
      new S.DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: h.instanceArn,
        AccountAssignmentCreationRequestId: requestId,
      }),
    );
    return s.AccountAssignmentCreationStatus?.Status === 'SUCCEEDED' ? true : undefined;
  }, 10_000);
}

async function user(h: SsoHarness, UserName: string): Promise<string> {
  const u = await h.ids.send(
    new ID.CreateUserCommand({
      IdentityStoreId: h.identityStoreId,
      UserName,
      DisplayName: UserName,
      Name: { GivenName: UserName, FamilyName: 'Example' },
    }),
  );
  return u.UserId ?? '';
}

export async function startSignIn(options: Partial<LocalCloudOptions> = {}): Promise<SignInHarness> {
  const h = await startSso(options);
  const alice = await user(h, 'alice');
  const bob = await user(h, 'bob');
  const g = await h.ids.send(
    new ID.CreateGroupCommand({ IdentityStoreId: h.identityStoreId, DisplayName: 'Developers' }),
  );
  const developers = g.GroupId ?? '';
  await h.ids.send(
    new ID.CreateGroupMembershipCommand({
      IdentityStoreId: h.identityStoreId,
      GroupId: developers,
      MemberId: { UserId: alice },
    }),
  );
  await assign(h, 'PowerUser', 'GROUP', developers);
  await assign(h, 'ReadOnly', 'USER', alice);
  // Unsigned services: the SDK must not need credentials for them.
  const config = { endpoint: h.cloud.endpoint, region: h.cloud.region, maxAttempts: 1 };
  return {
    ...h,
    oidc: new OIDC.SSOOIDCClient(config),
    portal: new SSOClient(config),
    startUrl: `${h.cloud.endpoint}/start`,
    alice,
    bob,
    developers,
  };
}

/** Approves a user code as `bulkhead local sign-in` does. */
export async function approve(
  endpoint: string,
  userName: string,
  userCode: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${endpoint}/_bulkhead/sso/approve`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName, userCode }),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

export interface Registration {
  clientId: string;
  clientSecret: string;
}

export async function register(
  h: SignInHarness,
  scopes: string[] | undefined = ['sso:account:access'],
): Promise<Registration> {
  const r = await h.oidc.send(new OIDC.RegisterClientCommand({ clientName: 'test', clientType: 'public', scopes }));
  return { clientId: r.clientId ?? '', clientSecret: r.clientSecret ?? '' };
}

/** The whole device flow for `userName`: register, start, approve, then CreateToken. */
export async function signIn(
  h: SignInHarness,
  userName = 'alice',
): Promise<{ client: Registration; token: OIDC.CreateTokenCommandOutput }> {
  const client = await register(h);
  const device = await h.oidc.send(new OIDC.StartDeviceAuthorizationCommand({ ...client, startUrl: h.startUrl }));
  const approved = await approve(h.cloud.endpoint, userName, device.userCode ?? '');
  if (approved.status !== 200) throw new Error(`approval failed: ${JSON.stringify(approved.body)}`);
  const token = await h.oidc.send(
    new OIDC.CreateTokenCommand({
      ...client,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: device.deviceCode ?? '',
    }),
  );
  return { client, token };
}

/** The role credentials the portal gives for the token, as SDK client credentials (empty strings when absent). */
export async function portalCredentials(
  portal: SSOClient,
  accessToken: string,
  accountId: string,
  roleName: string,
): Promise<{
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  expiration?: number;
}> {
  const c = (await portal.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }))).roleCredentials;
  return {
    credentials: {
      accessKeyId: c?.accessKeyId ?? '',
      secretAccessKey: c?.secretAccessKey ?? '',
      sessionToken: c?.sessionToken ?? '',
    },
    ...(c?.expiration !== undefined ? { expiration: c.expiration } : {}),
  };
}

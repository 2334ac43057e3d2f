import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as I from '@aws-sdk/client-identitystore';
import * as S from '@aws-sdk/client-sso-admin';
import { identityStoreService } from '../../src/local-cloud/services/identitystore/index.js';
import { ssoAdminService } from '../../src/local-cloud/services/sso-admin/index.js';
import { rawRequest } from './raw.js';
import type { SsoHarness } from './sso-helpers.js';
import { startSso } from './sso-helpers.js';

/** The error codes sso-admin's and the Identity Store's models declare, plus the JSON front end's. */
const AWS_CODES = new Set([
  'SerializationException',
  'ValidationException',
  'ResourceNotFoundException',
  'ConflictException',
  'AccessDeniedException',
  'ServiceQuotaExceededException',
  'ThrottlingException',
]);

/** Values of every wrong JSON type, and strings that break length, pattern and encoding rules. */
const WEIRD: unknown[] = [-1, 1.5, true, '', '\u0000🙂', 'ü'.repeat(3000), [1], [{}], { a: 1 }, null];

/** `base` with one member, or one member of a structure or list of structures, replaced by `value`. */
function mutations(base: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [member, valid] of Object.entries(base)) {
    for (const value of WEIRD) out.push({ ...base, [member]: value });
    const inner = Array.isArray(valid) ? valid[0] : valid;
    if (typeof inner !== 'object' || inner === null) continue;
    for (const key of Object.keys(inner as object))
      for (const value of [5, '', { a: 1 }]) {
        const changed = { ...(inner as object), [key]: value };
        out.push({ ...base, [member]: Array.isArray(valid) ? [changed] : changed });
      }
  }
  return out;
}

describe('sso-admin and the Identity Store refuse any bad member in AWS error shape, never with a 500', () => {
  let h: SsoHarness;
  let base: Record<string, unknown>;
  const call = (service: 'sso' | 'identitystore', target: string, body: string) =>
    rawRequest({ endpoint: h.cloud.endpoint, service, target, body, credentials: h.cloud.credentials });

  beforeAll(async () => {
    h = await startSso();
    const InstanceArn = h.instanceArn;
    const IdentityStoreId = h.identityStoreId;
    const ps = (await h.sso.send(new S.CreatePermissionSetCommand({ InstanceArn, Name: 'Fuzz' }))).PermissionSet;
    const user = await h.ids.send(
      new I.CreateUserCommand({
        IdentityStoreId,
        UserName: 'fuzz',
        DisplayName: 'Fuzz',
        Name: { GivenName: 'F', FamilyName: 'Uzz' },
      }),
    );
    const group = await h.ids.send(new I.CreateGroupCommand({ IdentityStoreId, DisplayName: 'fuzzers' }));
    const membership = await h.ids.send(
      new I.CreateGroupMembershipCommand({
        IdentityStoreId,
        GroupId: group.GroupId,
        MemberId: { UserId: user.UserId ?? '' },
      }),
    );
    const created = await h.sso.send(
      new S.CreateAccountAssignmentCommand({
        InstanceArn,
        PermissionSetArn: ps?.PermissionSetArn,
        TargetId: h.member,
        TargetType: 'AWS_ACCOUNT',
        PrincipalType: 'GROUP',
        PrincipalId: group.GroupId,
      }),
    );
    const provision = await h.sso.send(
      new S.ProvisionPermissionSetCommand({
        InstanceArn,
        PermissionSetArn: ps?.PermissionSetArn,
        TargetType: 'ALL_PROVISIONED_ACCOUNTS',
      }),
    );
    // Every member any operation reads, valid, so that one bad member at a time reaches deep into the handlers.
    base = {
      InstanceArn,
      IdentityStoreId,
      PermissionSetArn: ps?.PermissionSetArn,
      ResourceArn: ps?.PermissionSetArn,
      TargetId: h.member,
      AccountId: h.member,
      TargetType: 'AWS_ACCOUNT',
      PrincipalType: 'GROUP',
      PrincipalId: group.GroupId,
      UserId: user.UserId,
      GroupId: group.GroupId,
      GroupIds: [group.GroupId],
      MembershipId: membership.MembershipId,
      MemberId: { UserId: user.UserId },
      Name: 'Fuzz2',
      UserName: 'fuzz2',
      DisplayName: 'Fuzz 2',
      Description: 'd',
      SessionDuration: 'PT2H',
      RelayState: 'https://example.com',
      Tags: [{ Key: 'k', Value: 'v' }],
      TagKeys: ['k'],
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      CustomerManagedPolicyReference: { Name: 'p', Path: '/' },
      InlinePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      Filter: { Status: 'SUCCEEDED', AccountId: h.member },
      Filters: [{ AttributePath: 'UserName', AttributeValue: 'fuzz' }],
      AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: 'fuzz' } },
      Operations: [{ AttributePath: 'displayName', AttributeValue: 'Fuzzy' }],
      Emails: [{ Value: 'f@example.com', Type: 'work', Primary: true }],
      ProvisioningStatus: 'LATEST_PERMISSION_SET_PROVISIONED',
      AccountAssignmentCreationRequestId: created.AccountAssignmentCreationStatus?.RequestId,
      AccountAssignmentDeletionRequestId: created.AccountAssignmentCreationStatus?.RequestId,
      ProvisionPermissionSetRequestId: provision.PermissionSetProvisioningStatus?.RequestId,
      MaxResults: 5,
    };
  });
  afterAll(async () => h.stop());

  const services = [
    { service: 'sso' as const, prefix: ssoAdminService.targetPrefix, ops: Object.keys(ssoAdminService.operations) },
    {
      service: 'identitystore' as const,
      prefix: identityStoreService.targetPrefix,
      ops: Object.keys(identityStoreService.operations),
    },
  ];

  for (const { service, prefix, ops } of services)
    it(`${service}: every operation × every member × every wrong value`, async () => {
      const problems: string[] = [];
      // Deletions last, so that the records the other operations name still exist while they are fuzzed.
      const ordered = [...ops].sort((a, b) => Number(a.startsWith('Delete')) - Number(b.startsWith('Delete')));
      for (const op of ordered) {
        const bodies = ['{', '[]', '"x"', 'null', '{}', ...mutations(base).map((b) => JSON.stringify(b))];
        // A few at a time: the point is every input, not the order.
        for (let i = 0; i < bodies.length; i += 8)
          await Promise.all(
            bodies.slice(i, i + 8).map(async (body) => {
              const res = await call(service, `${prefix}.${op}`, body);
              const parsed = JSON.parse(res.body) as { __type?: string; Message?: string };
              const bad =
                res.status >= 500 ||
                (res.status !== 200 &&
                  (!AWS_CODES.has(parsed.__type ?? '') || typeof parsed.Message !== 'string' || parsed.Message === ''));
              if (bad) problems.push(`${op} ${res.status} ${res.body.slice(0, 160)} <- ${body.slice(0, 200)}`);
            }),
          );
      }
      expect(problems).toEqual([]);
    }, 120_000);
});

describe('sso-admin and the Identity Store over raw HTTP', () => {
  let h: SsoHarness;
  const call = (service: 'sso' | 'identitystore', target: string, input: unknown) =>
    rawRequest({
      endpoint: h.cloud.endpoint,
      service,
      target,
      body: typeof input === 'string' ? input : JSON.stringify(input),
      credentials: h.cloud.credentials,
    });
  const error = async (service: 'sso' | 'identitystore', target: string, input: unknown) => {
    const res = await call(service, target, input);
    const body = JSON.parse(res.body) as { __type: string; Message: string };
    return { status: res.status, type: body.__type, message: body.Message, header: res.headers['x-amzn-errortype'] };
  };

  beforeAll(async () => {
    h = await startSso();
  });
  afterAll(async () => h.stop());

  it('an unknown X-Amz-Target, or none after the prefix, is UnknownOperationException', async () => {
    for (const target of ['SWBExternalService.NoSuchThing', 'SWBExternalService.', 'AWSIdentityStore.listusers'])
      expect(await error(target.startsWith('SWB') ? 'sso' : 'identitystore', target, {})).toMatchObject({
        status: 400,
        type: 'UnknownOperationException',
        header: 'UnknownOperationException',
      });
  });

  it('malformed JSON and a body that is not an object are SerializationException', async () => {
    for (const body of ['{"InstanceArn": ', '[1]', '"text"', '{"InstanceArn": "a", }'])
      expect(await error('sso', 'SWBExternalService.ListPermissionSets', body)).toMatchObject({
        status: 400,
        type: 'SerializationException',
      });
  });

  it('an oversized body is 413 in the JSON error shape', async () => {
    const res = await error('identitystore', 'AWSIdentityStore.ListUsers', {
      IdentityStoreId: h.identityStoreId,
      Pad: 'a'.repeat(1024 * 1024 + 10),
    });
    expect(res).toMatchObject({ status: 413, type: 'RequestEntityTooLargeException' });
  });

  it('a missing required member is ValidationException in Smithy words', async () => {
    expect(await error('sso', 'SWBExternalService.CreatePermissionSet', { InstanceArn: h.instanceArn })).toEqual({
      status: 400,
      type: 'ValidationException',
      header: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
    expect(
      await error('identitystore', 'AWSIdentityStore.GetGroupId', { IdentityStoreId: h.identityStoreId }),
    ).toMatchObject({ status: 400, type: 'ValidationException' });
  });

  it('MaxResults outside 1..100 is ValidationException, of the wrong type SerializationException', async () => {
    for (const MaxResults of [0, 101, -5])
      expect(
        await error('sso', 'SWBExternalService.ListPermissionSets', { InstanceArn: h.instanceArn, MaxResults }),
      ).toMatchObject({ status: 400, type: 'ValidationException' });
    for (const MaxResults of [0, 101])
      expect(
        await error('identitystore', 'AWSIdentityStore.ListGroups', { IdentityStoreId: h.identityStoreId, MaxResults }),
      ).toMatchObject({ status: 400, type: 'ValidationException' });
    expect(
      await error('sso', 'SWBExternalService.ListPermissionSets', { InstanceArn: h.instanceArn, MaxResults: '5' }),
    ).toMatchObject({ status: 400, type: 'SerializationException' });
  });

  it('a tampered, foreign or garbage NextToken is ValidationException', async () => {
    for (const Name of ['One', 'Two', 'Three'])
      await h.sso.send(new S.CreatePermissionSetCommand({ InstanceArn: h.instanceArn, Name }));
    const first = await h.sso.send(new S.ListPermissionSetsCommand({ InstanceArn: h.instanceArn, MaxResults: 1 }));
    const token = first.NextToken ?? '';
    expect(token).not.toBe('');
    const [op, offset, sum] = Buffer.from(token, 'base64url').toString('utf8').split(':');
    const tampered = [
      Buffer.from(`${op}:${Number(offset) + 1}:${sum}`).toString('base64url'),
      Buffer.from(`${op}:-1:${sum}`).toString('base64url'),
      `${token.slice(0, -2)}AA`,
      'not-a-token',
      '🙂',
    ];
    for (const NextToken of tampered)
      expect(
        await error('sso', 'SWBExternalService.ListPermissionSets', { InstanceArn: h.instanceArn, NextToken }),
      ).toMatchObject({ status: 400, type: 'ValidationException' });
    // A token of one listing is refused by another.
    expect(
      await error('sso', 'SWBExternalService.ListPermissionSetsProvisionedToAccount', {
        InstanceArn: h.instanceArn,
        AccountId: h.member,
        NextToken: token,
      }),
    ).toMatchObject({ status: 400, type: 'ValidationException' });
  });

  it('unicode names: the Identity Store keeps and finds them, a permission set name refuses them', async () => {
    const DisplayName = 'Équipe 開発 🙂';
    const group = await h.ids.send(new I.CreateGroupCommand({ IdentityStoreId: h.identityStoreId, DisplayName }));
    const found = await h.ids.send(
      new I.GetGroupIdCommand({
        IdentityStoreId: h.identityStoreId,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: DisplayName } },
      }),
    );
    expect(found.GroupId).toBe(group.GroupId);
    const UserName = 'jürgen.müller@例え.jp';
    const user = await h.ids.send(
      new I.CreateUserCommand({
        IdentityStoreId: h.identityStoreId,
        UserName,
        DisplayName: 'Jürgen Müller',
        Name: { GivenName: 'Jürgen', FamilyName: 'Müller' },
      }),
    );
    const listed = await h.ids.send(
      new I.ListUsersCommand({
        IdentityStoreId: h.identityStoreId,
        Filters: [{ AttributePath: 'UserName', AttributeValue: UserName }],
      }),
    );
    expect(listed.Users?.map((u) => [u.UserId, u.UserName])).toEqual([[user.UserId, UserName]]);
    // A control character is outside the model's pattern.
    expect(
      await error('identitystore', 'AWSIdentityStore.CreateGroup', {
        IdentityStoreId: h.identityStoreId,
        DisplayName: 'bad\u0007name',
      }),
    ).toMatchObject({ status: 400, type: 'ValidationException' });
    const refused = await error('sso', 'SWBExternalService.CreatePermissionSet', {
      InstanceArn: h.instanceArn,
      Name: 'Développeurs',
    });
    expect(refused).toMatchObject({ status: 400, type: 'ValidationException' });
    expect(refused.message).toContain("at 'name' failed to satisfy constraint: Member must satisfy regular expression");
  });
});

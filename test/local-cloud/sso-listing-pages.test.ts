import * as ID from '@aws-sdk/client-identitystore';
import * as S from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, eventually } from './helpers.js';
import type { SsoHarness } from './sso-helpers.js';
import { startSso } from './sso-helpers.js';

/** Listings served from the store's indexes and the status lists' sorted cache stay exact across pages and writes. */
describe('sso-admin listings over several pages', () => {
  let h: SsoHarness;
  let group = '';
  const sets: string[] = [];
  const requests: string[] = [];
  const create = async (PermissionSetArn: string): Promise<string> => {
    const r = await eventually(async () => {
      try {
        return await h.sso.send(
          new S.CreateAccountAssignmentCommand({
            InstanceArn: h.instanceArn,
            PermissionSetArn,
            PrincipalId: group,
            PrincipalType: 'GROUP',
            TargetId: h.member,
            TargetType: 'AWS_ACCOUNT',
          }),
        );
      } catch (err) {
        if ((err as Error).name === 'ConflictException') return undefined; // ten in progress already
        throw err;
      }
    }, 20_000);
    return r.AccountAssignmentCreationStatus?.RequestId ?? '';
  };
  const statusPage = (NextToken?: string) =>
    h.sso.send(new S.ListAccountAssignmentCreationStatusCommand({ InstanceArn: h.instanceArn, NextToken }));

  beforeAll(async () => {
    h = await startSso();
    group =
      (await h.ids.send(new ID.CreateGroupCommand({ IdentityStoreId: h.identityStoreId, DisplayName: 'many' })))
        .GroupId ?? '';
    for (let i = 0; i < 106; i++)
      sets.push(
        (await h.sso.send(new S.CreatePermissionSetCommand({ InstanceArn: h.instanceArn, Name: `Set${i}` })))
          .PermissionSet?.PermissionSetArn ?? '',
      );
    for (const ps of sets.slice(0, 105)) requests.push(await create(ps));
  }, 60_000);
  afterAll(async () => h.stop());

  it('a status list paged while new requests arrive lists each request once, oldest first', async () => {
    const first = await statusPage();
    expect(first.AccountAssignmentsCreationStatus).toHaveLength(100);
    requests.push(await create(sets[105] ?? ''));
    const second = await statusPage(first.NextToken);
    expect(second.NextToken).toBeUndefined();
    const listed = [
      ...(first.AccountAssignmentsCreationStatus ?? []),
      ...(second.AccountAssignmentsCreationStatus ?? []),
    ];
    expect(listed.map((s) => s.RequestId)).toEqual(requests);
  });

  it('a status filter sees a request move from IN_PROGRESS to SUCCEEDED', async () => {
    const filtered = (Status: 'IN_PROGRESS' | 'SUCCEEDED') =>
      h.sso.send(
        new S.ListAccountAssignmentCreationStatusCommand({
          InstanceArn: h.instanceArn,
          Filter: { Status },
          MaxResults: 100,
        }),
      );
    await eventually(async () =>
      (await filtered('IN_PROGRESS')).AccountAssignmentsCreationStatus?.length === 0 ? 1 : undefined,
    );
    const done = await filtered('SUCCEEDED');
    const more = await h.sso.send(
      new S.ListAccountAssignmentCreationStatusCommand({
        InstanceArn: h.instanceArn,
        Filter: { Status: 'SUCCEEDED' },
        NextToken: done.NextToken,
      }),
    );
    expect([
      ...(done.AccountAssignmentsCreationStatus ?? []),
      ...(more.AccountAssignmentsCreationStatus ?? []),
    ]).toHaveLength(106);
  });

  it('a principal with more than a page of assignments: every one, once; a Filter by account; a bad token refused', async () => {
    const page = (NextToken?: string, AccountId?: string) =>
      h.sso.send(
        new S.ListAccountAssignmentsForPrincipalCommand({
          InstanceArn: h.instanceArn,
          PrincipalId: group,
          PrincipalType: 'GROUP',
          NextToken,
          ...(AccountId === undefined ? {} : { Filter: { AccountId } }),
        }),
      );
    const first = await page();
    const second = await page(first.NextToken);
    const all = [...(first.AccountAssignments ?? []), ...(second.AccountAssignments ?? [])];
    expect(all.map((a) => a.PermissionSetArn).sort()).toEqual([...sets].sort());
    expect((await page(undefined, h.member)).AccountAssignments).toHaveLength(100);
    expect((await page(undefined, h.cloud.managementAccountId)).AccountAssignments).toEqual([]);
    // A token of the unfiltered listing does not continue the filtered one.
    expect(await awsError(() => page(first.NextToken, h.member))).toMatchObject({ name: 'ValidationException' });
    const provisioned = await h.sso.send(
      new S.ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: h.instanceArn, AccountId: h.member }),
    );
    const rest = await h.sso.send(
      new S.ListPermissionSetsProvisionedToAccountCommand({
        InstanceArn: h.instanceArn,
        AccountId: h.member,
        NextToken: provisioned.NextToken,
      }),
    );
    expect([...(provisioned.PermissionSets ?? []), ...(rest.PermissionSets ?? [])].sort()).toEqual([...sets].sort());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import { CreateRoleCommand, ListRolesCommand, paginateListRoles } from '@aws-sdk/client-iam';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';

describe('pagination', () => {
  let h: Harness;
  let rootId: string;
  beforeAll(async () => {
    h = await startHarness();
    await h.org.send(new CreateOrganizationCommand({}));
    rootId = (await h.org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
    for (let i = 0; i < 45; i++)
      await h.org.send(
        new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: `ou-${String(i).padStart(2, '0')}` }),
      );
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: h.cloud.managementAccountId }, Action: 'sts:AssumeRole' }],
    });
    for (let i = 0; i < 7; i++)
      await h.iam.send(new CreateRoleCommand({ RoleName: `role-${i}`, AssumeRolePolicyDocument: trust }));
  });
  afterAll(async () => h.stop());

  it('Organizations: 20 per page by default, NextToken until the end', async () => {
    const first = await h.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
    expect(first.OrganizationalUnits).toHaveLength(20);
    expect(first.NextToken).toBeTypeOf('string');
    const names: string[] = [];
    for await (const page of paginateListOrganizationalUnitsForParent(
      { client: h.org, pageSize: 7 },
      { ParentId: rootId },
    )) {
      expect((page.OrganizationalUnits ?? []).length).toBeLessThanOrEqual(7);
      names.push(...(page.OrganizationalUnits ?? []).map((o) => o.Name ?? ''));
    }
    expect(names).toHaveLength(45);
    expect(new Set(names).size).toBe(45);
  });

  it('Organizations: MaxResults outside 1..20 and forged tokens are InvalidInputException', async () => {
    expect(
      await awsError(() =>
        h.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId, MaxResults: 21 })),
      ),
    ).toMatchObject({ Reason: 'MAX_VALUE_EXCEEDED' });
    expect(
      await awsError(() =>
        h.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId, MaxResults: 0 })),
      ),
    ).toMatchObject({ Reason: 'MIN_VALUE_EXCEEDED' });
    expect(
      await awsError(() =>
        h.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId, NextToken: 'forged' })),
      ),
    ).toMatchObject({
      name: 'InvalidInputException',
      Reason: 'INVALID_NEXT_TOKEN',
    });
  });

  it('IAM: MaxItems, Marker and IsTruncated', async () => {
    const first = await h.iam.send(new ListRolesCommand({ MaxItems: 3 }));
    expect(first.Roles?.map((r) => r.RoleName)).toEqual(['role-0', 'role-1', 'role-2']);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBeTypeOf('string');
    const all: string[] = [];
    for await (const page of paginateListRoles({ client: h.iam, pageSize: 3 }, {}))
      all.push(...(page.Roles ?? []).map((r) => r.RoleName ?? ''));
    expect(all).toEqual(['role-0', 'role-1', 'role-2', 'role-3', 'role-4', 'role-5', 'role-6']);
    const last = await h.iam.send(new ListRolesCommand({ MaxItems: 100 }));
    expect(last.IsTruncated).toBe(false);
    expect(last.Marker).toBeUndefined();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DeleteOrganizationalUnitCommand,
  DescribeOrganizationalUnitCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  UpdateOrganizationalUnitCommand,
} from '@aws-sdk/client-organizations';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';

describe('organizational units', () => {
  let h: Harness;
  let rootId: string;
  beforeEach(async () => {
    h = await startHarness();
    const created = await h.org.send(new CreateOrganizationCommand({}));
    expect(created.Organization).toBeDefined();
    const { ListRootsCommand } = await import('@aws-sdk/client-organizations');
    rootId = (await h.org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  });
  afterEach(async () => h.stop());

  const createOu = async (parentId: string, name: string): Promise<string> =>
    (await h.org.send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name }))).OrganizationalUnit
      ?.Id ?? '';

  it('creates, renames, describes, lists and deletes OUs', async () => {
    const id = await createOu(rootId, 'Workloads');
    expect(id).toMatch(new RegExp(`^ou-${rootId.slice(2)}-[a-z0-9]{8}$`));
    await h.org.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: id, Name: 'Apps' }));
    const described = await h.org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id }));
    expect(described.OrganizationalUnit?.Name).toBe('Apps');
    expect(described.OrganizationalUnit?.Arn).toMatch(
      new RegExp(`^arn:aws:organizations::${h.cloud.managementAccountId}:ou/o-[a-z0-9]{10}/${id}$`),
    );
    const listed = await h.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
    expect(listed.OrganizationalUnits?.map((o) => o.Name)).toEqual(['Apps']);
    const parents = await h.org.send(new ListParentsCommand({ ChildId: id }));
    expect(parents.Parents).toEqual([{ Id: rootId, Type: 'ROOT' }]);
    const children = await h.org.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ORGANIZATIONAL_UNIT' }));
    expect(children.Children).toEqual([{ Id: id, Type: 'ORGANIZATIONAL_UNIT' }]);
    await h.org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: id }));
    const gone = await awsError(() => h.org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id })));
    expect(gone.name).toBe('OrganizationalUnitNotFoundException');
  });

  it('keeps names unique per parent, not across parents', async () => {
    const a = await createOu(rootId, 'Prod');
    const dup = await awsError(() => createOu(rootId, 'Prod'));
    expect(dup.name).toBe('DuplicateOrganizationalUnitException');
    await createOu(a, 'Prod');
    const b = await createOu(rootId, 'Dev');
    const rename = await awsError(() =>
      h.org.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: b, Name: 'Prod' })),
    );
    expect(rename.name).toBe('DuplicateOrganizationalUnitException');
  });

  it('allows five levels below the root and refuses the sixth with OU_DEPTH_LIMIT_EXCEEDED', async () => {
    let parent = rootId;
    for (let level = 1; level <= 5; level++) parent = await createOu(parent, `L${level}`);
    const err = await awsError(() => createOu(parent, 'L6'));
    expect(err).toMatchObject({ name: 'ConstraintViolationException', Reason: 'OU_DEPTH_LIMIT_EXCEEDED' });
  });

  it('refuses to delete a non-empty OU', async () => {
    const parent = await createOu(rootId, 'Parent');
    await createOu(parent, 'Child');
    const err = await awsError(() => h.org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: parent })));
    expect(err.name).toBe('OrganizationalUnitNotEmptyException');
  });

  it('reports unknown parents and malformed ids as AWS does', async () => {
    const missing = await awsError(() => createOu(`ou-${rootId.slice(2)}-zzzzzzzz`, 'X'));
    expect(missing.name).toBe('ParentNotFoundException');
    const malformed = await awsError(() => createOu('nonsense', 'X'));
    expect(malformed).toMatchObject({ name: 'InvalidInputException', Reason: 'INVALID_PATTERN' });
    const tooLong = await awsError(() => createOu(rootId, 'x'.repeat(129)));
    expect(tooLong).toMatchObject({ name: 'InvalidInputException', Reason: 'MAX_LENGTH_EXCEEDED' });
  });
});

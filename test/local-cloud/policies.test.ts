import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  DisablePolicyTypeCommand,
  EnablePolicyTypeCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';

const DENY_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });

describe('policies', () => {
  let h: Harness;
  let rootId: string;
  beforeEach(async () => {
    h = await startHarness();
    await h.org.send(new CreateOrganizationCommand({}));
    rootId = (await h.org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  });
  afterEach(async () => h.stop());

  const scp = async (name: string, content = DENY_ALL): Promise<string> =>
    (
      await h.org.send(
        new CreatePolicyCommand({ Name: name, Description: name, Type: 'SERVICE_CONTROL_POLICY', Content: content }),
      )
    ).Policy?.PolicySummary?.Id ?? '';
  const scpIdsOn = async (targetId: string): Promise<string[]> =>
    (
      (await h.org.send(new ListPoliciesForTargetCommand({ TargetId: targetId, Filter: 'SERVICE_CONTROL_POLICY' })))
        .Policies ?? []
    ).map((p) => p.Id ?? '');

  it('requires the policy type to be enabled before attaching', async () => {
    const id = await scp('deny');
    const err = await awsError(() => h.org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: rootId })));
    expect(err.name).toBe('PolicyTypeNotEnabledException');
  });

  it('enabling SCPs attaches FullAWSAccess to the root, existing and new OUs and accounts', async () => {
    const before = await h.org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Before' }));
    const enabled = await h.org.send(
      new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }),
    );
    expect(enabled.Root?.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    const after = await h.org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'After' }));
    expect(await scpIdsOn(rootId)).toEqual(['p-FullAWSAccess']);
    expect(await scpIdsOn(before.OrganizationalUnit?.Id ?? '')).toEqual(['p-FullAWSAccess']);
    expect(await scpIdsOn(after.OrganizationalUnit?.Id ?? '')).toEqual(['p-FullAWSAccess']);
    expect(await scpIdsOn(h.cloud.managementAccountId)).toEqual(['p-FullAWSAccess']);
    const full = await h.org.send(new DescribePolicyCommand({ PolicyId: 'p-FullAWSAccess' }));
    expect(full.Policy?.PolicySummary).toMatchObject({
      AwsManaged: true,
      Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
    });
    const again = await awsError(() =>
      h.org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })),
    );
    expect(again.name).toBe('PolicyTypeAlreadyEnabledException');
  });

  it('keeps at least one and at most five SCPs on a target', async () => {
    await h.org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const last = await awsError(() =>
      h.org.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: rootId })),
    );
    expect(last).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await scp(`p${i}`));
    for (const id of ids.slice(0, 4)) await h.org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: rootId }));
    const sixth = await awsError(() => h.org.send(new AttachPolicyCommand({ PolicyId: ids[4], TargetId: rootId })));
    expect(sixth).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    });
    const dup = await awsError(() => h.org.send(new AttachPolicyCommand({ PolicyId: ids[0], TargetId: rootId })));
    expect(dup.name).toBe('DuplicatePolicyAttachmentException');
    await h.org.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: rootId }));
    expect(await scpIdsOn(rootId)).toEqual(ids.slice(0, 4));
    const targets = await h.org.send(new ListTargetsForPolicyCommand({ PolicyId: ids[0] }));
    expect(targets.Targets).toEqual([
      { TargetId: rootId, Arn: expect.stringContaining(`:root/`), Name: 'Root', Type: 'ROOT' },
    ]);
    const inUse = await awsError(() => h.org.send(new DeletePolicyCommand({ PolicyId: ids[0] })));
    expect(inUse.name).toBe('PolicyInUseException');
  });

  it('limits SCP content to 5,120 characters and requires a policy document', async () => {
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Sid: 'x'.repeat(5100) }],
    });
    const tooBig = await awsError(() => scp('big', big));
    expect(tooBig).toMatchObject({ name: 'ConstraintViolationException', Reason: 'POLICY_CONTENT_LIMIT_EXCEEDED' });
    const malformed = await awsError(() => scp('bad', '{not json'));
    expect(malformed.name).toBe('MalformedPolicyDocumentException');
  });

  it('updates, lists, and deletes customer policies; AWS managed ones are immutable', async () => {
    const id = await scp('guard');
    const dup = await awsError(() => scp('guard'));
    expect(dup.name).toBe('DuplicatePolicyException');
    const updated = await h.org.send(new UpdatePolicyCommand({ PolicyId: id, Name: 'guard2', Description: 'new' }));
    expect(updated.Policy?.PolicySummary).toMatchObject({ Name: 'guard2', Description: 'new', AwsManaged: false });
    expect(updated.Policy?.PolicySummary?.Arn).toMatch(
      new RegExp(
        `^arn:aws:organizations::${h.cloud.managementAccountId}:policy/o-[a-z0-9]{10}/service_control_policy/${id}$`,
      ),
    );
    const listed = await h.org.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }));
    expect(listed.Policies?.map((p) => p.Name).sort()).toEqual(['FullAWSAccess', 'guard2']);
    const immutable = await awsError(() =>
      h.org.send(new UpdatePolicyCommand({ PolicyId: 'p-FullAWSAccess', Name: 'x' })),
    );
    expect(immutable).toMatchObject({ name: 'InvalidInputException', Reason: 'IMMUTABLE_POLICY' });
    await h.org.send(new DeletePolicyCommand({ PolicyId: id }));
    expect((await awsError(() => h.org.send(new DescribePolicyCommand({ PolicyId: id })))).name).toBe(
      'PolicyNotFoundException',
    );
  });

  it('disabling a policy type detaches its policies everywhere', async () => {
    await h.org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'TAG_POLICY' }));
    const tag = await h.org.send(
      new CreatePolicyCommand({
        Name: 't',
        Description: '',
        Type: 'TAG_POLICY',
        Content: JSON.stringify({ tags: {} }),
      }),
    );
    await h.org.send(new AttachPolicyCommand({ PolicyId: tag.Policy?.PolicySummary?.Id, TargetId: rootId }));
    await h.org.send(new DisablePolicyTypeCommand({ RootId: rootId, PolicyType: 'TAG_POLICY' }));
    const left = await h.org.send(new ListPoliciesForTargetCommand({ TargetId: rootId, Filter: 'TAG_POLICY' }));
    expect(left.Policies).toEqual([]);
    const notEnabled = await awsError(() =>
      h.org.send(new DisablePolicyTypeCommand({ RootId: rootId, PolicyType: 'TAG_POLICY' })),
    );
    expect(notEnabled.name).toBe('PolicyTypeNotEnabledException');
  });

  it('tags roots, OUs, accounts and policies, up to 50 tags', async () => {
    const id = await scp('tagged');
    for (const target of [rootId, h.cloud.managementAccountId, id]) {
      await h.org.send(
        new TagResourceCommand({
          ResourceId: target,
          Tags: [
            { Key: 'owner', Value: 'platform' },
            { Key: 'tier', Value: '1' },
          ],
        }),
      );
      await h.org.send(new UntagResourceCommand({ ResourceId: target, TagKeys: ['tier'] }));
      const tags = await h.org.send(new ListTagsForResourceCommand({ ResourceId: target }));
      expect(tags.Tags).toEqual([{ Key: 'owner', Value: 'platform' }]);
    }
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const over = await awsError(() => h.org.send(new TagResourceCommand({ ResourceId: rootId, Tags: many })));
    expect(over).toMatchObject({ name: 'ConstraintViolationException', Reason: 'MAX_TAG_LIMIT_EXCEEDED' });
    const missing = await awsError(() =>
      h.org.send(new TagResourceCommand({ ResourceId: '999999999999', Tags: [{ Key: 'a', Value: 'b' }] })),
    );
    expect(missing.name).toBe('TargetNotFoundException');
  });
});

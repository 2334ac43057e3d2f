import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getManagedPolicyDocument } from '../../src/toolkit/managed-policies.js';
import { startHarness, type Harness } from './helpers.js';

// The local cloud's IAM serves AWS managed policies with AWS's own documents: the same catalogue
// `bulkhead access` evaluates, so the emulator and the access answers agree.
describe('AWS managed policies in the local cloud', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it("GetPolicy and GetPolicyVersion return AWS's document of PowerUserAccess", async () => {
    const arn = 'arn:aws:iam::aws:policy/PowerUserAccess';
    const policy = (await h.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    expect(policy.PolicyName).toBe('PowerUserAccess');
    expect(policy.PolicyId).toBe('ANPAJYRXTHIB4FOVS3ZXS');
    const version = (
      await h.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.DefaultVersionId! }))
    ).PolicyVersion!;
    const document = JSON.parse(decodeURIComponent(version.Document!)) as unknown;
    expect(document).toEqual(getManagedPolicyDocument('PowerUserAccess'));
    // AWS's PowerUserAccess lets people create service-linked roles, which the old stand-in did not.
    expect(JSON.stringify(document)).toContain('iam:CreateServiceLinkedRole');
  });

  it('any AWS managed policy, with its path, can be read and attached', async () => {
    const arn = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess';
    const policy = (await h.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    expect(policy).toMatchObject({ PolicyName: 'ViewOnlyAccess', Path: '/job-function/', Arn: arn });
    expect(policy.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
    await h.iam.send(
      new CreateRoleCommand({
        RoleName: 'viewer',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: h.cloud.managementAccountId }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    await h.iam.send(new AttachRolePolicyCommand({ RoleName: 'viewer', PolicyArn: arn }));
    const attached = await h.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'viewer' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'ViewOnlyAccess', PolicyArn: arn }]);
  });

  it('an unknown AWS managed policy is NoSuchEntity', async () => {
    await expect(
      h.iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAcess' })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttachRolePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  GetPolicyCommand,
  ListPoliciesCommand,
} from '@aws-sdk/client-iam';
import type { PolicyScopeType } from '@aws-sdk/client-iam';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';

/*
 * IAM's errors for bad input, per botocore's IAM model: `Scope` is the enum `policyScopeType`
 * (All | AWS | Local), so another value is the protocol's ValidationError; `PolicyArn` is `arnType`
 * (20..2048 characters, no pattern), so an ARN of the right length that names no policy is the
 * operation's modeled `InvalidInput`.
 */
describe('IAM input errors', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: h.cloud.managementAccountId }, Action: 'sts:AssumeRole' }],
    });
    await h.iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trust }));
  });
  afterAll(async () => h.stop());

  it('answers a Scope outside the enum with ValidationError', async () => {
    const err = await awsError(() => h.iam.send(new ListPoliciesCommand({ Scope: 'Everything' as PolicyScopeType })));
    expect(err).toMatchObject({ name: 'ValidationError', status: 400 });
    expect(err.message).toBe(
      "1 validation error detected: Value 'Everything' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]",
    );
  });

  it('answers a malformed policy ARN with InvalidInput, on every operation that takes one', async () => {
    const notAPolicy = `arn:aws:iam::${h.cloud.managementAccountId}:role/app`;
    const calls = [
      () => h.iam.send(new GetPolicyCommand({ PolicyArn: notAPolicy })),
      () => h.iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: notAPolicy })),
      () => h.iam.send(new CreatePolicyVersionCommand({ PolicyArn: notAPolicy, PolicyDocument: '{"Statement":[]}' })),
    ];
    for (const call of calls) {
      const err = await awsError(call);
      expect(err).toMatchObject({ name: 'InvalidInputException', status: 400 });
      expect(err.message).toBe(`ARN ${notAPolicy} is not valid.`);
    }
  });

  it('keeps ValidationError for an ARN shorter than arnType allows', async () => {
    const err = await awsError(() => h.iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::1' })));
    expect(err).toMatchObject({ name: 'ValidationError', status: 400 });
  });
});

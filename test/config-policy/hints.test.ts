import { describe, expect, it } from 'vitest';
import { validatePolicyDocument, type PolicyIssue } from '../../src/config/policy/index.js';

const one = (issues: PolicyIssue[], code: string): PolicyIssue => {
  const found = issues.find((i) => i.code === code);
  if (found === undefined) throw new Error(`no ${code} in ${JSON.stringify(issues)}`);
  return found;
};
const statement = (s: Record<string, unknown>): unknown => ({ Version: '2012-10-17', Statement: [s] });

describe('messages and hints', () => {
  it('suggests close actions within the service', async () => {
    const issues = await validatePolicyDocument(
      statement({ Effect: 'Allow', Action: 'ec2:DescribeInstance', Resource: '*' }),
      'identity',
    );
    const issue = one(issues, 'E-POLICY-UNKNOWN-ACTION');
    expect(issue.message).toContain('ec2:DescribeInstance');
    expect(issue.hint).toContain('"ec2:DescribeInstances"');
  });

  it('suggests close services, keeping the action', async () => {
    const issues = await validatePolicyDocument(
      statement({ Effect: 'Deny', Action: 'organisations:LeaveOrganization', Resource: '*' }),
      'scp',
    );
    expect(one(issues, 'E-POLICY-UNKNOWN-SERVICE').hint).toContain('"organizations:LeaveOrganization"');
  });

  it('suggests the right case for Effect and the element name for a typo', async () => {
    const issues = await validatePolicyDocument(statement({ Effect: 'deny', Actoin: '*', Resource: '*' }), 'scp');
    expect(one(issues, 'E-POLICY-EFFECT').hint).toBe('did you mean "Deny"?');
    expect(one(issues, 'E-POLICY-UNKNOWN-KEY').hint).toBe('did you mean "Action"?');
    // The misspelt Action is not reported a second time as missing.
    expect(issues.map((i) => i.code)).not.toContain('E-POLICY-ACTION-MISSING');
  });

  it('suggests condition operators, keeping the set qualifier', async () => {
    const issues = await validatePolicyDocument(
      statement({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { 'ForAnyValue:StringLikee': { 'aws:TagKeys': 'a' } },
      }),
      'scp',
    );
    expect(one(issues, 'E-POLICY-CONDITION-OPERATOR').hint).toContain('"ForAnyValue:StringLike"');
  });

  it('proposes the S3 ARN for a bare bucket name', async () => {
    const issues = await validatePolicyDocument(
      statement({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'my-bucket/*' }),
      'identity',
    );
    expect(one(issues, 'E-POLICY-RESOURCE-ARN').hint).toContain('arn:aws:s3:::my-bucket/*');
  });

  it('matches actions case-insensitively, as IAM does', async () => {
    expect(
      await validatePolicyDocument(
        statement({ Effect: 'Allow', Action: ['S3:getobject', 'EC2:describe*'], Resource: '*' }),
        'identity',
      ),
    ).toEqual([]);
  });

  it('reports an unknown kind instead of throwing', async () => {
    const issues = await validatePolicyDocument({}, 'rcp' as never);
    expect(issues.map((i) => i.code)).toEqual(['E-POLICY-KIND']);
  });
});

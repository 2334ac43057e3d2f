import { describe, expect, it } from 'vitest';
import { validatePolicyDocument, type PolicyKind } from '../../src/config/policy/index.js';

// A realistic mix: region guardrail SCP, identity policies over several services, a bucket policy.
function policies(n: number): { doc: unknown; kind: PolicyKind }[] {
  const out: { doc: unknown; kind: PolicyKind }[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      i % 3 === 0
        ? {
            kind: 'scp',
            doc: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: `Deny${i}`,
                  Effect: 'Deny',
                  NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*'],
                  Resource: '*',
                  Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
                },
              ],
            },
          }
        : i % 3 === 1
          ? {
              kind: 'identity',
              doc: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: [
                      's3:GetObject',
                      's3:PutObject',
                      'ec2:Describe*',
                      'lambda:InvokeFunction',
                      'dynamodb:Query',
                      'logs:CreateLogStream',
                      'kms:Decrypt',
                    ],
                    Resource: `arn:aws:s3:::bucket-${i}/*`,
                  },
                ],
              },
            }
          : {
              kind: 'resource',
              doc: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Deny',
                    Principal: '*',
                    Action: 's3:*',
                    Resource: [`arn:aws:s3:::b${i}`, `arn:aws:s3:::b${i}/*`],
                    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                  },
                ],
              },
            },
    );
  }
  return out;
}

// Speed is measured by bench/validate.js, not asserted here.
describe('a realistic batch', () => {
  it('finds nothing wrong in 200 valid policies of three kinds', async () => {
    for (const p of policies(200)) expect(await validatePolicyDocument(p.doc, p.kind)).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLICY_ISSUE_CODES, POLICY_KINDS, scpSize, validatePolicyDocument } from '../../src/config/policy/index.js';

const element = fc.constantFrom(
  'Version',
  'Id',
  'Statement',
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'Principal',
  'Condition',
  'AWS',
  'StringEquals',
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.constantFrom('*', 'Allow', 'Deny', 's3:GetObject', 'ec2:Describe*', 'arn:aws:s3:::b', '2012-10-17', 'true'),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(element, fc.string()), tie('node'), { maxKeys: 5 }),
  ),
})).node;

describe('validatePolicyDocument never throws', () => {
  it('returns issues with a code, message and path for any JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(value, fc.constantFrom(...POLICY_KINDS), async (doc, kind) => {
        const issues = await validatePolicyDocument(doc, kind);
        for (const issue of issues) {
          expect(Object.keys(POLICY_ISSUE_CODES)).toContain(issue.code);
          expect(typeof issue.message).toBe('string');
          expect(Array.isArray(issue.path)).toBe(true);
        }
        expect(scpSize(doc)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts non-JSON values from a loader without throwing', async () => {
    for (const doc of [
      undefined,
      () => 1,
      Symbol('x'),
      10n,
      new Date(0),
      { Statement: { Effect: 'Allow', Action: [undefined], Resource: new Date(0) } },
    ]) {
      const issues = await validatePolicyDocument(doc, 'identity');
      expect(issues.length).toBeGreaterThan(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate, evaluateChecked, expandActionPattern, isAllowed, type AccessRequest, type PolicySet } from '../../src/access/index.js';

const request: AccessRequest = {
  principal: { arn: 'arn:aws:sts::111111111111:assumed-role/Dev/alice', accountId: '111111111111', tags: { team: 'blue' } },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::data/blue/report.csv',
  region: 'eu-west-1',
};

const set: PolicySet = {
  scpLevels: [
    { target: 'root r-ab12', policies: [{ name: 'FullAWSAccess', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } } }] },
    {
      target: 'ou Workloads',
      policies: [
        {
          name: 'RegionGuard',
          document: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
              { Sid: 'DenyOtherRegions', Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } },
            ],
          },
        },
      ],
    },
  ],
  identityPolicies: [
    {
      name: 'TeamData',
      document: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Team', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::data/${aws:PrincipalTag/team}/*' }],
      },
    },
  ],
};

describe('access evaluator smoke', () => {
  it('allows through SCP levels and a policy variable', () => {
    const r = evaluate(request, set, { explain: true });
    expect(r.ok && r.decision).toBe('allowed');
    expect(r.ok && r.decidedBy).toMatchObject({ layer: 'identity', policy: 'TeamData', sid: 'Team', statementIndex: 0 });
    expect(isAllowed(request, set)).toBe(true);
  });
  it('denies other regions with the SCP statement named', () => {
    const r = evaluate({ ...request, region: 'us-east-1' }, set);
    expect(r.ok && r.decidedBy).toMatchObject({ layer: 'scp', target: 'ou Workloads', sid: 'DenyOtherRegions' });
    expect(isAllowed({ ...request, region: 'us-east-1' }, set)).toBe(false);
  });
  it('reports unknown actions with suggestions', async () => {
    const r = await evaluateChecked({ ...request, action: 's3:GetObjekt' }, set);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.suggestions).toContain('s3:GetObject');
  });
  it('expands action patterns', async () => {
    const actions = await expandActionPattern('s3:GetObjectT*');
    expect(actions).toContain('s3:GetObjectTagging');
  });
});

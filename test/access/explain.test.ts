import { describe, expect, it } from 'vitest';
import {
  checkActions,
  evaluate,
  evaluateChecked,
  expandActionPattern,
  formatEvaluation,
  isAllowed,
  type AccessRequest,
  type PolicySet,
} from '../../src/access/index.js';

const request: AccessRequest = {
  principal: {
    arn: 'arn:aws:sts::111111111111:assumed-role/Dev/alice',
    accountId: '111111111111',
    tags: { team: 'blue' },
  },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::data/blue/report.csv',
  region: 'eu-west-1',
};

const set: PolicySet = {
  scpLevels: [
    {
      target: 'root r-ab12',
      policies: [
        {
          name: 'FullAWSAccess',
          document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
        },
      ],
    },
    {
      target: 'ou Workloads',
      policies: [
        {
          name: 'RegionGuard',
          document: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
              {
                Sid: 'DenyOtherRegions',
                Effect: 'Deny',
                NotAction: 'iam:*',
                Resource: '*',
                Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
              },
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
        Statement: [
          { Sid: 'Team', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::data/${aws:PrincipalTag/team}/*' },
        ],
      },
    },
  ],
};

describe('access evaluator smoke', () => {
  it('allows through SCP levels and a policy variable', () => {
    const r = evaluate(request, set, { explain: true });
    expect(r.ok && r.decision).toBe('allowed');
    expect(r.ok && r.decidedBy).toMatchObject({
      layer: 'identity',
      policy: 'TeamData',
      sid: 'Team',
      statementIndex: 0,
    });
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

describe('trace format', () => {
  it('records every statement with condition values on both sides', () => {
    const r = evaluate({ ...request, region: 'us-east-1' }, set, { explain: true });
    if (!r.ok) throw new Error('unexpected errors');
    const guard = r.trace?.find((t) => t.sid === 'DenyOtherRegions');
    expect(guard).toMatchObject({
      layer: 'scp',
      target: 'ou Workloads',
      effect: 'Deny',
      actionMatched: true,
      resourceMatched: true,
      applies: true,
    });
    expect(guard?.conditions).toEqual([
      {
        operator: 'StringNotEquals',
        key: 'aws:RequestedRegion',
        policyValues: ['eu-west-1'],
        requestValues: ['us-east-1'],
        matched: true,
      },
    ]);
  });
  it('reports an absent key as undefined request values', () => {
    const orgGuard: PolicySet = {
      identityPolicies: [
        {
          name: 'OrgOnly',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'DenyOutsideOrg',
                Effect: 'Deny',
                Action: '*',
                Resource: '*',
                Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
              },
            ],
          },
        },
      ],
    };
    const r = evaluate(request, orgGuard, { explain: true });
    if (!r.ok) throw new Error('unexpected errors');
    const guard = r.trace?.find((t) => t.sid === 'DenyOutsideOrg');
    expect(guard?.conditions[0]?.requestValues).toBeUndefined();
    expect(guard?.conditions[0]?.matched).toBe(true);
  });

  it('fills the keys AWS always includes: a request without a region is judged as us-east-1', () => {
    const r = evaluate({ ...request, region: undefined } as AccessRequest, set, { explain: true });
    if (!r.ok) throw new Error('unexpected errors');
    const guard = r.trace?.find((t) => t.sid === 'DenyOtherRegions');
    expect(guard?.conditions[0]?.requestValues).toEqual(['us-east-1']);
  });
  it('names the SCP level that lacks an allow', () => {
    const narrowed: PolicySet = {
      ...set,
      scpLevels: [
        set.scpLevels![0]!,
        {
          target: 'ou Workloads/Prod',
          policies: [{ name: 'Ec2', document: { Statement: { Effect: 'Allow', Action: 'ec2:*', Resource: '*' } } }],
        },
      ],
    };
    const r = evaluate(request, narrowed);
    expect(r.ok && r.missingAllow).toEqual({
      layer: 'scp',
      target: 'ou Workloads/Prod',
      message: `no SCP at ou Workloads/Prod allows s3:GetObject on ${request.resource}`,
    });
  });
  it('lists the other allows an allowed decision needed', () => {
    const r = evaluate(request, set);
    expect(r.ok && r.alsoRequired?.map((a) => `${a.layer}:${a.target ?? ''}:${a.policy}`)).toEqual([
      'scp:root r-ab12:FullAWSAccess',
      'scp:ou Workloads:RegionGuard',
    ]);
  });
  it('renders the decision as text', () => {
    const lines = formatEvaluation(evaluate({ ...request, region: 'us-east-1' }, set, { explain: true }));
    expect(lines[0]).toBe('decision: explicit-deny');
    expect(lines[1]).toBe('decided by scp at ou Workloads: policy RegionGuard, statement #1 (Sid DenyOtherRegions)');
    expect(
      lines.some((l) => l.includes('StringNotEquals aws:RequestedRegion: request ["us-east-1"], policy ["eu-west-1"]')),
    ).toBe(true);
  });
});

describe('input checks', () => {
  it('suggests the closest condition operator', () => {
    const bad: PolicySet = {
      identityPolicies: [
        {
          name: 'P',
          document: {
            Statement: {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: { StringEqual: { 'aws:username': 'a' } },
            },
          },
        },
      ],
    };
    const r = evaluate(request, bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]?.code).toBe('unknown-condition-operator');
      expect(r.errors[0]?.suggestions[0]).toBe('StringEquals');
      expect(r.errors[0]?.message).toContain('StringEqual');
    }
    expect(isAllowed(request, bad)).toBe(false);
  });
  it('names the bad value of a wrongly typed condition', () => {
    const bad: PolicySet = {
      identityPolicies: [
        {
          name: 'P',
          document: {
            Statement: {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } },
            },
          },
        },
      ],
    };
    const r = evaluate(request, bad);
    expect(!r.ok && r.errors[0]?.message).toContain('"one hour" is not a number');
  });
  it('suggests arn: for a resource missing its prefix', () => {
    const r = evaluate({ ...request, resource: 'aws:s3:::bucket/key' }, set);
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'malformed-arn', suggestions: ['arn:aws:s3:::bucket/key'] });
  });
  it('reports unknown services with suggestions', async () => {
    const errors = await checkActions({ ...request, action: 's4:GetObject' }, {});
    expect(errors[0]).toMatchObject({ code: 'unknown-service', path: 'action' });
    expect(errors[0]?.suggestions).toContain('s3:GetObject');
  });
  it('reports action patterns that match nothing', async () => {
    const errors = await checkActions(undefined, {
      identityPolicies: [
        { name: 'P', document: { Statement: { Effect: 'Allow', Action: 's3:Frobnicate*', Resource: '*' } } },
      ],
    });
    expect(errors[0]).toMatchObject({ code: 'action-pattern-matches-nothing', path: 'identity[P].Statement[0]' });
  });
  it('expands service wildcards', async () => {
    const actions = await expandActionPattern('s?s:SendMessage');
    expect(actions).toEqual(['sms:SendMessage', 'sqs:SendMessage']);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveActionSelection, classOfAccessLevel } from '../../src/access/action-info.js';
import { isDeniedMessageProblem, parseDeniedMessage } from '../../src/access/denied-message.js';
import {
  awsManagedPolicies,
  getManagedPolicyDocument,
  managedPolicyCacheExists,
} from '../../src/toolkit/managed-policies.js';
import { ALLOWED, computeMatrix, DENIED_BY_SCP, NOT_GRANTED } from '../../src/access/matrix.js';
import { canQuery, requestFor, scpByArn, ssoRoleName } from '../../src/access/org-queries.js';
import { evaluate } from '../../src/access/evaluate.js';
import { accessOrgFromLive, accessOrgFromSpec } from '../../src/access/org-view.js';
import { PermissionSetResolver } from '../../src/access/permission-set-policies.js';
import { loadModel } from '../../src/toolkit/access-source.js';
import { accessDiff, renderAccessDiff } from '../../src/toolkit/access-diff.js';
import type { OrgModel } from '../../src/model/organization.js';

const GROWTH = join(import.meta.dirname, '..', 'cases', 'access-spec', 'growth', 'org.yaml');

describe('AWS managed policies', () => {
  it('serves the latest document by name or ARN, the same object each time', () => {
    const doc = getManagedPolicyDocument('PowerUserAccess');
    const statements = (Array.isArray(doc!.Statement) ? doc!.Statement : [doc!.Statement]) as {
      NotAction?: unknown;
      Effect: string;
    }[];
    expect(statements[0]).toMatchObject({
      Effect: 'Allow',
      NotAction: expect.arrayContaining(['iam:*', 'organizations:*']),
    });
    expect(getManagedPolicyDocument('arn:aws:iam::aws:policy/PowerUserAccess')).toBe(doc);
    const readOnly = awsManagedPolicies().get('ReadOnlyAccess')!;
    expect(readOnly.arn).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(readOnly.versionId).toMatch(/^v\d+$/);
    expect(awsManagedPolicies().get('arn:aws:iam::aws:policy/service-role/AWS_ConfigRole')?.arn).toBe(
      'arn:aws:iam::aws:policy/service-role/AWS_ConfigRole',
    );
    expect(awsManagedPolicies().names().length).toBeGreaterThan(1000);
    expect(managedPolicyCacheExists()).toBe(true);
  });

  it('unknown names: undefined, with close alternatives (case first)', () => {
    expect(getManagedPolicyDocument('PowerUserAcess')).toBeUndefined();
    expect(awsManagedPolicies().suggest('PowerUserAcess')[0]).toBe('PowerUserAccess');
    expect(awsManagedPolicies().suggest('readonlyaccess')[0]).toBe('ReadOnlyAccess');
    expect(getManagedPolicyDocument('constructor')).toBeUndefined();
  });
});

describe('AccessDenied messages', () => {
  it('AWS CLI message with the SCP wording', () => {
    const m = parseDeniedMessage(
      'An error occurred (AccessDeniedException) when calling the DeleteTable operation: User: arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_PowerUser_abc123/alice is not authorized to perform: dynamodb:DeleteTable on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/orders with an explicit deny in a service control policy',
    );
    expect(m).toEqual({
      errorCode: 'AccessDeniedException',
      operation: 'DeleteTable',
      principalArn: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_PowerUser_abc123/alice',
      accountId: '123456789012',
      action: 'dynamodb:DeleteTable',
      resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders',
      reason: { kind: 'explicit-deny', layer: 'scp', policyType: 'service control policy' },
    });
  });

  it('console wording, line breaks, implicit denies, policy ARNs', () => {
    const m = parseDeniedMessage(
      'User: arn:aws:sts::123456789012:assumed-role/R/s\nis not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::b/k" because no identity-based policy allows the s3:PutObject action',
    );
    expect(isDeniedMessageProblem(m)).toBe(false);
    if (!isDeniedMessageProblem(m))
      expect(m.reason).toEqual({ kind: 'implicit-deny', layer: 'identity', policyType: 'identity-based policy' });
    const b = parseDeniedMessage(
      'User: arn:aws:iam::123456789012:user/u is not authorized to perform: ec2:RunInstances with an explicit deny in a permissions boundary',
    );
    if (!isDeniedMessageProblem(b)) expect(b.reason?.layer).toBe('permission-boundary');
    const withArn = parseDeniedMessage(
      'User: arn:aws:sts::123456789012:assumed-role/R/s is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/x with an explicit deny in a service control policy: arn:aws:organizations::111111111111:policy/o-abc/service_control_policy/p-123',
    );
    if (!isDeniedMessageProblem(withArn))
      expect(withArn.reason?.policyArn).toBe(
        'arn:aws:organizations::111111111111:policy/o-abc/service_control_policy/p-123',
      );
    expect(
      isDeniedMessageProblem(
        parseDeniedMessage('An error occurred (AccessDenied) when calling the PutObject operation: Access Denied'),
      ),
    ).toBe(true);
  });
});

describe('action classes', () => {
  it('combined access levels count as the most powerful', () => {
    expect(classOfAccessLevel('Permissions management, Write')).toBe('admin');
    expect(classOfAccessLevel('Tagging, Write')).toBe('write');
    expect(classOfAccessLevel('List')).toBe('read');
  });

  it('selections mix classes and patterns', async () => {
    const { actions, errors } = await resolveActionSelection(['write', 'dynamodb:*Table'], []);
    expect(errors).toEqual([]);
    expect(actions.map((a) => a.action)).toContain('dynamodb:DeleteTable');
    expect(actions.map((a) => a.action)).not.toContain('dynamodb:DescribeTable');
  });
});

describe('matrix bulk path', () => {
  it('agrees with the explained evaluation for every group, environment and action', async () => {
    const model = await loadModel(GROWTH);
    const org = accessOrgFromSpec(model);
    const resolver = new PermissionSetResolver(model.identity, awsManagedPolicies());
    const { actions } = await resolveActionSelection(
      [
        'dynamodb:DeleteTable',
        'dynamodb:DescribeTable',
        'iam:CreateUser',
        'iam:CreateRole',
        'cloudtrail:StopLogging',
        'ec2:RunInstances',
        's3:GetObject',
      ],
      [],
    );
    const data = computeMatrix(org, resolver, actions, { region: 'eu-west-1' });
    let checked = 0;
    const seen = new Set<number>();
    for (const row of data.rows) {
      if (row.grants.length === 0) continue;
      actions.forEach((action, i) => {
        const principal = { kind: 'group' as const, name: row.group };
        const answer = canQuery(org, resolver, principal, row.environment, { action, region: 'eu-west-1' });
        // Owner-only grants are in the matrix row but not in a group question.
        if (row.grants.some((g) => g.user !== undefined)) return;
        // "Denied by SCP": some permission set here grants it on its own, but the guardrails stop it.
        const grantedAlone = answer.accounts.some((acct) =>
          acct.grants.some((g) => {
            const ps = resolver.get(g.permissionSet)!;
            const account = org.accounts.find((x) => x.name === acct.account)!;
            const request = requestFor(
              org,
              account,
              ssoRoleName(g.permissionSet),
              'session',
              { action, region: 'eu-west-1' },
              acct.resource,
            );
            const r = evaluate(request, { identityPolicies: ps.identityPolicies });
            return r.ok && r.decision === 'allowed';
          }),
        );
        const expected = answer.allowed ? ALLOWED : grantedAlone ? DENIED_BY_SCP : NOT_GRANTED;
        expect([row.group, row.environment, action.action, row.statuses[i]]).toEqual([
          row.group,
          row.environment,
          action.action,
          expected,
        ]);
        seen.add(row.statuses[i]!);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(100);
    expect([...seen].sort()).toEqual([ALLOWED, DENIED_BY_SCP, NOT_GRANTED]);
    // Sharing: accounts with the same SCP chain and permission sets evaluated once.
    expect(data.evaluations).toBeLessThan(actions.length * 10);
  });
});

describe('accessDiff', () => {
  it('reports gains and losses per group and environment, production gains first and flagged', async () => {
    const before = await loadModel(GROWTH);
    const after: OrgModel = {
      ...before,
      identity: {
        ...before.identity,
        assignments: [
          ...before.identity.assignments.filter(
            (a) =>
              !(a.group === 'Developers' && a.environment === 'prod') &&
              !(a.group === 'Ops' && a.environment === 'build'),
          ),
          { group: 'Developers', environment: 'prod', permissionSet: 'PowerUser' },
        ],
      },
    };
    const diff = await accessDiff(before, after, {
      actions: ['dynamodb:DeleteTable', 'dynamodb:DescribeTable', 'iam:CreateUser'],
    });
    expect(diff.lines).toEqual([
      'Developers gain dynamodb:DeleteTable in prod [production]',
      'Ops lose dynamodb:DeleteTable, dynamodb:DescribeTable in build',
    ]);
    expect(diff.changes[0]).toMatchObject({
      group: 'Developers',
      environment: 'prod',
      production: true,
      change: 'gain',
    });
    expect(renderAccessDiff(diff)).toContain('  ! Developers gain dynamodb:DeleteTable in prod [production]');
    const none = await accessDiff(before, before, { actions: ['write'] });
    expect(none.changes).toEqual([]);
    expect(renderAccessDiff(none)).toMatch(/^Access: no change \(\d+ actions compared/);
  });

  it('an SCP change shows as a loss', async () => {
    const before = await loadModel(GROWTH);
    const scps = new Map(before.serviceControlPolicies);
    scps.set('deny-dynamodb-deletes', {
      name: 'deny-dynamodb-deletes',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: '*' }],
      },
      targets: [{ type: 'ou', path: 'Workloads/Prod' }],
      tags: {},
    });
    const diff = await accessDiff(
      before,
      { ...before, serviceControlPolicies: scps },
      { actions: ['dynamodb:DeleteTable'] },
    );
    expect(diff.lines).toEqual(['Ops lose dynamodb:DeleteTable in prod']);
  });
});

describe('explain --from live: the SCP AWS names by ARN', () => {
  it('is found among the live SCPs on the account path, by ARN or policy id', async () => {
    const model = await loadModel(GROWTH);
    const arn = 'arn:aws:organizations::111111111111:policy/o-abc123defg/service_control_policy/p-abcd1234';
    const org = accessOrgFromLive(
      {
        organization: { id: 'o-abc123defg', arn: '', managementAccountId: '111111111111', featureSet: 'ALL' },
        root: { id: 'r-ab12', arn: '', enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'], tags: {} },
        organizationalUnits: [
          { id: 'ou-ab12-11111111', arn: '', name: 'Workloads', parentId: 'r-ab12', path: 'Workloads', tags: {} },
        ],
        accounts: [
          {
            id: '222222222222',
            arn: '',
            name: 'acme-prod',
            email: 'p@example.com',
            status: 'ACTIVE',
            parentId: 'ou-ab12-11111111',
            tags: {},
          },
        ],
        policies: [
          {
            id: 'p-abcd1234',
            arn,
            name: 'deny-iam-users',
            description: '',
            awsManaged: false,
            content:
              '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}',
            tags: {},
            targetIds: ['ou-ab12-11111111'],
          },
        ],
        pendingCreates: [],
      },
      model,
    );
    const account = org.accounts[0]!;
    expect(scpByArn(account, arn)).toEqual({ name: 'deny-iam-users', target: 'ou Workloads' });
    expect(
      scpByArn(account, 'arn:aws:organizations::999999999999:policy/o-other/service_control_policy/p-abcd1234'),
    ).toEqual({
      name: 'deny-iam-users',
      target: 'ou Workloads',
    });
    expect(scpByArn(account, `${arn.slice(0, -8)}p-zzzz9999`)).toBeUndefined();
  });

  it('parses the EC2 format, quoted ARNs and the policy ARN of the newer format', () => {
    const ec2 = parseDeniedMessage(
      'You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/R/s is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-west-2:123456789012:instance/* because no identity-based policy allows the ec2:RunInstances action. Encoded authorization failure message: AbC-123_x',
    );
    expect(ec2).toMatchObject({
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-west-2:123456789012:instance/*',
      encodedMessage: 'AbC-123_x',
      reason: { kind: 'implicit-deny', layer: 'identity' },
    });
    const quoted = parseDeniedMessage(
      'User: arn:aws:sts::123456789012:assumed-role/R/s is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::my bucket" with an explicit deny in a service control policy: arn:aws:organizations::123456789012:policy/o-abc/service_control_policy/p-1a2b3c4d.',
    );
    expect(quoted).toMatchObject({
      resource: 'arn:aws:s3:::my bucket',
      reason: {
        layer: 'scp',
        policyArn: 'arn:aws:organizations::123456789012:policy/o-abc/service_control_policy/p-1a2b3c4d',
      },
    });
    expect(
      parseDeniedMessage(
        'User: arn:aws:iam::123456789012:user/u is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no sessions policy allows the s3:GetObject action',
      ),
    ).toMatchObject({ reason: { kind: 'implicit-deny', layer: 'session-policy', policyType: 'sessions policy' } });
  });
});
